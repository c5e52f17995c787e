"""Endpoint rules for clients, mandates and the pipeline; rows are further restricted by crm.mandates.access."""

from rest_framework import permissions
from rest_framework.request import Request

from accounts.models import ApiToken
from api.permissions import RecruiterScope, token_scope

CLIENT_ACTIONS = frozenset({"list", "retrieve"})


class NotClientKey(permissions.BasePermission):
    """A client's key reads its own mandates and pipeline, nothing else."""

    message = "A `client` key may only read its own mandates and their pipeline."

    def has_permission(self, request: Request, view) -> bool:
        return token_scope(request) != ApiToken.Scope.CLIENT


class RecruiterOrClientReader(permissions.BasePermission):
    """Recruiters and admins as RecruiterScope; a `client` key may list and read, nothing more."""

    message = "This endpoint needs a recruiter or admin account, or a `client` key (to list and read only)."

    def has_permission(self, request: Request, view) -> bool:
        if token_scope(request) == ApiToken.Scope.CLIENT:
            return request.method in permissions.SAFE_METHODS and getattr(view, "action", None) in CLIENT_ACTIONS
        return RecruiterScope().has_permission(request, view)
