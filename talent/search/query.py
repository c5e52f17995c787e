"""The one candidate search: stored tokens (talent.search.tokens) matched through their GIN index.

- ``candidates_search(queryset, term, *, all_cleared=False) -> QuerySet``: the rows of `queryset` that
  `term` finds, annotated with ``search_rank`` (0 exact name, 1 name prefix, 2 other name parts, titles and
  tags, 3 employers) and ``search_order``, a single ascending sort key: rank first, then most recent
  ``updated_at``. It is one column so that cursor pagination (which pages on its first ordering field)
  stays a keyset: order by ``SEARCH_ORDERING``. An empty term returns `queryset` unchanged. Sorting by
  this key sorts every match: fine for the admin and small sets, too slow for a page of a million rows.
- ``search_tiers(queryset, term, *, all_cleared=False) -> list[QuerySet]``: the same rows split by rank,
  ``tiers[r].queryset`` holding exactly the rows of ``search_rank == r``. Each tier ordered by
  ``TIER_ORDERING`` (most recent first) is read either by the ids of its few token holders or, when it
  has many, by an index-ordered walk that stops after a page (talent.search.pagination pages through the
  tiers one after the other).
- ``SearchPosition`` and ``search_page(tiers, *, after=None, before=None, limit) -> list[SearchPosition]``:
  the next ``limit`` rows after (or before) a position in the order (rank, -updated_at, -id), which is
  exactly the order of ``SEARCH_ORDERING``; one query per tier visited, stopping once the page is full.

Visibility: `queryset` must carry the ``identity_cleared`` annotation of
talent.access.candidates_visible_to, or the caller says that every row is
cleared (`all_cleared=True`, e.g. a queryset from candidates_cleared_for).
Where the identity is not cleared only the pseudonym's tokens may match, and
the rank is computed from them alone, so neither the result nor its order
tells anything about the hidden name, aliases, employers or titles.
"""

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connections, transaction
from django.db.models import Case, DecimalField, F, Func, IntegerField, Q, QuerySet, Value, When

from talent.models import Candidate, CandidateSearch
from talent.planner import estimated_rows
from talent.search.tokens import query_tokens

SEARCH_ORDERING = ["search_order", "-id"]
TIER_ORDERING = ["-updated_at", "-id"]
RANKS = 4
# Ranks are 10^10 seconds apart: updated_at (epoch seconds, about 1.8 * 10^9 today) orders inside a rank.
_RANK_SPAN = 10**10


class _Epoch(Func):
    template = "EXTRACT(EPOCH FROM %(expressions)s)"
    output_field = DecimalField(max_digits=24, decimal_places=6)


def _overlap(tokens: list[str]) -> Q:
    return Q(search__tokens__overlap=tokens)


def _cleared(queryset: QuerySet[Candidate], all_cleared: bool) -> Q:
    if all_cleared:
        return Q()
    if "identity_cleared" in queryset.query.annotations:
        return Q(identity_cleared=True)
    raise ValueError("candidates_search needs the identity_cleared annotation (talent.access) or all_cleared=True")


def _rank_conditions(tokens, cleared: Q) -> list[Q]:
    """`conditions[r]`: the row has a token of rank r it may match on (ranks 0-2; rank 3 is the rest)."""

    def at_rank(rank: int) -> Q:
        found = cleared & _overlap(tokens.identity[rank])
        return found | _overlap(tokens.pseudonym[rank]) if rank < len(tokens.pseudonym) else found

    return [at_rank(rank) for rank in range(RANKS - 1)]


