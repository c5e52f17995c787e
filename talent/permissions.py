"""Who may change a candidate and its career.

Anyone with recruiter rights reads every candidate (confidential ones
redacted, see talent.visibility). Changing one is for the team that runs it:
its owner, members of the owner's team and admins; an unowned candidate is
open to every recruiter. Deleting is for the owner, the lead of the owner's
team and admins.
"""

from rest_framework import permissions
from rest_framework.request import Request

from crm.roles import recruiter_of
from talent.models import Candidate


def can_edit_candidate(user, candidate: Candidate) -> bool:
    if user.is_superuser:
        return True
    recruiter = recruiter_of(user)
    if recruiter is None:
        return False
    if candidate.owner_id is None or candidate.owner_id == recruiter.pk:
        return True
    return recruiter.team_id is not None and candidate.owner.team_id == recruiter.team_id


def can_delete_candidate(user, candidate: Candidate) -> bool:
    if user.is_superuser:
        return True
    recruiter = recruiter_of(user)
    if recruiter is None or candidate.owner_id is None:
        return False
    if candidate.owner_id == recruiter.pk:
        return True
    team = candidate.owner.team
    return team is not None and team.lead_id == recruiter.pk


class CandidateAccess(permissions.BasePermission):
    """Object rule for candidates: read all, edit as the owner's team, delete as owner or lead."""

    message = "Only the candidate's owner, the owner's team (to edit) or team lead (to delete) and admins may do this."

    def has_object_permission(self, request: Request, view, obj: Candidate) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if request.method == "DELETE":
            return can_delete_candidate(request.user, obj)
        return can_edit_candidate(request.user, obj)


class CandidatePartAccess(permissions.BasePermission):
    """Object rule for a stint or window: changed by whoever may edit its candidate."""

    message = "Only those who may edit the candidate may change its career or non-competes."

    def has_object_permission(self, request: Request, view, obj) -> bool:
        return request.method in permissions.SAFE_METHODS or can_edit_candidate(request.user, obj.candidate)
