from rest_framework.routers import SimpleRouter

from talent import views

router = SimpleRouter()
router.register("companies", views.CompanyViewSet, basename="company")
router.register("ladders", views.LadderViewSet, basename="ladder")
router.register("bands", views.BandViewSet, basename="band")
router.register("candidates", views.CandidateViewSet, basename="candidate")
router.register("employments", views.EmploymentViewSet, basename="employment")
router.register("noncompetes", views.NonCompeteViewSet, basename="noncompete")

urlpatterns = router.urls
