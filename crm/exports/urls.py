from django.urls import path
from rest_framework.routers import SimpleRouter

from crm.exports import views

router = SimpleRouter()
router.register("exports", views.ExportRecordViewSet, basename="export")

urlpatterns = [
    path("candidates/export/", views.CandidateExportView.as_view(), name="candidate-export"),
    path("moves/export/", views.MoveExportView.as_view(), name="move-export"),
    path("mandates/<int:pk>/pipeline/export/", views.PipelineExportView.as_view(), name="mandate-pipeline-export"),
    *router.urls,
]
