"""Object rules of the recruiting API. Endpoint rules (roles, key scopes) are in api.permissions."""

from rest_framework import permissions
from rest_framework.request import Request

from crm.models import OutreachNote
from crm.selectors import may_change_note


class NoteAuthorOrAdmin(permissions.BasePermission):
    """A note is changed or deleted only by its author or an admin."""

    message = "Only the author of a note or an admin may change it."

    def has_object_permission(self, request: Request, view, obj: OutreachNote) -> bool:
        return request.method in permissions.SAFE_METHODS or may_change_note(request.user, obj)
