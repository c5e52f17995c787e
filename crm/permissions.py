"""Who may call which endpoint. Object rows are further restricted by selectors."""

from rest_framework import permissions
from rest_framework.request import Request

from crm.models import ApiToken, OutreachNote
from crm.roles import recruiter_of


def token_scope(request: Request) -> str | None:
    """The scope of the API key that authenticated the request (None for a session)."""
    return request.auth.scope if isinstance(request.auth, ApiToken) else None


class RecruiterScope(permissions.BasePermission):
    """Recruiters and admins, signed in or with a `recruiter`-scoped key.

    Refuses `status:read` keys and users without a recruiter profile (API
    clients), who may only use the status endpoints.
    """

    message = "This endpoint needs a recruiter or admin account and, with an API key, the `recruiter` scope."

    def has_permission(self, request: Request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if token_scope(request) not in (None, ApiToken.Scope.RECRUITER):
            return False
        return user.is_superuser or recruiter_of(user) is not None


class KeyManagement(permissions.BasePermission):
    """Any signed-in user may manage their own keys, but not with a `status:read` key."""

    message = "A `status:read` key cannot manage API keys."

    def has_permission(self, request: Request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return token_scope(request) in (None, ApiToken.Scope.RECRUITER)


class StaffWritesOnly(permissions.BasePermission):
    """Reads for everyone allowed in; writes for admins and staff."""

    message = "Only admins and staff may change reference data."

    def has_permission(self, request: Request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or request.user.is_superuser or request.user.is_staff


class NoteAuthorOrAdmin(permissions.BasePermission):
    """A note is changed or deleted only by its author or an admin."""

    message = "Only the author of a note or an admin may change it."

    def has_object_permission(self, request: Request, view, obj: OutreachNote) -> bool:
        if request.method in permissions.SAFE_METHODS or request.user.is_superuser:
            return True
        recruiter = recruiter_of(request.user)
        return recruiter is not None and obj.author_id == recruiter.pk
