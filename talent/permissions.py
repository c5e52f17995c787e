"""Object rules of the talent API, derived from the clearance rule in talent.access.

Anyone with recruiter rights reads every candidate (confidential ones
redacted). Changing one is for its stewards (owner, owner's team, admins);
deleting one, and the changes that decide who may see it, for its custodians
(owner, the team lead, admins). Reference data (companies, ladders, levels,
bands) is curated by those who hold Django's model permissions for it.
"""

from rest_framework import permissions
from rest_framework.request import Request

from talent.access import candidate_rights
from talent.models import Candidate


class CandidateAccess(permissions.BasePermission):
    """Read all; edit as a steward; delete as a custodian."""

    message = "Only the candidate's owner, the owner's team (to edit) or team lead (to delete) and admins may do this."

    def has_object_permission(self, request: Request, view, obj: Candidate) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        rights = candidate_rights(request.user, obj)
        return rights.may_manage if request.method == "DELETE" else rights.may_edit


class CandidatePartAccess(permissions.BasePermission):
    """A stint or window is changed by whoever may edit its candidate."""

    message = "Only those who may edit the candidate may change its career or non-competes."

    def has_object_permission(self, request: Request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return candidate_rights(request.user, obj.candidate_id).may_edit


class CuratesReferenceData(permissions.BasePermission):
    """Reads for everyone let in; writes need the model's Django permission (admins hold all).

    Demo and real recruiters hold only the view permission on companies,
    ladders, levels and bands; the research desk (the `Reference data
    curators` group) holds add and change.
    """

    message = "Only reference-data curators and admins may change companies, ladders, levels and bands."
    actions = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}

    def has_permission(self, request: Request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        model = view.get_queryset().model
        action = self.actions.get(request.method)
        return action is not None and request.user.has_perm(
            f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        )
