"""Finding likely duplicates and keeping the stored pairs current.

`duplicates_refresh_for(candidate_ids)` is called by every service that
changes a key's inputs (names, contacts, stints), after its writes and in its
transaction: it recomputes those candidates' keys and finds the other holders
of each key through the key index, so its cost grows with the candidates
changed, never with the table. `duplicates_rebuild()` recomputes every key and
finds every pair with one set-based self-join of the key table.

A key held by more than MAX_KEY_HOLDERS candidates (a common name at a big
employer) says nothing about any two of them and is ignored.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from talent.duplicates.keys import (
    CandidateFacts,
    Stint,
    candidate_keys,
    key_company,
    key_reason,
    ordered_reasons,
    pair_score,
    years_overlap,
)
from talent.models import Candidate, ContactChannel, DuplicateKey, DuplicatePair, Employment

MAX_KEY_HOLDERS = 20
BATCH_SIZE = 2000

Pair = tuple[int, int]


def _facts(candidate_ids: list[int]) -> dict[int, CandidateFacts]:
    facts = {
        pk: CandidateFacts(native_name=native, english_name=english)
        for pk, native, english in Candidate.objects.filter(pk__in=candidate_ids).values_list(
            "pk", "native_name", "english_name"
        )
    }
    for candidate_id, kind, value in ContactChannel.objects.filter(candidate_id__in=facts).values_list(
        "candidate_id", "kind", "value"
    ):
        facts[candidate_id].contacts.append((kind, value))
    for candidate_id, stint in _stints(Q(candidate_id__in=facts)):
        facts[candidate_id].stints.append(stint)
    return facts


def _stints(condition: Q) -> Iterable[tuple[int, Stint]]:
    rows = Employment.objects.filter(condition).values_list("candidate_id", "company_id", "start_date", "end_date")
    for candidate_id, company_id, start, end in rows:
        yield candidate_id, Stint(company_id, start.year, end.year if end else None)


def _store_keys(candidate_ids: list[int]) -> dict[int, set[str]]:
    """Recompute and store the keys of these candidates (ids of deleted ones are skipped)."""
    keys = {pk: candidate_keys(facts) for pk, facts in _facts(candidate_ids).items()}
    DuplicateKey.objects.filter(candidate_id__in=candidate_ids).delete()
    DuplicateKey.objects.bulk_create(DuplicateKey(candidate_id=pk, key=key) for pk, ks in keys.items() for key in ks)
    return keys


def _years_confirmed(shared: dict[Pair, set[str]]) -> dict[Pair, list[str]]:
    """Reasons per pair; a pinyin match counts only when both worked at that employer in overlapping years."""
    pinyin_companies = {
        (pair, key_company(key)) for pair, keys in shared.items() for key in keys if key_reason(key) == "pinyin"
    }
    stints: dict[tuple[int, int], list[Stint]] = defaultdict(list)
    if pinyin_companies:
        people = {pk for (pair, _company) in pinyin_companies for pk in pair}
        companies = {company for (_pair, company) in pinyin_companies}
        for candidate_id, stint in _stints(Q(candidate_id__in=people, company_id__in=companies)):
            stints[(candidate_id, stint.company_id)].append(stint)
    found = {}
    for pair, keys in shared.items():
        reasons = set()
        for key in keys:
            reason = key_reason(key)
            if reason == "pinyin":
                company = key_company(key)
                if not years_overlap(stints[(pair[0], company)], stints[(pair[1], company)]):
                    continue
            reasons.add(reason)
        if reasons:
            found[pair] = ordered_reasons(reasons)
    return found


def _store_pairs(found: dict[Pair, list[str]], *, stale: Q) -> None:
    """Write `found`; existing pairs matching `stale` but not found are dropped, or emptied when dismissed."""
    now = timezone.now()
    DuplicatePair.objects.bulk_create(
        [
            DuplicatePair(low_id=low, high_id=high, reasons=reasons, score=pair_score(set(reasons)), updated_at=now)
            for (low, high), reasons in found.items()
        ],
        update_conflicts=True,
        unique_fields=["low", "high"],
        update_fields=["reasons", "score", "updated_at"],
        batch_size=BATCH_SIZE,
    )
    gone = [
        (pk, status)
        for pk, low, high, status in DuplicatePair.objects.filter(stale).values_list(
            "pk", "low_id", "high_id", "status"
        )
        if (low, high) not in found
    ]
    # A dismissal is a person's judgement: it outlives the reasons, in case they come back.
    DuplicatePair.objects.filter(pk__in=[pk for pk, status in gone if status == DuplicatePair.Status.OPEN]).delete()
    DuplicatePair.objects.filter(pk__in=[pk for pk, status in gone if status != DuplicatePair.Status.OPEN]).update(
        reasons=[], score=0, updated_at=now
    )


@transaction.atomic
def duplicates_refresh_for(candidate_ids: Iterable[int]) -> None:
    """Recompute the keys and pairs of these candidates after their names, contacts or stints changed."""
    ids = sorted(set(candidate_ids))
    if not ids:
        return
    keys = _store_keys(ids)
    wanted = {key for candidate_keys_ in keys.values() for key in candidate_keys_}
    holders: dict[str, set[int]] = defaultdict(set)
    for key, holder in DuplicateKey.objects.filter(key__in=wanted).values_list("key", "candidate_id"):
        holders[key].add(holder)
    shared: dict[Pair, set[str]] = defaultdict(set)
    for pk, candidate_keys_ in keys.items():
        for key in candidate_keys_:
            if len(holders[key]) > MAX_KEY_HOLDERS:
                continue
            for other in holders[key] - {pk}:
                shared[(min(pk, other), max(pk, other))].add(key)
    _store_pairs(_years_confirmed(shared), stale=Q(low_id__in=ids) | Q(high_id__in=ids))


@dataclass(frozen=True)
class RebuildReport:
    candidates: int
    keys: int
    pairs: int


# Pairs of candidates sharing a key that at most MAX_KEY_HOLDERS candidates hold, with the keys shared.
_SHARED_KEYS_SQL = """
WITH usable AS (
    SELECT key FROM talent_duplicatekey GROUP BY key HAVING count(*) BETWEEN 2 AND %s
)
SELECT a.candidate_id, b.candidate_id, array_agg(a.key)
  FROM talent_duplicatekey AS a
  JOIN talent_duplicatekey AS b ON b.key = a.key AND b.candidate_id > a.candidate_id
 WHERE a.key IN (SELECT key FROM usable)
 GROUP BY a.candidate_id, b.candidate_id
"""


def duplicates_rebuild(
    *, batch_size: int = BATCH_SIZE, progress: Callable[[int, int], None] | None = None
) -> RebuildReport:
    """Recompute every key (in batches of ids), then every pair with one self-join; dismissals stay."""
    total = Candidate.objects.count()
    done, last = 0, 0
    while True:
        ids = list(Candidate.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not ids:
            break
        with transaction.atomic():
            _store_keys(ids)
        done, last = done + len(ids), ids[-1]
        if progress is not None:
            progress(done, total)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(_SHARED_KEYS_SQL, [MAX_KEY_HOLDERS])
            shared = {(low, high): set(keys) for low, high, keys in cursor.fetchall()}
        found = _years_confirmed(shared)
        _store_pairs(found, stale=Q())
    return RebuildReport(candidates=done, keys=DuplicateKey.objects.count(), pairs=len(found))
