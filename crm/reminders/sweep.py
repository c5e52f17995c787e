"""The sweep run by the scheduler every minute: plan, claim due reminders for delivery, claim due e-mails to send."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F

from crm.models import Reminder
from crm.reminders.outbox import emails_claim
from crm.reminders.planning import PlanResult, reminders_plan

Dispatch = Callable[[list[int]], None]


@dataclass(frozen=True)
class SweepResult:
    plan: PlanResult
    claimed: int
    emails: int = 0


def claimable_reminders(*, now: dt.datetime):
    """Pending reminders due now and not leased to a delivery in flight (uses reminder_claim_idx)."""
    return Reminder.objects.filter(state=Reminder.State.PENDING, next_attempt_at__lte=now).order_by("next_attempt_at")


def reminders_claim(*, now: dt.datetime, dispatch: Dispatch, limit: int) -> list[int]:
    """Claim up to `limit` due reminders and dispatch their ids once the claim is committed.

    SKIP LOCKED lets concurrent sweeps take disjoint rows; the claim only
    leases a row (next_attempt_at moves one lease ahead) so that a task lost
    with its worker is claimed again later.
    """
    lease = dt.timedelta(seconds=settings.REMINDERS_LEASE_SECONDS)
    with transaction.atomic():
        ids = list(
            claimable_reminders(now=now).select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit]
        )
        if ids:
            Reminder.objects.filter(pk__in=ids).update(next_attempt_at=now + lease, attempts=F("attempts") + 1)
            transaction.on_commit(lambda: dispatch(ids))
    return ids


def _claim_batches(claim: Callable[..., list[int]], *, now: dt.datetime, dispatch: Dispatch) -> int:
    batch = settings.REMINDERS_BATCH_SIZE
    claimed = 0
    for _ in range(settings.REMINDERS_MAX_BATCHES_PER_SWEEP):
        ids = claim(now=now, dispatch=dispatch, limit=batch)
        claimed += len(ids)
        if len(ids) < batch:
            break
    return claimed


def reminders_sweep(*, now: dt.datetime, dispatch: Dispatch, dispatch_emails: Dispatch) -> SweepResult:
    """Plan; claim due reminders for `dispatch`; then claim due outbox e-mails for `dispatch_emails`.

    E-mails are claimed last, so that when deliveries run in-process (tests) the
    e-mails they just queued go out in the same sweep.
    """
    plan = reminders_plan(now=now)
    claimed = _claim_batches(reminders_claim, now=now, dispatch=dispatch)
    emails = _claim_batches(emails_claim, now=now, dispatch=dispatch_emails)
    return SweepResult(plan=plan, claimed=claimed, emails=emails)