def candidates_search(queryset: QuerySet[Candidate], term: str, *, all_cleared: bool = False) -> QuerySet[Candidate]:
    tokens = query_tokens(term)
    if not tokens:
        return queryset
    cleared = _cleared(queryset, all_cleared)
    conditions = _rank_conditions(tokens, cleared)

    # The first condition is the one the GIN index answers; the second drops rows found only by
    # identity-bearing tokens where the identity is hidden.
    matching = queryset.filter(_overlap(tokens.every))
    if not all_cleared:
        matching = matching.filter(cleared | _overlap(tokens.pseudonym_only))
    rank = Case(
        *(When(condition, then=Value(r)) for r, condition in enumerate(conditions)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return matching.annotate(search_rank=rank).annotate(
        search_order=F("search_rank") * Value(_RANK_SPAN, output_field=DecimalField()) - _Epoch("updated_at")
    )


@dataclass(frozen=True)
class Tier:
    """The rows of one rank (`queryset`) and the tokens that can put a row there (`tokens`, any visibility)."""

    queryset: QuerySet[Candidate]
    tokens: list[str]


def search_tiers(queryset: QuerySet[Candidate], term: str, *, all_cleared: bool = False) -> list[Tier]:
    """The rows `term` finds split by rank: ``tiers[r].queryset`` are the rows that candidates_search ranks r.

    `queryset` may already be searched (candidates_search) and filtered: the conditions are added to it.
    An empty term gives no tiers.
    """
    tokens = query_tokens(term)
    if not tokens:
        return []
    cleared = _cleared(queryset, all_cleared)
    matching = queryset.filter(_overlap(tokens.every))
    if not all_cleared:
        matching = matching.filter(cleared | _overlap(tokens.pseudonym_only))
    conditions = _rank_conditions(tokens, cleared)
    tiers = []
    for rank in range(RANKS):
        tier = matching.filter(conditions[rank]) if rank < len(conditions) else matching
        for lower in conditions[:rank]:
            tier = tier.exclude(lower)
        pseudonym = list(tokens.pseudonym[rank]) if rank < len(tokens.pseudonym) else []
        tiers.append(Tier(tier, list(tokens.identity[rank]) + pseudonym))
    return tiers


@dataclass(frozen=True)
class SearchPosition:
    """A row's place in the search order: rank ascending, then updated_at and id descending."""

    rank: int
    updated_at: dt.datetime
    id: int

    def encode(self) -> str:
        return f"{self.rank}|{self.updated_at.isoformat()}|{self.id}"

    @classmethod
    def decode(cls, text: str) -> "SearchPosition":
        """Raises ValueError on anything but a position encode() wrote."""
        rank, updated_at, pk = text.split("|")
        position = cls(int(rank), dt.datetime.fromisoformat(updated_at), int(pk))
        if not 0 <= position.rank < RANKS or position.updated_at.tzinfo is None:
            raise ValueError(text)
        return position


def _after(position: SearchPosition) -> Q:
    return Q(updated_at__lt=position.updated_at) | Q(updated_at=position.updated_at, id__lt=position.id)


def _before(position: SearchPosition) -> Q:
    return Q(updated_at__gt=position.updated_at) | Q(updated_at=position.updated_at, id__gt=position.id)


# A tier with at most SPARSE rows holding one of its tokens is read by those rows' ids (the GIN index, then
# a sort of at most SPARSE rows); a denser one by walking the (updated_at, id) index, which then meets a
# match at least every N / SPARSE rows. Which one: the planner's estimate of the holders (array statistics
# know the common tokens; a rare token is estimated low, and then at most SPARSE + 1 ids are read to
# check). Left to itself PostgreSQL walks the whole index when it overestimates a tier whose matches all
# rank lower (15 s at 250,000 candidates, bench/README.md); and reading the ids of 25,000 holders of
# ``c:字节`` costs more than the walk.
SPARSE = 2000


def _sparse_holder_ids(tokens: list[str], using: str) -> list[int] | None:
    """The ids of the candidates holding one of `tokens` when there are at most SPARSE of them, else None."""
    holders = CandidateSearch.objects.using(using).filter(tokens__overlap=tokens)
    if estimated_rows(holders) > SPARSE:
        return None
    ids = list(holders.values_list("candidate_id", flat=True)[: SPARSE + 1])
    return ids if len(ids) <= SPARSE else None


def _tier_rows(tier: Tier) -> QuerySet[Candidate]:
    if not tier.tokens:
        return tier.queryset.none()
    ids = _sparse_holder_ids(tier.tokens, tier.queryset.db)
    return tier.queryset if ids is None else tier.queryset.filter(pk__in=ids)


def narrowed_to_holders(queryset: QuerySet[Candidate], term: str) -> QuerySet[Candidate]:
    """`queryset` cut to the few candidates holding a token of `term`, when they are few; else as it is.

    For a caller that sorts a search by something of its own (the admin's
    columns): PostgreSQL then walks that order's index until a page is full,
    and for a rare name that is the whole table (8.9 s at a million
    candidates for an English name held by 300). Matching rows are a subset
    of the holders, so what is found does not change.
    """
    tokens = query_tokens(term)
    if not tokens:
        return queryset
    using = queryset.db
    holders = CandidateSearch.objects.using(using).filter(tokens__overlap=tokens.every)
    # Through the GIN index even when the planner expects many holders (it knows no better for tokens its
    # statistics have not seen): under a LIMIT it would read the table hoping to meet them early.
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        ids = list(holders.values_list("candidate_id", flat=True)[: SPARSE + 1])
        cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")
    return queryset.filter(pk__in=ids) if len(ids) <= SPARSE else queryset


def search_page(
    tiers: list[Tier],
    *,
    after: SearchPosition | None = None,
    before: SearchPosition | None = None,
    limit: int,
) -> list[SearchPosition]:
    """Up to `limit` positions following `after` (or, with `before`, preceding it, nearest first).

    Per tier visited: an estimate and, for a sparse tier, its holders' ids (at most SPARSE + 1); then one
    id query ordered by (updated_at, id) and limited to what the page still needs. No query sorts every
    match.
    """
    found: list[SearchPosition] = []
    if not tiers:
        return found
    with _serial(tiers[0].queryset.db):
        _read_tiers(tiers, found, after=after, before=before, limit=limit)
    return found


@contextmanager
def _serial(using: str):
    """No parallel workers for the tier reads, inside a transaction (as API requests are): an index walk
    that stops after a page is 3x slower in a Gather Merge (worker start-up, 2 cores; bench/README.md)."""
    connection = connections[using]
    if not connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('max_parallel_workers_per_gather', '0', true)")
    yield  # after an error the transaction rolls back, and the setting with it
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL max_parallel_workers_per_gather TO DEFAULT")


def _read_tiers(tiers, found, *, after, before, limit) -> None:
    if before is not None:
        ranks = range(before.rank, -1, -1)
        ordering = ["updated_at", "id"]
    else:
        ranks = range(after.rank if after is not None else 0, len(tiers))
        ordering = TIER_ORDERING
    for rank in ranks:
        need = limit - len(found)
        if need <= 0:
            break
        tier = _tier_rows(tiers[rank])
        if after is not None and rank == after.rank:
            tier = tier.filter(_after(after))
        if before is not None and rank == before.rank:
            tier = tier.filter(_before(before))
        rows = tier.prefetch_related(None).order_by(*ordering).values_list("updated_at", "id")[:need]
        found.extend(SearchPosition(rank, updated_at, pk) for updated_at, pk in rows)
