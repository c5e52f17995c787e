"""Writes of careers and non-compete windows; the stored enforceable end is computed here and nowhere else."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from talent import noncompetes
from talent.duplicates import duplicates_refresh_for
from talent.models import Candidate, Employment, NonCompete
from talent.search.refresh import candidate_search_refresh
from talent.services.base import assign_validated, candidate_touch, check_fields

EMPLOYMENT_FIELDS = frozenset(
    {"company", "title", "level", "start_date", "end_date", "departure_reason", "departure_notes"}
)


@transaction.atomic
def employment_create(*, candidate: Candidate, **fields) -> Employment:
    check_fields(fields, EMPLOYMENT_FIELDS, "employment")
    employment = Employment(candidate=candidate, **fields)
    employment.full_clean()
    employment.save()
    candidate_touch(candidate_id=candidate.pk)
    candidate_search_refresh(candidate_ids=[candidate.pk])
    duplicates_refresh_for([candidate.pk])
    return employment


@transaction.atomic
def employment_update(*, employment: Employment, **fields) -> Employment:
    """Change a stint; a new departure date moves the enforceable ends of the windows it left."""
    departed = employment.end_date
    assign_validated(employment, fields=fields, allowed=EMPLOYMENT_FIELDS, what="employment")
    employment.save()
    if employment.end_date != departed:
        windows = list(employment.noncompetes.all())
        for window in windows:
            window.employment = employment
        _noncompetes_store_ends(windows=windows)
    candidate_touch(candidate_id=employment.candidate_id)
    candidate_search_refresh(candidate_ids=[employment.candidate_id])
    duplicates_refresh_for([employment.candidate_id])
    return employment


@transaction.atomic
def employment_delete(*, employment: Employment) -> None:
    """Delete a stint; its windows lose their departure date and count from their own start."""
    candidate_id = employment.candidate_id
    windows = list(employment.noncompetes.all())
    employment.delete()
    for window in windows:
        window.employment = None
    _noncompetes_store_ends(windows=windows)
    candidate_touch(candidate_id=candidate_id)
    candidate_search_refresh(candidate_ids=[candidate_id])
    duplicates_refresh_for([candidate_id])


NONCOMPETE_FIELDS = frozenset(
    {
        "employer",
        "employment",
        "starts_on",
        "contractual_end",
        "jurisdiction",
        "restricted_sectors",
        "region",
        "monthly_compensation",
        "compensation_currency",
        "last_monthly_pay",
        "last_monthly_pay_currency",
        "compensation_paid",
        "unpaid_since",
        "status",
        "ended_on",
        "notes",
    }
)


def noncompete_refresh_end(*, window: NonCompete) -> bool:
    """Set `window.enforceable_end` from its terms and its stint's departure date; True if it moved.

    The one place the stored end is computed: the services below, the demo
    seeder and `noncompetes_recompute_ends` call it. The caller saves.
    """
    end = noncompetes.enforceable_end(window)
    changed = end != window.enforceable_end
    window.enforceable_end = end
    return changed


def _noncompetes_store_ends(*, windows: list[NonCompete]) -> None:
    """Store the ends of `windows`, marking them and their candidates changed (the reminder planner and
    `updated_since` clients look at `updated_at`)."""
    if not windows:
        return
    now = timezone.now()
    for window in windows:
        noncompete_refresh_end(window=window)
        window.updated_at = now
    NonCompete.objects.bulk_update(windows, ["enforceable_end", "updated_at"])
    Candidate.objects.filter(pk__in={window.candidate_id for window in windows}).update(updated_at=now)


@dataclass(frozen=True)
class RecomputeReport:
    checked: int = 0
    changed: int = 0


def noncompetes_recompute_ends(
    *, batch_size: int = 500, on_batch: Callable[[RecomputeReport], None] | None = None
) -> RecomputeReport:
    """Recompute every stored enforceable end, e.g. after a rule in talent.noncompete_rules changed.

    Works in batches by id, each in its own transaction with its windows
    locked, so a failure keeps the batches done and a second run finishes the
    work. Changed windows and their candidates get a new `updated_at`, which
    makes the reminder planner re-plan them and `updated_since` clients see them.
    """
    if batch_size < 1:
        raise ValueError("The batch size must be at least 1.")
    report = RecomputeReport()
    last_id = 0
    while True:
        with transaction.atomic():
            batch = list(
                NonCompete.objects.select_related("employment")
                .select_for_update(of=("self",))
                .filter(pk__gt=last_id)
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return report
            changed = [window for window in batch if noncompete_refresh_end(window=window)]
            _noncompetes_store_ends(windows=changed)
        last_id = batch[-1].pk
        report = RecomputeReport(checked=report.checked + len(batch), changed=report.changed + len(changed))
        if on_batch is not None:
            on_batch(report)


@transaction.atomic
def noncompete_create(*, candidate: Candidate, restricted_companies: list | None = None, **fields) -> NonCompete:
    """Record a window with the enforceable end the law gives it."""
    check_fields(fields, NONCOMPETE_FIELDS, "non-compete")
    window = NonCompete(candidate=candidate, **fields)
    window.full_clean()
    noncompete_refresh_end(window=window)
    window.save()
    if restricted_companies:
        window.restricted_companies.set(restricted_companies)
    candidate_touch(candidate_id=candidate.pk)
    return window


@transaction.atomic
def noncompete_update(*, window: NonCompete, restricted_companies: list | None = None, **fields) -> NonCompete:
    assign_validated(window, fields=fields, allowed=NONCOMPETE_FIELDS, what="non-compete")
    noncompete_refresh_end(window=window)
    window.save()
    if restricted_companies is not None:
        window.restricted_companies.set(restricted_companies)
    candidate_touch(candidate_id=window.candidate_id)
    return window


@transaction.atomic
def noncompete_delete(*, window: NonCompete) -> None:
    candidate_id = window.candidate_id
    window.delete()
    candidate_touch(candidate_id=candidate_id)
