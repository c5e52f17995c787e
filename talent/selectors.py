"""Reads of the talent domain: look-ups, search and derived-state filters.

Each function takes and returns a queryset so that callers (admin, API,
reminders) can chain them onto a visibility-restricted starting point.
"""

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from talent.availability import Availability
from talent.models import Candidate, Company, Employment, NonCompete
from talent.names import fold
from talent.search import query as search_query


def companies_matching(term: str) -> QuerySet[Company]:
    """Companies whose name, native name or an alias is `term` (any case or script)."""
    term = (term or "").strip()
    if not term:
        return Company.objects.none()
    folded = fold(term)
    return Company.objects.filter(
        Q(name__iexact=term)
        | Q(native_name__iexact=folded)
        | Q(native_name__iexact=term)
        | Q(aliases__name__iexact=term)
    ).distinct()


def company_lookup(term: str) -> Company | None:
    return companies_matching(term).first()


def company_group_ids(company_ids, *, with_subsidiaries: bool = True) -> set[int]:
    """The given companies and, optionally, every subsidiary below them (any depth)."""
    group = set(company_ids)
    frontier = set(group)
    while with_subsidiaries and frontier:
        frontier = set(Company.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - group
        group |= frontier
    return group


def companies_search(term: str, queryset: QuerySet[Company] | None = None) -> QuerySet[Company]:
    """Companies with `term` anywhere in a name or alias (for autocomplete)."""
    queryset = Company.objects.all() if queryset is None else queryset
    folded = fold(term)
    return queryset.filter(search_text__icontains=folded) if folded else queryset


def _open_stints() -> QuerySet[Employment]:
    return Employment.objects.filter(candidate=OuterRef("pk"), end_date__isnull=True)


def _binding_windows(today: dt.date) -> QuerySet[NonCompete]:
    return NonCompete.objects.filter(candidate=OuterRef("pk"), starts_on__lte=today, enforceable_end__gte=today)


def candidates_search(queryset: QuerySet[Candidate], term: str, *, all_cleared: bool = False) -> QuerySet[Candidate]:
    """Candidates `term` finds by any name form, alias, pseudonym, employer, title or tag, ranked.

    The one search (talent.search.query): `queryset` carries `identity_cleared`
    (talent.access) unless `all_cleared`; order by SEARCH_ORDERING to rank.
    """
    return search_query.candidates_search(queryset, term, all_cleared=all_cleared)


def candidates_at_company(
    queryset: QuerySet[Candidate], term: str, *, current_only: bool = True
) -> QuerySet[Candidate]:
    stints = Employment.objects.filter(candidate=OuterRef("pk"), company__in=companies_matching(term))
    if current_only:
        stints = stints.filter(end_date__isnull=True)
    return queryset.filter(Exists(stints))


def candidates_in_band_range(
    queryset: QuerySet[Candidate], *, min_rank: int | None = None, max_rank: int | None = None
) -> QuerySet[Candidate]:
    """Candidates whose current level maps to a band within the ranks given."""
    stints = Employment.objects.filter(candidate=OuterRef("pk"), end_date__isnull=True, level__band__isnull=False)
    if min_rank is not None:
        stints = stints.filter(level__band__rank__gte=min_rank)
    if max_rank is not None:
        stints = stints.filter(level__band__rank__lte=max_rank)
    return queryset.filter(Exists(stints))


def candidates_with_noncompete_ending(
    queryset: QuerySet[Candidate], *, after: dt.date | None = None, before: dt.date | None = None
) -> QuerySet[Candidate]:
    """Candidates with a window whose enforceable end lies in [after, before]."""
    windows = NonCompete.objects.filter(candidate=OuterRef("pk"), enforceable_end__isnull=False)
    if after is not None:
        windows = windows.filter(enforceable_end__gte=after)
    if before is not None:
        windows = windows.filter(enforceable_end__lte=before)
    return queryset.filter(Exists(windows))


def candidates_with_availability(queryset: QuerySet[Candidate], state: str, *, today: dt.date) -> QuerySet[Candidate]:
    """The SQL twin of talent.availability.candidate_availability."""
    if state == Availability.NOT_LOOKING:
        return queryset.filter(hold=Candidate.Hold.NOT_LOOKING)
    if state == Availability.PLACED:
        return queryset.filter(hold=Candidate.Hold.PLACED)
    unheld = queryset.filter(hold=Candidate.Hold.NONE)
    binding = Exists(_binding_windows(today))
    if state == Availability.IN_NONCOMPETE:
        return unheld.filter(binding)
    employed = Exists(_open_stints())
    if state == Availability.EMPLOYED:
        return unheld.filter(~binding & employed)
    if state == Availability.FREE:
        return unheld.filter(~binding & ~employed)
    raise ValueError(f"Unknown availability {state!r}")


def candidates_with_profile(queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
    """Prefetch what a candidate page or status renders, in a fixed number of queries."""
    return queryset.select_related("owner__user", "owner__team").prefetch_related(
        "aliases",
        Prefetch("employments", queryset=Employment.objects.select_related("company", "level__band")),
        Prefetch(
            "noncompetes",
            # The stint gives the departure date the law facts count from.
            queryset=NonCompete.objects.select_related("employer", "employment").prefetch_related(
                "restricted_companies"
            ),
        ),
    )
