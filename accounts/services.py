"""Writes about the people who use Talentbase: API keys and recruiters' preferences."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import ApiToken, Recruiter
from accounts.models.tokens import hash_token

TOKEN_PREFIX = "tb_"
# last_used_at is written at most this often per key, to keep reads cheap.
TOKEN_TOUCH_INTERVAL = dt.timedelta(minutes=1)
# A key's expiry is at most this far ahead: a later one is a typo, and unbounded dates overflow date arithmetic.
TOKEN_LONGEST_LIFE = dt.timedelta(days=10 * 366)


@transaction.atomic
def token_create(
    *, user, name: str, scope: str = ApiToken.Scope.STATUS_READ, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a named key; returns the token and the raw key, which is never stored."""
    if scope == ApiToken.Scope.RECRUITER and not (user.is_superuser or hasattr(user, "recruiter")):
        raise ValidationError({"scope": "Only recruiters and admins may hold a recruiter-scoped key."})
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        raise ValidationError({"expires_at": "The expiry must be in the future."})
    if expires_at is not None and expires_at > now + TOKEN_LONGEST_LIFE:
        raise ValidationError({"expires_at": "The expiry must be within ten years."})
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


RECRUITER_PREFERENCES = ("timezone", "city", "reminder_milestones", "email_reminders", "in_app_reminders")


@transaction.atomic
def recruiter_update_preferences(*, recruiter: Recruiter, **fields) -> Recruiter:
    unknown = set(fields) - set(RECRUITER_PREFERENCES)
    if unknown:
        raise TypeError(f"Unknown preference fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(recruiter, name, value)
    recruiter.full_clean(exclude=["user", "team"])
    recruiter.save(update_fields=list(fields))
    return recruiter
