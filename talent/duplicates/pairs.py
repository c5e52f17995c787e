"""Judging a detected pair: dismissed (not the same person) or open again."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction

from talent import access
from talent.models import DuplicatePair

JUDGE_REFUSED = "Only those who may edit both candidates may judge whether they are one person."


def _check_may_judge(actor, pair: DuplicatePair) -> None:
    if not all(access.candidate_rights(actor, pk).may_edit for pk in (pair.low_id, pair.high_id)):
        raise PermissionDenied(JUDGE_REFUSED)


@transaction.atomic
def duplicate_pair_dismiss(*, actor, pair: DuplicatePair, now: dt.datetime) -> DuplicatePair:
    """Mark the pair as two people; refreshes keep it dismissed."""
    _check_may_judge(actor, pair)
    pair.status = DuplicatePair.Status.DISMISSED
    pair.dismissed_by = actor if getattr(actor, "pk", None) else None
    pair.dismissed_at = now
    pair.save(update_fields=["status", "dismissed_by", "dismissed_at", "updated_at"])
    return pair


@transaction.atomic
def duplicate_pair_reopen(*, actor, pair: DuplicatePair) -> DuplicatePair:
    _check_may_judge(actor, pair)
    pair.status = DuplicatePair.Status.OPEN
    pair.dismissed_by, pair.dismissed_at = None, None
    pair.save(update_fields=["status", "dismissed_by", "dismissed_at", "updated_at"])
    return pair
