from django.urls import path

from crm.privacy.views import EraseView, PersonalDataView

urlpatterns = [
    path("candidates/<int:pk>/personal-data/", PersonalDataView.as_view(), name="candidate-personal-data"),
    path("candidates/<int:pk>/erase/", EraseView.as_view(), name="candidate-erase"),
]
