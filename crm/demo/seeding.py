"""Writes invented candidates in transaction-sized batches with bulk inserts.

Memory stays bounded by one batch, and an interrupted run leaves whole
batches only. bulk_create skips save(), so the generators set every derived
field themselves (pinyin, search text, enforceable ends).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, reset_queries, transaction

from crm.demo.mandates import mandates_seed
from crm.demo.patterns import STORY_CANDIDATES, demo_recruiter, patterns_seed, patterns_seeded
from crm.demo.people import Bundle, invent_candidate
from crm.demo.reference import Market
from crm.models import OutreachNote
from talent.duplicates import duplicates_refresh_for
from talent.models import Candidate, CandidateAlias, Company, ContactChannel, Education, Employment, NonCompete
from talent.search.refresh import candidate_search_refresh


@dataclass
class SeedReport:
    candidates: int = 0
    employments: int = 0
    noncompetes: int = 0
    notes: int = 0
    founded_companies: int = 0
    mandates: int = 0


def candidates_seed(
    *,
    count: int,
    seed: int,
    today: dt.date,
    batch_size: int,
    market: Market,
    on_batch: Callable[[int], None] = lambda size: None,
) -> SeedReport:
    """Invent and insert `count` candidates; `on_batch` hears of each committed batch's size."""
    report = SeedReport()
    # The pattern stories are part of the count, once per database.
    stories = STORY_CANDIDATES if count >= STORY_CANDIDATES and not patterns_seeded() else 0
    count -= stories
    for start in range(0, count, batch_size):
        size = min(batch_size, count - start)
        with transaction.atomic():
            ids = _reserve_candidate_ids(size)
            bundles = [
                invent_candidate(position=start + i, candidate_id=ids[i], seed=seed, today=today, market=market)
                for i in range(size)
            ]
            _insert(bundles, report)
        # With DEBUG on, Django keeps every query's SQL; a million rows of it would not fit.
        reset_queries()
        on_batch(size)
    if count or stories:
        with transaction.atomic():
            if stories:
                report.candidates += patterns_seed(today=today)
                on_batch(stories)
            report.mandates = mandates_seed(today=today)
            _watch_windows_ending_soon(today=today)
    return report


def _watch_windows_ending_soon(*, today: dt.date, limit: int = 12) -> None:
    """The demo login watches a few people whose non-compete ends about now, so its desk is not empty.

    From the day after tomorrow: `today` is the server's date, and for a recruiter east of it (Beijing
    from 16:00 UTC) a window ending today has already ended.
    """
    recruiter = demo_recruiter()
    soon = NonCompete.objects.filter(
        enforceable_end__range=(today + dt.timedelta(days=2), today + dt.timedelta(days=30))
    ).order_by("enforceable_end", "pk")
    candidate_ids = list(dict.fromkeys(soon.values_list("candidate_id", flat=True)))[:limit]
    recruiter.watched_candidates.add(*candidate_ids)


def _reserve_candidate_ids(size: int) -> list[int]:
    """Take ids from the table's sequence, so unique demo values can carry them before the insert."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Candidate._meta.db_table, size],
        )
        return sorted(row[0] for row in cursor.fetchall())


def _insert(bundles: list[Bundle], report: SeedReport) -> None:
    founded = [b.career.founded for b in bundles if b.career.founded is not None]
    Company.objects.bulk_create(founded)
    Candidate.objects.bulk_create([b.candidate for b in bundles])
    CandidateAlias.objects.bulk_create([alias for b in bundles for alias in b.aliases])
    ContactChannel.objects.bulk_create([contact for b in bundles for contact in b.contacts])
    Education.objects.bulk_create([row for b in bundles for row in b.education])

    employments = []
    for bundle in bundles:
        for employment in bundle.career.employments:
            employment.candidate_id = bundle.candidate.pk
            employments.append(employment)
    Employment.objects.bulk_create(employments)

    windows = [b for b in bundles if b.career.noncompete is not None]
    for bundle in windows:
        bundle.career.noncompete.candidate_id = bundle.candidate.pk
    NonCompete.objects.bulk_create([b.career.noncompete for b in windows])
    Restricted = NonCompete.restricted_companies.through
    Restricted.objects.bulk_create(
        [
            Restricted(noncompete_id=b.career.noncompete.pk, company_id=company_id)
            for b in windows
            for company_id in b.career.restricted_company_ids
        ]
    )

    notes = [note for b in bundles for note in b.notes]
    OutreachNote.objects.bulk_create(notes)
    Watch = Candidate.watchers.through
    Watch.objects.bulk_create(
        [
            Watch(candidate_id=b.candidate.pk, recruiter_id=recruiter_id)
            for b in bundles
            for recruiter_id in b.watcher_ids
        ]
    )
    candidate_search_refresh(candidate_ids=[b.candidate.pk for b in bundles])
    duplicates_refresh_for([b.candidate.pk for b in bundles])

    report.candidates += len(bundles)
    report.employments += len(employments)
    report.noncompetes += len(windows)
    report.notes += len(notes)
    report.founded_companies += len(founded)
