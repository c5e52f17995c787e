"""The four conflicts that can wreck a placement, computed from current facts on every read.

1. The candidate's non-compete restricts the client: it names the client, a
   company of the client's group (its parent or a subsidiary, any depth), or
   a sector the client works in, and binds on the day the candidate would
   start → blocked until the window's enforceable end.
2. The candidate's current employer is off-limits under our promise to a
   client (any client, this one included) → blocked or warned per that
   client's terms, while it has a mandate open and for its months after.
3. We placed the candidate with another client and its guarantee still runs → warned.
4. The candidate is submitted (or further) on another client's mandate → warned.

Nothing is stored but the override (its reason, who, when, and the keys of the
conflicts it covered): a released window or an ended agreement changes the
verdict of every open row at once, and a new conflict is not covered by an
old override. `conflicts_for` takes any number of rows in a fixed number of
queries.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, Max, Min, OuterRef, Prefetch

from crm.models import Client, Mandate, PipelineRow, Placement, Stage
from talent.models import Company, Employment, NonCompete


class Rule:
    NONCOMPETE = "noncompete"
    OFF_LIMITS = "off_limits"
    GUARANTEE = "guarantee"
    SUBMITTED_ELSEWHERE = "submitted_elsewhere"


class Severity:
    BLOCK = "block"
    WARN = "warn"


class Verdict:
    CLEAR = "clear"
    WARNING = "warning"
    BLOCKED = "blocked"
    OVERRIDDEN = "overridden"


SUBMITTED_STAGES = (Stage.SUBMITTED, Stage.CLIENT_INTERVIEW, Stage.OFFER)


@dataclass(frozen=True)
class Conflict:
    key: str
    rule: str
    severity: str
    reason: str
    until: dt.date | None
    days_left: int | None
    overridden: bool = False


def verdict_of(conflicts: Iterable[Conflict]) -> str:
    standing = [c for c in conflicts if not c.overridden]
    if any(c.severity == Severity.BLOCK for c in standing):
        return Verdict.BLOCKED
    if standing:
        return Verdict.WARNING
    return Verdict.OVERRIDDEN if any(True for _ in conflicts) else Verdict.CLEAR


def blocking(conflicts: Iterable[Conflict]) -> list[Conflict]:
    return [c for c in conflicts if c.severity == Severity.BLOCK and not c.overridden]


class _CompanyTree:
    """Every company's parent, read once, so group look-ups cost no further query."""

    def __init__(self) -> None:
        self.parent: dict[int, int | None] = dict(Company.objects.values_list("pk", "parent_id"))
        self.children: dict[int, set[int]] = defaultdict(set)
        for pk, parent in self.parent.items():
            if parent is not None:
                self.children[parent].add(pk)

    def with_subsidiaries(self, company_ids: Iterable[int]) -> set[int]:
        group, frontier = set(company_ids), set(company_ids)
        while frontier:
            frontier = {child for pk in frontier for child in self.children[pk]} - group
            group |= frontier
        return group

    def with_parents(self, company_id: int) -> set[int]:
        chain, pk = set(), company_id
        while pk is not None and pk not in chain:
            chain.add(pk)
            pk = self.parent.get(pk)
        return chain


@dataclass(frozen=True)
class _Agreement:
    client: Client
    until: dt.date | None  # None: a mandate is still open
    protected: set[int]


def _agreements(tree: _CompanyTree, today: dt.date) -> list[_Agreement]:
    """Off-limits promises in force on `today`: from a client's first mandate until its months after the last."""
    active = Mandate.objects.filter(client=OuterRef("pk"), status__in=Mandate.ACTIVE)
    clients = (
        Client.objects.exclude(off_limits=Client.OffLimits.NONE)
        .select_related("company")
        .annotate(
            has_open=Exists(active),
            # A client known only through confidential searches is never named in an off-limits reason.
            has_open_searches=Exists(Mandate.objects.filter(client=OuterRef("pk"), is_confidential=False)),
            first_opened=Min("mandates__opened_on"),
            last_closed=Max("mandates__closed_on"),
        )
        .filter(first_opened__lte=today)
    )
    agreements = []
    for client in clients:
        until = None if client.has_open else client.last_closed + relativedelta(months=client.off_limits_months)
        if until is not None and until < today:
            continue
        companies = {client.company_id}
        protected = tree.with_subsidiaries(companies) if client.off_limits_subsidiaries else companies
        agreements.append(_Agreement(client=client, until=until, protected=protected))
    return agreements


def _days_left(until: dt.date | None, today: dt.date) -> int | None:
    return None if until is None else (until - today).days


def _client_label(mandate: Mandate, names_client: Callable[[Mandate], bool]) -> str:
    return mandate.client.company.name if names_client(mandate) else "another client (confidential search)"


