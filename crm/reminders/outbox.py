"""The reminder e-mail outbox: claim due e-mails, send each outside any transaction, retry or give up.

An e-mail row is written with its reminder's notification; sending it is
separate. Transient failures (connection refused or dropped, timeouts, 4xx
replies) are retried with exponential backoff and jitter until the e-mail is
REMINDERS_EMAIL_EXPIRE_HOURS old; permanent refusals (5xx replies) are given
up after REMINDERS_EMAIL_MAX_ATTEMPTS tries. Either way the failure is kept on
the row (`state`, `last_error`), where the admin and the notifications API
show it. The Message-ID is stored on the row, so every attempt carries the
same one and a resend after a lost acknowledgement is recognisable.
"""

import datetime as dt
import random
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F

from crm.models.reminders import ReminderEmail

Dispatch = Callable[[list[int]], None]

SENT = "sent"
RETRY = "retry"
FAILED = "failed"
GONE = "gone"


def claimable_emails(*, now: dt.datetime):
    """Pending e-mails whose next attempt is due (uses reminder_email_claim_idx)."""
    return ReminderEmail.objects.filter(state=ReminderEmail.State.PENDING, next_attempt_at__lte=now).order_by(
        "next_attempt_at"
    )


def emails_claim(*, now: dt.datetime, dispatch: Dispatch, limit: int) -> list[int]:
    """Lease up to `limit` due e-mails (SKIP LOCKED) and dispatch their ids once the lease is committed."""
    lease = dt.timedelta(seconds=settings.REMINDERS_LEASE_SECONDS)
    with transaction.atomic():
        ids = list(claimable_emails(now=now).select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
        if ids:
            ReminderEmail.objects.filter(pk__in=ids).update(next_attempt_at=now + lease, attempts=F("attempts") + 1)
            transaction.on_commit(lambda: dispatch(ids))
    return ids


def is_permanent(error: Exception) -> bool:
    """A 5xx SMTP reply: the server refuses this message or address, and asking again will not change that."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def retry_delay(attempts: int) -> dt.timedelta:
    """Exponential backoff with jitter: about base * 2^(attempts - 1), capped, times a random 0.5-1."""
    base = settings.REMINDERS_EMAIL_RETRY_SECONDS
    ceiling = settings.REMINDERS_EMAIL_RETRY_MAX_SECONDS
    seconds = min(ceiling, base * 2 ** max(attempts - 1, 0))
    return dt.timedelta(seconds=seconds * random.uniform(0.5, 1.0))


def outbox_message(email: ReminderEmail) -> EmailMessage:
    return EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={"Message-ID": email.message_id},
    )


def _record(email: ReminderEmail, now: dt.datetime, **fields) -> None:
    ReminderEmail.objects.filter(pk=email.pk, state=ReminderEmail.State.PENDING).update(updated_at=now, **fields)


def reminder_email_send(*, email_id: int, now: dt.datetime) -> str:
    """Send one claimed e-mail and record the outcome; safe to call any number of times."""
    email = ReminderEmail.objects.filter(pk=email_id).first()
    if email is None or email.state != ReminderEmail.State.PENDING:
        return GONE
    try:
        outbox_message(email).send()
    except (smtplib.SMTPException, OSError) as error:
        reason = f"{type(error).__name__}: {error}"[:500]
        permanent = is_permanent(error)
        expired = now - email.created_at > dt.timedelta(hours=settings.REMINDERS_EMAIL_EXPIRE_HOURS)
        if (permanent and email.attempts >= settings.REMINDERS_EMAIL_MAX_ATTEMPTS) or expired:
            _record(email, now, state=ReminderEmail.State.FAILED, last_error=reason)
            return FAILED
        _record(email, now, next_attempt_at=now + retry_delay(email.attempts), last_error=reason)
        return RETRY
    _record(email, now, state=ReminderEmail.State.SENT, sent_at=now)
    return SENT
