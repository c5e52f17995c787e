from django.urls import path
from rest_framework.routers import SimpleRouter

from crm.mandates import views

router = SimpleRouter()
router.register("clients", views.ClientViewSet, basename="client")
router.register("mandates", views.MandateViewSet, basename="mandate")
router.register("pipeline", views.PipelineRowViewSet, basename="pipeline")

urlpatterns = [
    path("recruiters/<int:pk>/funnel/", views.RecruiterFunnelView.as_view(), name="recruiter-funnel"),
    *router.urls,
]
