"""The application's URLs plus /bench/floor/<id>/, the baseline every endpoint is compared with."""

from django.urls import include, path

from bench.views import floor

urlpatterns = [
    path("bench/floor/<int:pk>/", floor),
    path("", include("config.urls")),
]
