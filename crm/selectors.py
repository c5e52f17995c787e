"""Reads of the recruiting domain, restricted to what a user may see."""

from django.db.models import Q, QuerySet

from crm.models import OutreachNote
from crm.roles import recruiter_of


def notes_visible_to(user) -> QuerySet[OutreachNote]:
    """Outreach notes `user` may read.

    Admins see all; API clients (no recruiter profile) see none; a recruiter
    sees every non-confidential note, plus confidential ones they wrote or
    that were written by a member of a team they lead.
    """
    notes = OutreachNote.objects.all()
    if user.is_superuser:
        return notes
    recruiter = recruiter_of(user)
    if recruiter is None:
        return notes.none()
    return notes.filter(Q(is_confidential=False) | Q(author=recruiter) | Q(author__team__lead=recruiter))
