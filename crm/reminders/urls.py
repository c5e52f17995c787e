from django.urls import path
from rest_framework.routers import SimpleRouter

from crm.reminders.api import NotificationViewSet, WatchlistViewSet

router = SimpleRouter()
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = [
    *router.urls,
    path(
        "watchlist/",
        WatchlistViewSet.as_view({"get": "list", "post": "create"}),
        name="watchlist-list",
    ),
    path("watchlist/<int:pk>/", WatchlistViewSet.as_view({"delete": "destroy"}), name="watchlist-detail"),
]
