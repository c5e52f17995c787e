"""Reading a candidate's history, newest first, with who, how and what changed.

The events come from pghistory's aggregate `Events` query: one SQL statement
over every event table that references the candidate, each event with its
context (who, via) and its diff against the previous event of the same row.
Visibility is decided by the selectors that decide it elsewhere:

- the candidate's history at all: identity cleared (talent.access);
- a note's events: the notes the user may read now (crm.selectors); a deleted
  note's events are therefore not shown, as its visibility can no longer be asked;
- a pipeline row's events: rows of mandates whose client the user may see
  (crm.mandates.access): a confidential search is its team's business.

Mandates' own events are not part of a candidate's history: they describe the
search, not the person, and are read with the mandate.
"""

import datetime as dt
from typing import TypedDict

from django.apps import apps
from django.db.models import Q, QuerySet, TextField
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from pghistory.models import Events

from crm.mandates.access import client_names_q
from crm.models import Mandate
from crm.selectors import notes_visible_to
from talent.access import candidate_rights
from talent.models import Candidate

# Event model label -> the kind of row it records, as the API names it.
KINDS = {
    "talent.CandidateEvent": "candidate",
    "talent.CandidateAliasEvent": "alias",
    "talent.ContactChannelEvent": "contact",
    "talent.EducationEvent": "education",
    "talent.EmploymentEvent": "stint",
    "talent.NonCompeteEvent": "noncompete",
    "crm.OutreachNoteEvent": "note",
    "crm.PipelineRowEvent": "pipeline_row",
}
LABELS = {"insert": "created", "update": "updated", "delete": "deleted"}
NOTE_EVENTS = "crm.OutreachNoteEvent"
PIPELINE_EVENTS = "crm.PipelineRowEvent"
# Bookkeeping columns every save touches: the event's own time says when.
UNSHOWN_FIELDS = frozenset({"id", "created_at", "updated_at"})
# Newest first; events of one transaction share their time, so the event ids break the tie.
ORDERING = ("-pgh_created_at", "-pgh_id", "pgh_model")


class HistoryEntry(TypedDict):
    id: str
    at: dt.datetime
    kind: str
    object_id: int
    label: str
    via: str | None
    action: str | None
    user: str | None
    api_key: str | None
    changes: dict[str, list]


def history_of_candidate(*, user, candidate_id: int) -> QuerySet[Events]:
    """The events of candidate `candidate_id` and its rows that `user` may see, newest first.

    Raises Candidate.DoesNotExist when the candidate does not exist or `user`
    is not cleared for its identity (the same answer, so nothing is revealed).
    Evaluating the queryset is one query, whatever the number of events.
    """
    if not candidate_rights(user, candidate_id).identity_cleared:
        raise Candidate.DoesNotExist
    event_models = [apps.get_model(label) for label in KINDS]
    visible_notes = notes_visible_to(user).annotate(key=Cast("pk", TextField())).values("key")
    named_mandates = Mandate.objects.filter(client_names_q(user)).annotate(key=Cast("pk", TextField())).values("key")
    return (
        Events.objects.across(*event_models)
        .references(Candidate(pk=candidate_id))
        .annotate(mandate_key=KeyTextTransform("mandate_id", "pgh_data"))
        .filter(
            ~Q(pgh_model__in=[NOTE_EVENTS, PIPELINE_EVENTS])
            | Q(pgh_model=NOTE_EVENTS, pgh_obj_id__in=visible_notes)
            | Q(pgh_model=PIPELINE_EVENTS, mandate_key__in=named_mandates)
        )
        .order_by(*ORDERING)
    )


def history_entry(event: Events) -> HistoryEntry:
    """One event as the API and the admin show it: when, who, through which path, what changed."""
    context = event.pgh_context or {}
    return HistoryEntry(
        id=event.pgh_slug,
        at=event.pgh_created_at,
        kind=KINDS[event.pgh_model],
        object_id=int(event.pgh_obj_id),
        label=LABELS[event.pgh_label],
        via=context.get("via"),
        action=context.get("action"),
        user=context.get("username"),
        api_key=context.get("api_key_name"),
        changes=_changes(event),
    )


def _changes(event: Events) -> dict[str, list]:
    """{field: [before, after]}: every value set on create, every value lost on delete, the diff on update."""
    if event.pgh_label == "update":
        changed = event.pgh_diff or {}
        return {name: list(values) for name, values in sorted(changed.items()) if name not in UNSHOWN_FIELDS}
    data = event.pgh_data or {}
    shown = {name: value for name, value in sorted(data.items()) if name not in UNSHOWN_FIELDS}
    if event.pgh_label == "insert":
        return {name: [None, value] for name, value in shown.items() if value not in (None, "", [])}
    return {name: [value, None] for name, value in shown.items() if value not in (None, "", [])}
