from rest_framework.routers import SimpleRouter

from accounts import views

router = SimpleRouter()
router.register("recruiters", views.RecruiterViewSet, basename="recruiter")
router.register("teams", views.TeamViewSet, basename="team")
router.register("tokens", views.ApiTokenViewSet, basename="token")

urlpatterns = router.urls
