"""Candidate status and its changes feed, mounted under /api/v1/ by crm.urls."""

from django.urls import path

from crm.status import views

urlpatterns = [
    path("status/", views.StatusListView.as_view(), name="status-list"),
    path("status/changes/", views.StatusChangesView.as_view(), name="status-changes"),
    path("status/<int:pk>/", views.StatusDetailView.as_view(), name="status-detail"),
]
