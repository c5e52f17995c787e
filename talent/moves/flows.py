"""Company-to-company flows over a period: how many moved, and at which median band.

Grouped by company, or by company kind (big tech, AI start-up, ...). The
median band is `percentile_disc(0.5)` over band ranks: an actual band, the
lower middle one when the count is even; moves without a known band are left
out of the median, not of the count.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Aggregate, Count, F, IntegerField, OuterRef, QuerySet, Subquery

from talent.models import Band, Company, Employment


class Median(Aggregate):
    function = "percentile_disc"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = IntegerField()


class Group:
    COMPANY = "company"
    KIND = "kind"
    CHOICES = [(COMPANY, "Company"), (KIND, "Company kind")]


@dataclass(frozen=True)
class Node:
    key: int | str
    name: str
    kind: str


@dataclass(frozen=True)
class Flow:
    source: int | str
    target: int | str
    count: int
    median_band_before: Band | None
    median_band_after: Band | None


@dataclass
class FlowMatrix:
    group: str
    moved_after: dt.date | None
    moved_before: dt.date | None
    nodes: list[Node] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    left_out: int = 0

    @property
    def total(self) -> int:
        return sum(flow.count for flow in self.flows)


def flows_between(
    moves: QuerySet[Employment],
    *,
    group: str = Group.COMPANY,
    moved_after: dt.date | None = None,
    moved_before: dt.date | None = None,
    top: int | None = None,
) -> FlowMatrix:
    """Flows of `moves` (from talent.moves) dated within the period, in three queries.

    With `top`, only the `top` nodes with the most moves in or out are kept;
    `left_out` counts the moves between the others.
    """
    if moved_after is not None:
        moves = moves.filter(start_date__gte=moved_after)
    if moved_before is not None:
        moves = moves.filter(start_date__lte=moved_before)
    if group == Group.KIND:
        from_kind = Subquery(Company.objects.filter(pk=OuterRef("from_company_id")).values("kind")[:1])
        moves = moves.annotate(source=from_kind, target=F("company__kind"))
    else:
        moves = moves.annotate(source=F("from_company_id"), target=F("company_id"))
    cells = list(
        moves.order_by()
        .values("source", "target")
        .annotate(
            count=Count("pk"),
            before=Median("from_band_rank"),
            after=Median("to_band_rank"),
        )
        .order_by("-count", "source", "target")
    )

    volume: dict = {}
    for cell in cells:
        for key in (cell["source"], cell["target"]):
            volume[key] = volume.get(key, 0) + cell["count"]
    keys = sorted(volume, key=lambda key: (-volume[key], str(key)))[:top] if top else list(volume)
    kept = set(keys)
    shown = [cell for cell in cells if cell["source"] in kept and cell["target"] in kept]

    ranks = {cell[side] for cell in shown for side in ("before", "after")} - {None}
    bands = {band.rank: band for band in Band.objects.filter(rank__in=ranks)}
    return FlowMatrix(
        group=group,
        moved_after=moved_after,
        moved_before=moved_before,
        nodes=_nodes(group, keys),
        flows=[
            Flow(
                source=cell["source"],
                target=cell["target"],
                count=cell["count"],
                median_band_before=bands.get(cell["before"]),
                median_band_after=bands.get(cell["after"]),
            )
            for cell in shown
        ],
        left_out=sum(cell["count"] for cell in cells) - sum(cell["count"] for cell in shown),
    )


def _nodes(group: str, keys: list) -> list[Node]:
    if group == Group.KIND:
        labels = dict(Company.Kind.choices)
        return [Node(key=key, name=str(labels.get(key, key)), kind=key) for key in keys]
    companies = Company.objects.in_bulk(keys)
    return [Node(key=key, name=companies[key].name, kind=companies[key].kind) for key in keys]
