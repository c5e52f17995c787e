"""Reads of the recruiting domain, restricted to what a user may see."""

from django.db.models import Q, QuerySet

from accounts.roles import recruiter_of
from crm.models import OutreachNote
from talent.access import identity_cleared_q
from talent.models import Candidate


def notes_visible_to(user) -> QuerySet[OutreachNote]:
    """Outreach notes `user` may read.

    Only notes on candidates whose identity `user` is cleared for
    (talent.access). Of those, admins read all; API clients (no recruiter
    profile) none; a recruiter every non-confidential note, plus confidential
    ones they wrote or that a member of a team they lead wrote.
    """
    notes = OutreachNote.objects.filter(candidate__in=Candidate.objects.filter(identity_cleared_q(user)).values("pk"))
    if user.is_superuser:
        return notes
    recruiter = recruiter_of(user)
    if recruiter is None:
        return notes.none()
    return notes.filter(Q(is_confidential=False) | Q(author=recruiter) | Q(author__team__lead=recruiter))


def may_change_note(user, note: OutreachNote) -> bool:
    """A note is changed or deleted only by its author or an admin (API and admin alike)."""
    if user.is_superuser:
        return True
    recruiter = recruiter_of(user)
    return recruiter is not None and note.author_id == recruiter.pk
