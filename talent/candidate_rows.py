"""Candidates read with their related rows as plain values, for rendering (talent.serializers.rows).

A page of 50 candidates carries ~650 related rows: aliases, contacts,
watchers, stints with their company and level, windows with their employer
and restricted companies. Read by prefetch_related, each was a model instance
and the prefetch machinery ran for every relation; that was most of the
Python time of a list page (bench/README.md). Here each relation is one
`values()` query for the candidates read together, and each related row a
`Row`: the model's fields under their attribute names (`company_id`), the rows
it carries under the relation's name (`company`), and `pk`. Those are all
that the row readers use: talent.serializers.rows, `current_employment` and
`availability_of` (talent.availability) and `window_facts`
(talent.noncompetes), which reads a window's `employment.end_date`.

Every candidate the queryset yields gets its rows as `<relation>_rows` lists,
whether the queryset is read whole (a page) or through
`iterator(chunk_size=...)` (an export, one chunk at a time). A status
(crm.status.payload) reads only the career: CandidatesWithCareerRows brings
stints and windows alone, with only the columns availability and moves read,
and `attach_career_of` reads the same rows by statements compiled once.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from types import SimpleNamespace

from django.db.models import Exists, Model, OuterRef, QuerySet
from django.db.models.query import ModelIterable

from api.statements import AnyOf, Statement
from talent.models import Candidate, CandidateAlias, ContactChannel, Employment, NonCompete

ITERATOR_CHUNK_SIZE = 2000  # Django's own default for iterator()


class Row(SimpleNamespace):
    """A related row: its model's fields by attribute name, and `pk`."""

    @property
    def pk(self) -> int:
        return self.id


class StintRow(Row):
    is_current = Employment.is_current  # the model's own rule


def _fields(model: type[Model]) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def _by(key: str, rows: Iterable[Row]) -> defaultdict[int, list[Row]]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


def _company(values: dict, relation: str) -> Row:
    """The joined company of `relation` (its name columns are taken out of `values`)."""
    return Row(
        id=values[f"{relation}_id"],
        name=values.pop(f"{relation}__name"),
        native_name=values.pop(f"{relation}__native_name"),
    )


def _level(values: dict) -> Row | None:
    code, band_id = values.pop("level__code"), values.pop("level__band_id")
    band_code, band_rank = values.pop("level__band__code"), values.pop("level__band__rank")
    if values["level_id"] is None:
        return None
    band = None if band_id is None else Row(id=band_id, code=band_code, rank=band_rank)
    return Row(id=values["level_id"], code=code, band_id=band_id, band=band)


def _stint(values: dict) -> StintRow:
    company, level = _company(values, "company"), _level(values)
    return StintRow(**values, company=company, level=level)


def _window(values: dict) -> Row:
    employer = _company(values, "employer")
    departure = values.pop("employment__end_date")
    employment = None if values["employment_id"] is None else Row(id=values["employment_id"], end_date=departure)
    return Row(**values, employer=employer, employment=employment)


def _plain_rows(model: type[Model], db: str, candidate_ids: list[int]) -> list[Row]:
    return [Row(**values) for values in model.objects.using(db).filter(candidate_id__in=candidate_ids).values()]


def _watchers(db: str, candidate_ids: list[int]) -> list[Row]:
    # In the related manager's order: Recruiter's, by username.
    links = (
        Candidate.watchers.through.objects.using(db)
        .filter(candidate_id__in=candidate_ids)
        .order_by("recruiter__user__username")
        .values_list("candidate_id", "recruiter_id")
    )
    return [Row(id=recruiter_id, candidate_id=candidate_id) for candidate_id, recruiter_id in links]


STINT_JOINED = (
    "company__name",
    "company__native_name",
    "level__code",
    "level__band_id",
    "level__band__code",
    "level__band__rank",
)
WINDOW_JOINED = ("employer__name", "employer__native_name", "employment__end_date")
RESTRICTED_COLUMNS = ("noncompete_id", "company_id", "company__name")


def _stints(db: str, candidate_ids: list[int], fields: Iterable[str]) -> list[StintRow]:
    stints = Employment.objects.using(db).filter(candidate_id__in=candidate_ids)
    return [_stint(values) for values in stints.values(*fields, *STINT_JOINED)]


def _windows(db: str, candidate_ids: list[int], fields: Iterable[str]) -> list[Row]:
    windows = NonCompete.objects.using(db).filter(candidate_id__in=candidate_ids)
    rows = [_window(values) for values in windows.values(*fields, *WINDOW_JOINED)]
    if rows:
        links = _restricted_links().using(db).filter(noncompete_id__in=[window.id for window in rows])
        _attach_restricted(rows, links.values(*RESTRICTED_COLUMNS))
    return rows


def _restricted_links() -> QuerySet:
    # In the related manager's order: Company's, by name.
    return NonCompete.restricted_companies.through.objects.order_by("company__name")


def _attach_restricted(windows: list[Row], links: Iterable[dict]) -> None:
    restricted = _by(
        "noncompete_id",
        (Row(id=link["company_id"], name=link["company__name"], noncompete_id=link["noncompete_id"]) for link in links),
    )
    for window in windows:
        window.restricted_companies_rows = restricted[window.id]


