"""Who may call which endpoint, by role and API-key scope. Rows are further restricted by selectors."""

from rest_framework import permissions
from rest_framework.request import Request

from accounts.models import ApiToken
from accounts.roles import recruiter_of


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
