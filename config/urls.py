from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from accounts.signin import SignInForm

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    # Before talent's routes, where candidates/export/ would read as the candidate with id "export".
    path("api/v1/", include("crm.exports.urls")),
    path("api/v1/", include("talent.urls")),
    path("api/v1/", include("crm.urls")),
    path("api/v1/", include("accounts.urls")),
    # The browsable API's log-in, with the form that reports a locked-out address.
    path(
        "api/auth/login/",
        LoginView.as_view(template_name="rest_framework/login.html", authentication_form=SignInForm),
    ),
    path("api/auth/", include("rest_framework.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
]
