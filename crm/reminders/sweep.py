"""The sweep run by the scheduler every minute: plan, then claim due reminders and hand them to delivery."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F

from crm.models import Reminder
from crm.reminders.planning import PlanResult, reminders_plan

Dispatch = Callable[[list[int]], None]


@dataclass(frozen=True)
class SweepResult:
    plan: PlanResult
    claimed: int


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


def reminders_sweep(*, now: dt.datetime, dispatch: Dispatch) -> SweepResult:
    plan = reminders_plan(now=now)
    batch = settings.REMINDERS_BATCH_SIZE
    claimed = 0
    for _ in range(settings.REMINDERS_MAX_BATCHES_PER_SWEEP):
        ids = reminders_claim(now=now, dispatch=dispatch, limit=batch)
        claimed += len(ids)
        if len(ids) < batch:
            break
    return SweepResult(plan=plan, claimed=claimed)
