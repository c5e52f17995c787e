from rest_framework.routers import SimpleRouter

from crm.imports import views

router = SimpleRouter()
router.register("imports", views.ImportJobViewSet, basename="import")
router.register("import-sources", views.ImportSourceViewSet, basename="import-source")

urlpatterns = router.urls
