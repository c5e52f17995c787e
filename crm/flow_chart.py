"""A flow chart (a two-column Sankey) of company-to-company moves, drawn as SVG on the server.

No script and no CDN: the admin renders the coordinates computed here with
an SVG template, so the picture works offline and in tests.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache

from talent.moves import Group, flows_between, moves_visible_to
from talent.moves.selectors import reads_market_as_recruiter
from talent.selectors import careers_version

WIDTH, HEIGHT = 720, 360
# A year of moves is ~200,000 stints at a million candidates: seconds to count. A chart is kept while
# no stint and no company has changed, and an hour at most (a level's band can change too).
CACHE_SECONDS = 3600
NODE_WIDTH, GAP, LABEL_ROOM = 12, 8, 170


@dataclass(frozen=True)
class Bar:
    name: str
    count: int
    x: float
    y: float
    height: float
    left: bool

    @property
    def label_x(self) -> float:
        return self.x - 6 if self.left else self.x + NODE_WIDTH + 6

    @property
    def label_y(self) -> float:
        return self.y + self.height / 2 + 4


@dataclass(frozen=True)
class Band:
    path: str
    width: float
    title: str
    hue: int


@dataclass(frozen=True)
class FlowChart:
    bars: list[Bar]
    bands: list[Band]
    total: int
    moved_after: dt.date
    moved_before: dt.date
    group: str
    width: int = WIDTH
    height: int = HEIGHT
    node_width: int = NODE_WIDTH


def desk_flow_chart(user, *, today: dt.date, group: str = Group.COMPANY, top: int = 8) -> FlowChart:
    """`flow_chart_for`, shared by everyone who reads the market as a recruiter while the data is unchanged.

    Recruiters and admins count every move (a confidential person's too, under
    a pseudonym), so their charts are the same; anyone else's depends on
    their clearances and is drawn afresh.
    """
    if not reads_market_as_recruiter(user):
        return flow_chart_for(user, today=today, group=group, top=top)
    key = f"desk-flow-chart:{group}:{top}:{today.isoformat()}:{careers_version()}"
    return cache.get_or_set(key, lambda: flow_chart_for(user, today=today, group=group, top=top), CACHE_SECONDS)


def flow_chart_for(user, *, today: dt.date, group: str = Group.COMPANY, top: int = 8) -> FlowChart:
    after = today - dt.timedelta(days=365)
    matrix = flows_between(moves_visible_to(user), group=group, moved_after=after, moved_before=today, top=top)
    names = {node.key: node.name for node in matrix.nodes}
    out_total: dict = {}
    in_total: dict = {}
    for flow in matrix.flows:
        out_total[flow.source] = out_total.get(flow.source, 0) + flow.count
        in_total[flow.target] = in_total.get(flow.target, 0) + flow.count
    total = matrix.total
    if not total:
        return FlowChart([], [], 0, after, today, group)

    def column(totals: dict, x: float, left: bool) -> dict:
        keys = sorted(totals, key=lambda key: (-totals[key], names[key]))
        usable = HEIGHT - GAP * (len(keys) - 1)
        placed, y = {}, 0.0
        for key in keys:
            height = usable * totals[key] / total
            placed[key] = Bar(names[key], totals[key], x, y, height, left)
            y += height + GAP
        return placed

    sources = column(out_total, LABEL_ROOM, True)
    targets = column(in_total, WIDTH - LABEL_ROOM - NODE_WIDTH, False)
    out_used = {key: 0.0 for key in sources}
    in_used = {key: 0.0 for key in targets}
    bands = []
    for number, flow in enumerate(sorted(matrix.flows, key=lambda f: (-f.count, names[f.source]))):
        source, target = sources[flow.source], targets[flow.target]
        width = source.height * flow.count / source.count
        y0 = source.y + out_used[flow.source] + width / 2
        y1 = target.y + in_used[flow.target] + width / 2
        out_used[flow.source] += width
        in_used[flow.target] += target.height * flow.count / target.count
        x0, x1 = source.x + NODE_WIDTH, target.x
        middle = (x0 + x1) / 2
        bands.append(
            Band(
                path=f"M{x0:.1f},{y0:.1f} C{middle:.1f},{y0:.1f} {middle:.1f},{y1:.1f} {x1:.1f},{y1:.1f}",
                width=max(width, 1.0),
                title=f"{names[flow.source]} → {names[flow.target]}: {flow.count}",
                hue=(number * 47) % 360,
            )
        )
    return FlowChart([*sources.values(), *targets.values()], bands, total, after, today, group)
