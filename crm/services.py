"""Writes of the recruiting domain: API keys and outreach notes."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from crm.models import ApiToken, OutreachNote, Recruiter
from crm.models.tokens import hash_token
from talent.models import Candidate
from talent.services import assign_validated

TOKEN_PREFIX = "tb_"
# last_used_at is written at most this often per key, to keep reads cheap.
TOKEN_TOUCH_INTERVAL = dt.timedelta(minutes=1)


@transaction.atomic
def token_create(
    *, user, name: str, scope: str = ApiToken.Scope.STATUS_READ, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a named key; returns the token and the raw key, which is never stored."""
    if scope == ApiToken.Scope.RECRUITER and not (user.is_superuser or hasattr(user, "recruiter")):
        raise ValidationError({"scope": "Only recruiters and admins may hold a recruiter-scoped key."})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "The expiry must be in the future."})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name, scope=scope, expires_at=expires_at, prefix=raw[:10], key_hash=hash_token(raw)
    )
    token.full_clean()
    token.save()
    return token, raw


def token_revoke(*, token: ApiToken, now: dt.datetime | None = None) -> bool:
    """Revoke a key; True if this call revoked it (False if it already was)."""
    now = now or timezone.now()
    changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
    if changed:
        token.revoked_at = now
    return bool(changed)


def token_touch(*, token: ApiToken, now: dt.datetime) -> None:
    """Record use of a key, at most once per TOKEN_TOUCH_INTERVAL."""
    threshold = now - TOKEN_TOUCH_INTERVAL
    if token.last_used_at is not None and token.last_used_at > threshold:
        return
    ApiToken.objects.filter(pk=token.pk).filter(Q(last_used_at__isnull=True) | Q(last_used_at__lte=threshold)).update(
        last_used_at=now
    )
    token.last_used_at = now


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


RECRUITER_PREFERENCES = ("timezone", "city", "reminder_milestones", "email_reminders", "in_app_reminders")


@transaction.atomic
def recruiter_update_preferences(*, recruiter: Recruiter, **fields) -> Recruiter:
    assign_validated(
        recruiter, fields=fields, allowed=RECRUITER_PREFERENCES, what="preference", exclude=["user", "team"]
    )
    recruiter.save(update_fields=list(fields))
    return recruiter
