"""Who may see a candidate's identity.

Every authenticated user may know a candidate exists, but a confidential
candidate is shown by name only to its owner, the owner's team and admins;
everyone else sees the pseudonym.
"""

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from crm.roles import recruiter_of
from talent.models import Candidate


def identity_cleared_q(user) -> Q:
    """A filter over Candidate: rows whose real identity `user` may see."""
    if user.is_superuser:
        return Q()
    recruiter = recruiter_of(user)
    cleared = Q(is_confidential=False)
    if recruiter is not None:
        cleared |= Q(owner=recruiter)
        if recruiter.team_id is not None:
            cleared |= Q(owner__team_id=recruiter.team_id)
    return cleared


def candidates_visible_to(user) -> QuerySet[Candidate]:
    """All candidates, each annotated with `identity_cleared` for this user."""
    if user.is_superuser:
        # identity_cleared_q is then an empty Q, which When() refuses.
        return Candidate.objects.annotate(identity_cleared=Value(True, output_field=BooleanField()))
    return Candidate.objects.annotate(
        identity_cleared=Case(
            When(identity_cleared_q(user), then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


def can_see_identity(user, candidate: Candidate) -> bool:
    if hasattr(candidate, "identity_cleared"):
        return candidate.identity_cleared
    if user.is_superuser or not candidate.is_confidential:
        return True
    recruiter = recruiter_of(user)
    if recruiter is None or candidate.owner_id is None:
        return False
    if candidate.owner_id == recruiter.pk:
        return True
    return recruiter.team_id is not None and candidate.owner.team_id == recruiter.team_id


def public_name(user, candidate: Candidate) -> str:
    """The name `user` may see: the real one, or the pseudonym."""
    return candidate.display_name if can_see_identity(user, candidate) else candidate.pseudonym