def conflicts_for(
    rows: list[PipelineRow], *, today: dt.date, names_client: Callable[[Mandate], bool] = lambda mandate: True
) -> dict[int | None, list[Conflict]]:
    """Every conflict of each row (saved or about to be), keyed by row id.

    Rows need `mandate.client.company` loaded. `names_client` says whether a
    mandate's client may be named to the reader (confidential searches).
    """
    if not rows:
        return {}
    candidate_ids = {row.candidate_id for row in rows}
    tree = _CompanyTree()
    windows = defaultdict(list)
    for window in (
        NonCompete.objects.filter(candidate_id__in=candidate_ids, enforceable_end__gte=today)
        .select_related("employer")
        .prefetch_related(Prefetch("restricted_companies", queryset=Company.objects.only("pk", "name")))
    ):
        windows[window.candidate_id].append(window)
    employers = defaultdict(set)
    for candidate_id, company_id in Employment.objects.filter(
        candidate_id__in=candidate_ids, end_date__isnull=True
    ).values_list("candidate_id", "company_id"):
        employers[candidate_id].add(company_id)
    agreements = _agreements(tree, today)
    placements = defaultdict(list)
    for placement in Placement.objects.filter(
        row__candidate_id__in=candidate_ids, guarantee_ends_on__gte=today
    ).select_related("row__mandate__client__company", "row__mandate__owner"):
        placements[placement.row.candidate_id].append(placement)
    submitted = defaultdict(list)
    for other in PipelineRow.objects.filter(candidate_id__in=candidate_ids, stage__in=SUBMITTED_STAGES).select_related(
        "mandate__client__company", "mandate__owner"
    ):
        submitted[other.candidate_id].append(other)

    result = {}
    for row in rows:
        client = row.mandate.client
        found = [
            *_noncompete_conflicts(row, client, windows[row.candidate_id], tree, today),
            *_off_limits_conflicts(employers[row.candidate_id], agreements, today),
            *_guarantee_conflicts(row, client, placements[row.candidate_id], names_client, today),
            *_submitted_conflicts(row, client, submitted[row.candidate_id], names_client),
        ]
        covered = set(row.override_conflicts or ())
        result[row.pk] = [
            Conflict(**{**conflict.__dict__, "overridden": conflict.key in covered}) for conflict in found
        ]
    return result


def _noncompete_conflicts(row, client, windows, tree, today):
    start = row.expected_start_on or today
    client_group = tree.with_subsidiaries({client.company_id})
    client_parents = tree.with_parents(client.company_id)
    client_sectors = {sector.casefold() for sector in client.sectors}
    for window in windows:
        if not window.starts_on <= start <= window.enforceable_end:
            continue
        named = sorted(
            (c for c in window.restricted_companies.all() if c.pk in client_group or c.pk in client_parents),
            key=lambda c: c.name,
        )
        sectors = sorted(s for s in window.restricted_sectors if s.casefold() in client_sectors)
        if not named and not sectors:
            continue
        scope = ", ".join([c.name for c in named] + [f"the {s} sector" for s in sectors])
        yield Conflict(
            key=f"{Rule.NONCOMPETE}:{window.pk}",
            rule=Rule.NONCOMPETE,
            severity=Severity.BLOCK,
            reason=(
                f"Non-compete with {window.employer.name} restricts {scope} until "
                f"{window.enforceable_end.isoformat()}; a start on {start.isoformat()} falls inside it."
            ),
            until=window.enforceable_end,
            days_left=_days_left(window.enforceable_end, today),
        )


def _off_limits_conflicts(employer_ids, agreements, today):
    for agreement in agreements:
        if not employer_ids & agreement.protected:
            continue
        promise = (
            agreement.client.company.name if agreement.client.has_open_searches else "a client (confidential search)"
        )
        ends = f"until {agreement.until.isoformat()}" if agreement.until else "while a mandate with it is open"
        yield Conflict(
            key=f"{Rule.OFF_LIMITS}:{agreement.client.pk}",
            rule=Rule.OFF_LIMITS,
            severity=Severity.BLOCK if agreement.client.off_limits == Client.OffLimits.BLOCK else Severity.WARN,
            reason=f"The current employer is off-limits under our agreement with {promise}, {ends}.",
            until=agreement.until,
            days_left=_days_left(agreement.until, today),
        )


def _guarantee_conflicts(row, client, placements, names_client, today):
    for placement in placements:
        placed_with = placement.row.mandate
        if placement.row_id == row.pk or placed_with.client_id == client.pk:
            continue
        yield Conflict(
            key=f"{Rule.GUARANTEE}:{placement.pk}",
            rule=Rule.GUARANTEE,
            severity=Severity.WARN,
            reason=(
                f"We placed this candidate with {_client_label(placed_with, names_client)} on "
                f"{placement.start_date.isoformat()}; its guarantee runs until {placement.guarantee_ends_on.isoformat()}."
            ),
            until=placement.guarantee_ends_on,
            days_left=_days_left(placement.guarantee_ends_on, today),
        )


def _submitted_conflicts(row, client, others, names_client):
    for other in others:
        if other.pk == row.pk or other.mandate.client_id == client.pk:
            continue
        yield Conflict(
            key=f"{Rule.SUBMITTED_ELSEWHERE}:{other.pk}",
            rule=Rule.SUBMITTED_ELSEWHERE,
            severity=Severity.WARN,
            reason=f"Already {other.get_stage_display().lower()} on a mandate of {_client_label(other.mandate, names_client)}.",
            until=None,
            days_left=None,
        )
