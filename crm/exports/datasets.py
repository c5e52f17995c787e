"""What each export contains: its rows, how a chunk of them is rendered, and its columns.

A chunk of rows is rendered by the serializer of the API that lists them,
with the caller's rights, exactly as a page of that API; the columns then
only pick and flatten values from that representation. So an export can
never show more than the API shows the same caller: a confidential candidate
the caller is not cleared for arrives with its names, contacts and pay
already blanked, and a client's key gets the client's own row shape.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from crm.models import ExportRecord, Mandate
from talent.access import candidates_visible_to
from talent.models import Candidate
from talent.selectors import candidates_as_rows

Render = Callable[[list], list[dict]]


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[dict], object]


@dataclass(frozen=True)
class Dataset:
    """An export ready to run: rows (visibility-restricted, filtered, ordered), their rendering and columns."""

    kind: str
    title: str
    rows: QuerySet
    render: Render
    columns: Sequence[Column]
    mandate: Mandate | None = None

    @property
    def header(self) -> list[str]:
        return [column.header for column in self.columns]

    def cells(self, item: dict) -> list:
        return [column.value(item) for column in self.columns]


def candidate_rows(user) -> QuerySet[Candidate]:
    """The queryset GET /api/v1/candidates/ reads for `user` (talent.views.CandidateViewSet), before filters."""
    return candidates_as_rows(candidates_visible_to(user))


def at(path: str) -> Callable[[dict], object]:
    """A value by dotted path in a representation; None where a step is missing or null."""
    steps = path.split(".")

    def value(item: dict) -> object:
        for step in steps:
            if not isinstance(item, dict):
                return None
            item = item.get(step)
        return item

    return value


def joined(path: str, each: Callable[[dict], str] | None = None, sep: str = "; ") -> Callable[[dict], str]:
    """A list in a representation as one cell."""
    items = at(path)

    def value(item: dict) -> str:
        return sep.join(str(each(entry) if each else entry) for entry in items(item) or [])

    return value


def columns(*paths: str, prefix: str = "") -> list[Column]:
    return [Column(f"{prefix}{path.replace('.', '_')}", at(path)) for path in paths]


def _stint(stint: dict) -> str:
    until = stint["end_date"] or "now"
    return f"{stint['company_detail']['name']}, {stint['title']} ({stint['start_date']} – {until})"


def _window(window: dict) -> str:
    return f"{window['employer_detail']['name']} until {window['enforceable_end']} ({window['state']})"


CANDIDATE_COLUMNS = [
    Column("id", at("id")),
    Column("name", at("display_name")),
    *columns("identity_cleared", "native_name", "english_name", "pinyin", "pseudonym", "is_confidential"),
    *columns("is_market_icon"),
    Column("aliases", joined("aliases", lambda alias: alias["name"])),
    Column("contacts", joined("contacts", lambda contact: f"{contact['kind']}: {contact['value']}")),
    *columns("city", "country"),
    Column("expertise", joined("expertise", sep=", ")),
    *columns(
        "work_authorization",
        "current_compensation",
        "current_compensation_currency",
        "current_compensation_period",
        "expected_compensation",
        "expected_compensation_currency",
        "expected_compensation_period",
        "compensation_notes",
        "willing_to_relocate",
        "relocation_notes",
        "owner",
        "team",
    ),
    Column("watchers", joined("watchers", sep=", ")),
    *columns("source", "source_detail", "hold"),
    *columns("current.company.name", "current.title", "current.level", "current.band", "current.since"),
    *columns("availability.state", "availability.until", "availability.days_left"),
    Column("career", joined("employments", _stint)),
    Column("noncompetes", joined("noncompetes", _window)),
    *columns("created_at", "updated_at"),
]


def candidates_dataset(*, rows: QuerySet[Candidate], render: Render) -> Dataset:
    return Dataset(
        kind=ExportRecord.Kind.CANDIDATES, title="candidates", rows=rows, render=render, columns=CANDIDATE_COLUMNS
    )


def _side(prefix: str) -> list[Column]:
    return columns(f"{prefix}.company.name", f"{prefix}.title", f"{prefix}.level", f"{prefix}.band.code")


MOVE_COLUMNS = [
    Column("id", at("id")),
    *columns("candidate.id", "candidate.name", "candidate.identity_hidden", "moved_on", "left_on"),
    *_side("left"),
    *_side("joined"),
    Column("promotion", at("promotion")),
    Column("patterns", joined("patterns", sep=", ")),
]


def moves_dataset(*, rows: QuerySet, render: Render) -> Dataset:
    return Dataset(kind=ExportRecord.Kind.MOVES, title="moves", rows=rows, render=render, columns=MOVE_COLUMNS)


PIPELINE_COLUMNS = [
    *columns("id", "mandate", "candidate_ref.id", "candidate_ref.name", "candidate_ref.identity_hidden"),
    Column("client", at("client_ref.name")),
    *columns("stage", "stage_changed_at", "submitted_at", "expected_start_on", "verdict"),
    Column("conflicts", joined("conflicts", lambda conflict: f"{conflict['severity']}: {conflict['reason']}")),
    *columns("override.reason", "override.by", "override.at"),
    *columns(
        "placement.start_date",
        "placement.compensation",
        "placement.compensation_currency",
        "placement.fee",
        "placement.fee_currency",
        "placement.guarantee_ends_on",
    ),
    Column("created_at", at("created_at")),
]
# What a client's key sees of a row (crm.mandates.serializers.ClientPipelineRowSerializer).
CLIENT_PIPELINE_COLUMNS = [
    *columns("id", "mandate", "stage", "stage_changed_at", "submitted_at"),
    *columns("candidate.name", "candidate.identity_hidden"),
]


def pipeline_dataset(*, mandate: Mandate, rows: QuerySet, render: Render, for_client: bool) -> Dataset:
    return Dataset(
        kind=ExportRecord.Kind.PIPELINE,
        title=f"mandate {mandate.pk} pipeline",
        rows=rows,
        render=render,
        columns=CLIENT_PIPELINE_COLUMNS if for_client else PIPELINE_COLUMNS,
        mandate=mandate,
    )
