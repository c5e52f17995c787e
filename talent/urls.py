from django.urls import path
from rest_framework.routers import SimpleRouter

from talent import views, views_duplicates
from talent.moves import views as moves_views

router = SimpleRouter()
router.register("companies", views.CompanyViewSet, basename="company")
router.register("ladders", views.LadderViewSet, basename="ladder")
router.register("bands", views.BandViewSet, basename="band")
router.register("candidates", views.CandidateViewSet, basename="candidate")
router.register("employments", views.EmploymentViewSet, basename="employment")
router.register("noncompetes", views.NonCompeteViewSet, basename="noncompete")
router.register("duplicates", views_duplicates.DuplicatePairViewSet, basename="duplicate")
router.register("moves", moves_views.MoveViewSet, basename="move")

urlpatterns = [*router.urls, path("flows/", moves_views.FlowsView.as_view(), name="flows")]
