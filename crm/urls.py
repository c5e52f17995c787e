from django.urls import include, path
from rest_framework.routers import SimpleRouter

from crm import views

router = SimpleRouter()
router.register("notes", views.OutreachNoteViewSet, basename="note")
router.register("recruiters", views.RecruiterViewSet, basename="recruiter")
router.register("teams", views.TeamViewSet, basename="team")
router.register("tokens", views.ApiTokenViewSet, basename="token")

urlpatterns = [
    path("", include("crm.reminders.urls")),
    *router.urls,
]
