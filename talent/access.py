"""Who may see and change a candidate: the one clearance rule.

Every authenticated user may know that a candidate exists. Beyond that, three
circles, each a filter over Candidate written once here:

- **stewards** run the candidate: its owner, the members of the owner's team
  and of the candidate's responsible team, and admins. They see the real
  identity of a confidential candidate and may edit it.
- **custodians** answer for it: its owner, the lead of the owner's team or of
  the responsible team, and admins. Only they may un-hide a confidential
  candidate, change its pseudonym, owner or team, or delete it.
- everyone with recruiter rights sees a confidential candidate by pseudonym
  only (identity not cleared).

The API (querysets, serializers, permissions), the status payload, the admin,
search, reminders and exports all read these three filters, either through the
annotations of `candidates_visible_to` or through `candidate_rights`.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from accounts.roles import recruiter_of
from talent.models import Candidate

NOBODY = Q(pk__in=[])
# Fields that decide who may see a candidate; changing them is for custodians
# (hiding a candidate is the one change every steward may make).
CUSTODY_FIELDS = ("is_confidential", "pseudonym", "owner", "team")


def stewards_q(user) -> Q:
    """Candidates `user` runs: owned by them or by their team (admins: all)."""
    if getattr(user, "is_superuser", False):
        return Q()
    recruiter = recruiter_of(user)
    if recruiter is None:
        return NOBODY
    rows = Q(owner=recruiter.pk)
    if recruiter.team_id is not None:
        rows |= Q(owner__team=recruiter.team_id) | Q(team=recruiter.team_id)
    return rows


def custodians_q(user) -> Q:
    """Candidates `user` answers for: owned by them or by a team they lead (admins: all)."""
    if getattr(user, "is_superuser", False):
        return Q()
    recruiter = recruiter_of(user)
    if recruiter is None:
        return NOBODY
    return Q(owner=recruiter.pk) | Q(owner__team__lead=recruiter.pk) | Q(team__lead=recruiter.pk)


def identity_cleared_q(user) -> Q:
    """Candidates whose real identity (names, aliases, contacts, pay, notes) `user` may see."""
    stewards = stewards_q(user)
    return stewards if stewards == Q() else Q(is_confidential=False) | stewards


def _flag(condition: Q) -> Case | Value:
    # An empty Q (admins) matches every row, but When() refuses it.
    if condition == Q():
        return Value(True, output_field=BooleanField())
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def candidates_visible_to(user) -> QuerySet[Candidate]:
    """Every candidate, annotated with what `user` may do with it.

    `identity_cleared`: sees the real identity; `may_edit`: is a steward;
    `may_manage`: is a custodian. Rows are the same for everyone: a candidate
    nobody may see by name still exists under its pseudonym.
    """
    return Candidate.objects.annotate(
        identity_cleared=_flag(identity_cleared_q(user)),
        may_edit=_flag(stewards_q(user)),
        may_manage=_flag(custodians_q(user)),
    )


def candidates_with_identity_flag(user) -> QuerySet[Candidate]:
    """Every candidate with only the `identity_cleared` annotation: what a status needs of the rules, without
    compiling and joining for the other two on every status read."""
    return candidates_flagged_cleared_by(identity_cleared_q(user))


def candidates_flagged_cleared_by(condition: Q) -> QuerySet[Candidate]:
    """Every candidate with `identity_cleared` for a condition from `identity_cleared_q`: a status by id
    compiles its statement once per condition (crm.status.payload)."""
    return Candidate.objects.annotate(identity_cleared=_flag(condition))


def candidates_cleared_for(user) -> QuerySet[Candidate]:
    """Only the candidates whose identity `user` may see (the admin desk, notes, exports)."""
    return Candidate.objects.filter(identity_cleared_q(user))


@dataclass(frozen=True)
class CandidateRights:
    identity_cleared: bool
    may_edit: bool
    may_manage: bool


NO_RIGHTS = CandidateRights(identity_cleared=False, may_edit=False, may_manage=False)


def candidate_rights(user, candidate: Candidate | int) -> CandidateRights:
    """What `user` may do with one candidate, from its annotations when it has them, else in one query."""
    if isinstance(candidate, Candidate) and hasattr(candidate, "may_manage"):
        return CandidateRights(candidate.identity_cleared, candidate.may_edit, candidate.may_manage)
    pk = candidate.pk if isinstance(candidate, Candidate) else candidate
    row = candidates_visible_to(user).filter(pk=pk).values("identity_cleared", "may_edit", "may_manage").first()
    return NO_RIGHTS if row is None else CandidateRights(**row)


def public_name(user, candidate: Candidate) -> str:
    """The name `user` may see: the real one, or the pseudonym."""
    cleared = candidate_rights(user, candidate).identity_cleared
    return candidate.display_name if cleared else candidate.pseudonym


EDIT_REFUSED = "Only the candidate's owner, the owner's team and admins may change this candidate."


def check_may_edit(user, candidate: Candidate) -> None:
    if not candidate_rights(user, candidate).may_edit:
        raise PermissionDenied(EDIT_REFUSED)


def check_custody_change(user, candidate: Candidate, changes: dict) -> None:
    """Refuses changes to who may see `candidate` that `user` may not make.

    `changes` maps field names to new values (model instances or ids for
    owner and team). Hiding a candidate (is_confidential: True) is open to
    every steward; un-hiding it, renaming its pseudonym while it is hidden and
    handing it to another owner or team are for custodians.
    """
    rights = candidate_rights(user, candidate)
    if not rights.may_edit:
        raise PermissionDenied(EDIT_REFUSED)
    if rights.may_manage:
        return
    for field in CUSTODY_FIELDS:
        if field not in changes:
            continue
        new, old = _comparable(changes[field]), _comparable(getattr(candidate, _attname(field)))
        if new == old:
            continue
        if field == "is_confidential" and new is True:
            continue
        if field == "pseudonym" and not candidate.is_confidential:
            continue
        raise PermissionDenied(
            "Only the candidate's owner, the owner's team lead and admins may un-hide a confidential candidate "
            "or change its pseudonym, owner or team."
        )


def check_custody_on_create(user, *, owner, team) -> None:
    """A recruiter creates candidates for themselves or their own team; admins for anyone."""
    if getattr(user, "is_superuser", False):
        return
    recruiter = recruiter_of(user)
    if recruiter is None:
        raise PermissionDenied("Only recruiters and admins may create candidates.")
    owner_id, team_id = _comparable(owner), _comparable(team)
    if owner_id not in (None, recruiter.pk) or team_id not in (None, recruiter.team_id):
        raise PermissionDenied("A recruiter may create candidates only for themselves or their own team.")


def _attname(field: str) -> str:
    return f"{field}_id" if field in ("owner", "team") else field


def _comparable(value):
    return getattr(value, "pk", value)
