"""Writes of the recruiting domain: outreach notes."""

from django.db import transaction

from accounts.models import Recruiter
from crm.models import OutreachNote
from talent.models import Candidate
from talent.services import assign_validated

NOTE_FIELDS = (
    "happened_at",
    "channel",
    "direction",
    "summary",
    "interest",
    "declined_reason",
    "follow_up_on",
    "is_confidential",
)


@transaction.atomic
def outreach_note_log(*, author: Recruiter, candidate: Candidate, **fields) -> OutreachNote:
    """Log a conversation with a candidate; the author is the caller."""
    unknown = set(fields) - set(NOTE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown note fields: {sorted(unknown)}")
    note = OutreachNote(author=author, candidate=candidate, **fields)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def outreach_note_update(*, note: OutreachNote, **fields) -> OutreachNote:
    assign_validated(note, fields=fields, allowed=NOTE_FIELDS, what="note")
    note.save()
    return note


def outreach_note_delete(*, note: OutreachNote) -> None:
    note.delete()
