"""Reads of the talent domain: look-ups, search and derived-state filters.

Each function takes and returns a queryset so that callers (admin, API,
reminders) can chain them onto a visibility-restricted starting point.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, F, Max, OuterRef, Prefetch, Q, QuerySet

from talent.availability import Availability
from talent.candidate_rows import candidates_with_rows
from talent.models import Candidate, Company, Employment, EmploymentEvent, NonCompete
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
    """Candidates with a stint at a company named `term`; `current_only`: an open stint (read from the list
    facts, talent.models.facts, through their GIN index)."""
    if current_only:
        company_ids = ArraySubquery(companies_matching(term).order_by().values("pk"))
        return queryset.filter(facts__current_company_ids__overlap=company_ids)
    stints = Employment.objects.filter(candidate=OuterRef("pk"), company__in=companies_matching(term))
    return queryset.filter(Exists(stints))


def candidates_in_band_range(
    queryset: QuerySet[Candidate], *, min_rank: int | None = None, max_rank: int | None = None
) -> QuerySet[Candidate]:
    """Candidates with an open stint whose level maps to a band at least `min_rank` (and, separately, one at
    most `max_rank`), from the list facts: the highest and lowest current band ranks."""
    if min_rank is not None:
        queryset = queryset.filter(facts__band_rank_max__gte=min_rank)
    if max_rank is not None:
        queryset = queryset.filter(facts__band_rank_min__lte=max_rank)
    return queryset


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
    """The SQL twin of talent.availability.candidate_availability, on the list facts.

    A window can bind today only if the latest enforceable end (facts.noncompete_until) is today or later:
    that indexed range narrows the rows, the binding window itself is checked on `today`.
    """
    if state == Availability.NOT_LOOKING:
        return queryset.filter(hold=Candidate.Hold.NOT_LOOKING)
    if state == Availability.PLACED:
        return queryset.filter(hold=Candidate.Hold.PLACED)
    unheld = queryset.filter(hold=Candidate.Hold.NONE)
    binding = Q(facts__noncompete_until__gte=today) & Exists(_binding_windows(today))
    if state == Availability.IN_NONCOMPETE:
        return unheld.filter(binding)
    employed = ~Q(facts__current_company_ids=[])
    if state == Availability.EMPLOYED:
        return unheld.filter(~binding & employed)
    if state == Availability.FREE:
        return unheld.filter(~binding & ~employed)
    raise ValueError(f"Unknown availability {state!r}")


@dataclass(frozen=True)
class ListFacts:
    """What a list asks of the list facts: a current employer by any name, a band range, availability."""

    company: str | None = None
    min_rank: int | None = None
    max_rank: int | None = None
    availability: str | None = None


def candidates_with_list_facts(
    queryset: QuerySet[Candidate], asked: ListFacts, *, today: dt.date
) -> QuerySet[Candidate]:
    """Candidates matching every fact asked, as `candidates_at_company`, `candidates_in_band_range` and
    `candidates_with_availability` would find them one after the other.

    With one employer the rows come from its employer facts (talent.models.facts.EmployerFacts), joined on
    the candidate's ``updated_at`` as well: PostgreSQL then reads a list page sorted by ``updated_at`` in
    index order, checking the band and the window's end in the index, and stops after the page.
    """
    if asked.company is None:
        queryset = candidates_in_band_range(queryset, min_rank=asked.min_rank, max_rank=asked.max_rank)
    else:
        company_ids = list(companies_matching(asked.company).values_list("pk", flat=True))
        if len(company_ids) != 1:
            queryset = candidates_at_company(queryset, asked.company)
            queryset = candidates_in_band_range(queryset, min_rank=asked.min_rank, max_rank=asked.max_rank)
        else:
            at = {"employer_facts__company_id": company_ids[0], "employer_facts__updated_at": F("updated_at")}
            if asked.min_rank is not None:
                at["employer_facts__band_rank_max__gte"] = asked.min_rank
            if asked.max_rank is not None:
                at["employer_facts__band_rank_min__lte"] = asked.max_rank
            if asked.availability == Availability.IN_NONCOMPETE:
                at["employer_facts__noncompete_until__gte"] = today  # narrows; the window is checked below
            queryset = queryset.filter(**at)  # one call: every condition on the same employer row
    if asked.availability is not None:
        queryset = candidates_with_availability(queryset, asked.availability, today=today)
    return queryset


def careers_version() -> str:
    """Changes whenever a stint is written or deleted (its history event) or added without one (bulk
    seeding), or a company is edited: a key for what is derived from every career, kept in the cache."""
    events = EmploymentEvent.objects.aggregate(last=Max("pgh_id"))["last"]
    stints = Employment.objects.aggregate(last=Max("pk"))["last"]
    companies = Company.objects.aggregate(last=Max("updated_at"))["last"]
    return f"{events}:{stints}:{companies.timestamp() if companies else None}"


def candidates_as_rows(queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
    """What an API candidate renders (talent.serializers.rows), in a fixed number of queries.

    Related rows arrive as plain lists of plain values (`<relation>_rows`, talent.candidate_rows): model
    instances and the prefetch machinery were most of the Python time of a page.
    """
    return candidates_with_rows(queryset)


def candidates_with_profile(queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
    """Prefetch what the admin's candidate pages and the timeline read through related managers, in a fixed
    number of queries (the API's rows use `candidates_as_rows`)."""
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
