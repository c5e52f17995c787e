from django.urls import include, path
from rest_framework.routers import SimpleRouter

from crm import views
from crm.history.views import CandidateHistoryView

router = SimpleRouter()
router.register("notes", views.OutreachNoteViewSet, basename="note")

urlpatterns = [
    path("candidates/<int:pk>/timeline/", views.CandidateTimelineView.as_view(), name="candidate-timeline"),
    path("candidates/<int:pk>/history/", CandidateHistoryView.as_view(), name="candidate-history"),
    path("", include("crm.privacy.urls")),
    path("", include("crm.status.urls")),
    path("", include("crm.reminders.urls")),
    path("", include("crm.mandates.urls")),
    path("", include("crm.imports.urls")),
    *router.urls,
]
