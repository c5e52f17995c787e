"""Retention: people with no activity for TALENTBASE_RETENTION_YEARS are reviewed, then anonymised.

Last activity is the latest of the candidate's own change (stints touch it),
its notes, its non-compete windows and its pipeline rows (each move updates
the row). A reviewer decides keep or anonymise (RetentionReview, the latest
decision counts); `retention_anonymise` erases those decided "anonymise"
that stayed inactive since, without suppressing their contacts: they did
not ask to be forgotten.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import DateTimeField, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from crm.models import OutreachNote, PipelineRow
from crm.privacy.erasure import CandidateNotFound, erase_candidate
from crm.privacy.models import ErasureReason, PrivacyVia, RetentionDecision, RetentionReview
from talent.models import Candidate, NonCompete
from talent.privacy_rules import add_months


def retention_cutoff(*, now: dt.datetime, years: int | None = None) -> dt.datetime:
    years = settings.TALENTBASE_RETENTION_YEARS if years is None else years
    day = add_months(now.date(), -12 * years)
    return now.replace(year=day.year, month=day.month, day=day.day)


def _latest(model, column: str):
    rows = model.objects.filter(candidate=OuterRef("pk")).order_by().values("candidate")
    return Subquery(rows.annotate(latest=Max(column)).values("latest")[:1], output_field=DateTimeField())


def with_last_activity(candidates: QuerySet[Candidate]) -> QuerySet[Candidate]:
    latest_review = RetentionReview.objects.filter(candidate=OuterRef("pk")).order_by("-decided_at", "-id")
    return candidates.annotate(
        last_activity=Greatest(
            F("updated_at"),
            Coalesce(_latest(OutreachNote, "updated_at"), F("updated_at")),
            Coalesce(_latest(OutreachNote, "happened_at"), F("updated_at")),
            Coalesce(_latest(NonCompete, "updated_at"), F("updated_at")),
            Coalesce(_latest(PipelineRow, "updated_at"), F("updated_at")),
        ),
        review_decision=Subquery(latest_review.values("decision")[:1]),
        reviewed_at=Subquery(latest_review.values("decided_at")[:1]),
    )


def retention_candidates(*, now: dt.datetime, years: int | None = None) -> QuerySet[Candidate]:
    """Candidates with no activity since the cutoff, oldest activity first, with their latest review."""
    cutoff = retention_cutoff(now=now, years=years)
    return with_last_activity(Candidate.objects.all()).filter(last_activity__lt=cutoff).order_by("last_activity", "pk")


def retention_due_for_review(*, now: dt.datetime, years: int | None = None) -> QuerySet[Candidate]:
    """Inactive candidates nobody decided on since they went quiet."""
    return retention_candidates(now=now, years=years).filter(
        Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=F("last_activity"))
    )


@transaction.atomic
def retention_decide(*, reviewer, candidate_id: int, decision: str, now: dt.datetime) -> RetentionReview:
    if decision not in RetentionDecision.values:
        raise ValueError(f"Unknown retention decision {decision!r}.")
    if not Candidate.objects.filter(pk=candidate_id).exists():
        raise CandidateNotFound(candidate_id)
    return RetentionReview.objects.create(
        candidate_id=candidate_id,
        reviewer=reviewer if getattr(reviewer, "pk", None) else None,
        decision=decision,
        decided_at=now,
    )


@dataclass
class AnonymiseReport:
    erased: list[int] = field(default_factory=list)


def retention_anonymise(
    *, actor, now: dt.datetime, years: int | None = None, via: str = PrivacyVia.COMMAND
) -> AnonymiseReport:
    """Erase every candidate decided "anonymise" that is still inactive, each in its own transaction."""
    due = retention_candidates(now=now, years=years).filter(
        review_decision=RetentionDecision.ANONYMISE, last_activity__lte=F("reviewed_at")
    )
    report = AnonymiseReport()
    for candidate_id in list(due.values_list("pk", flat=True)):
        erase_candidate(
            actor=actor,
            candidate_id=candidate_id,
            reason=ErasureReason.RETENTION,
            now=now,
            via=via,
            suppress_contacts=False,
        )
        report.erased.append(candidate_id)
    return report