# What a career needs to answer availability, the current job and moves (talent.availability, talent.moves).
CAREER_STINT_FIELDS = ("id", "candidate_id", "company_id", "title", "level_id", "start_date", "end_date")
CAREER_WINDOW_FIELDS = ("id", "candidate_id", "employer_id", "employment_id", "starts_on", "enforceable_end")

# The career of candidates read by id (statuses): the same reads, each compiled to SQL once (api.statements).
_STINTS_OF = Statement(
    lambda ids: Employment.objects.filter(AnyOf("candidate_id", ids)).values(*CAREER_STINT_FIELDS, *STINT_JOINED)
)
_WINDOWS_OF = Statement(
    lambda ids: NonCompete.objects.filter(AnyOf("candidate_id", ids)).values(*CAREER_WINDOW_FIELDS, *WINDOW_JOINED)
)
_RESTRICTED_OF = Statement(
    lambda ids: _restricted_links().filter(AnyOf("noncompete__candidate_id", ids)).values(*RESTRICTED_COLUMNS)
)


def has_windows() -> Exists:
    """An annotation for a candidate: whether it has any window (most have none, and `attach_career_of` then
    skips reading them)."""
    return Exists(NonCompete.objects.filter(candidate_id=OuterRef("pk")))


def attach_career_of(candidates: list[Candidate], *, with_windows: Iterable[int]) -> None:
    """Only stints and windows, with only the CAREER_* columns, by statements compiled once; windows are read
    only for the ids in `with_windows`."""
    if not candidates:
        return
    db, ids = _read_from(candidates)
    with_windows = list(with_windows)
    stints = _by("candidate_id", (_stint(values) for values in _STINTS_OF.rows(db, ids=ids)))
    windows = [_window(values) for values in _WINDOWS_OF.rows(db, ids=with_windows)] if with_windows else []
    if windows:
        _attach_restricted(windows, _RESTRICTED_OF.rows(db, ids=with_windows))
    windows = _by("candidate_id", windows)
    for candidate in candidates:
        candidate.employments_rows = stints[candidate.pk]
        candidate.noncompetes_rows = windows[candidate.pk]


def attach_related_rows(candidates: list[Candidate]) -> None:
    """Gives each candidate its `<relation>_rows`: one query per relation, and one for restricted companies."""
    if not candidates:
        return
    db, ids = _read_from(candidates)
    aliases = _by("candidate_id", _plain_rows(CandidateAlias, db, ids))
    contacts = _by("candidate_id", _plain_rows(ContactChannel, db, ids))
    watchers = _by("candidate_id", _watchers(db, ids))
    for candidate in candidates:
        candidate.aliases_rows = aliases[candidate.pk]
        candidate.contacts_rows = contacts[candidate.pk]
        candidate.watchers_rows = watchers[candidate.pk]
    _attach_career(candidates, db, ids, _fields(Employment), _fields(NonCompete))


def attach_career_rows(candidates: list[Candidate]) -> None:
    """What a status reads (crm.status.payload): `attach_career_of`, every candidate's windows included."""
    attach_career_of(candidates, with_windows=[candidate.pk for candidate in candidates])


def _read_from(candidates: list[Candidate]) -> tuple[str, list[int]]:
    # Where the candidates were read: a replica is picked per query (api.replicas), and the rows must match.
    return candidates[0]._state.db, [candidate.pk for candidate in candidates]


def _attach_career(
    candidates: list[Candidate], db: str, ids: list[int], stint_fields: Iterable[str], window_fields: Iterable[str]
) -> None:
    stints = _by("candidate_id", _stints(db, ids, stint_fields))
    windows = _by("candidate_id", _windows(db, ids, window_fields))
    for candidate in candidates:
        candidate.employments_rows = stints[candidate.pk]
        candidate.noncompetes_rows = windows[candidate.pk]


class CandidatesWithRows(QuerySet):
    """Candidates that arrive with their related rows (`attach_rows`), however the queryset is read."""

    attach_rows = staticmethod(attach_related_rows)

    def _yields_candidates(self) -> bool:
        return self._iterable_class is ModelIterable  # not values(), values_list(), ...

    def _fetch_all(self) -> None:
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._yields_candidates():
            self.attach_rows(self._result_cache)

    def _iterator(self, use_chunked_fetch: bool, chunk_size: int | None) -> Iterator:
        candidates = super()._iterator(use_chunked_fetch, chunk_size)
        if not self._yields_candidates():
            yield from candidates
            return
        while chunk := list(islice(candidates, chunk_size or ITERATOR_CHUNK_SIZE)):
            self.attach_rows(chunk)
            yield from chunk


class CandidatesWithCareerRows(CandidatesWithRows):
    """Candidates that arrive with only their stints and windows (attach_career_rows)."""

    attach_rows = staticmethod(attach_career_rows)


def candidates_with_rows(
    queryset: QuerySet[Candidate], kind: type[CandidatesWithRows] = CandidatesWithRows
) -> QuerySet[Candidate]:
    """`queryset`, filters and all, as `kind` (its clones keep the class)."""
    rows = queryset._chain()
    rows.__class__ = kind
    return rows
