from django.urls import include, path
from rest_framework.routers import SimpleRouter

from crm import views

router = SimpleRouter()
router.register("notes", views.OutreachNoteViewSet, basename="note")

urlpatterns = [
    path("candidates/<int:pk>/timeline/", views.CandidateTimelineView.as_view(), name="candidate-timeline"),
    path("", include("crm.status.urls")),
    path("", include("crm.reminders.urls")),
    path("", include("crm.mandates.urls")),
    *router.urls,
]
