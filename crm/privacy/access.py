"""Access and portability (GDPR arts. 15 and 20, PIPL art. 45): everything held about one person, as JSON.

The document is for the person (or the custodian answering them): profile,
aliases, contacts, education, career, non-competes, notes about them,
pipeline rows and the history of all of these. Every export is recorded
(PersonalDataExport) without the person's name.
"""

import datetime as dt
import json
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from crm.models import OutreachNote, PipelineRow
from crm.privacy.erasure import CandidateNotFound, history_event_models
from crm.privacy.models import PersonalDataExport, PrivacyVia
from talent.access import candidate_rights
from talent.models import Candidate, CandidateMerge

SCHEMA = "talentbase.personal-data"
SCHEMA_VERSION = 1
EXPORT_REFUSED = "Only the candidate's owner, the owner's team lead and admins may export a person's data."
# Derived columns that say nothing the person's own fields do not.
_DERIVED = {"search_text", "pinyin"}


def _row(instance, *, exclude: set[str] = frozenset()) -> dict:
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude or field.name in _DERIVED:
            continue
        data[field.attname if field.is_relation else field.name] = field.value_from_object(instance)
    return data


def _profile(candidate: Candidate) -> dict:
    profile = _row(candidate)
    profile["owner"] = str(candidate.owner) if candidate.owner else None
    profile["team"] = str(candidate.team) if candidate.team else None
    profile["watchers"] = [str(w) for w in candidate.watchers.all()]
    return profile


def _history(candidate_ids: list[int]) -> list[dict]:
    events = []
    for model, column in history_event_models():
        for event in model.objects.filter(**{f"{column}__in": candidate_ids}).select_related("pgh_context"):
            row = _row(event)
            context = event.pgh_context.metadata if event.pgh_context_id and event.pgh_context else {}
            events.append(
                {
                    "table": model.pgh_tracked_model._meta.label,
                    "event": event.pgh_label,
                    "at": event.pgh_created_at,
                    "object_id": event.pgh_obj_id,
                    "via": context.get("via", ""),
                    "by": context.get("username", ""),
                    "row": {k: v for k, v in row.items() if not k.startswith("pgh_")},
                }
            )
    events.sort(key=lambda e: (e["at"], e["table"], e["object_id"]))
    return events


def personal_data(*, candidate: Candidate, now: dt.datetime) -> dict:
    """The document: plain JSON types once encoded with DjangoJSONEncoder (dates as ISO strings)."""
    notes = OutreachNote.objects.filter(candidate=candidate).select_related("author__user")
    rows = PipelineRow.objects.filter(candidate=candidate).select_related("mandate__client__company", "placement")
    merged_ids = list(CandidateMerge.objects.filter(survivor=candidate).values_list("merged_id", flat=True))
    pipeline = []
    for row in rows:
        entry = _row(row, exclude={"added_by", "overridden_by"})
        entry["mandate_title"] = row.mandate.title
        entry["client"] = row.mandate.client.company.name
        entry["moves"] = [_row(move, exclude={"moved_by"}) for move in row.moves.all()]
        placement = getattr(row, "placement", None)
        entry["placement"] = _row(placement, exclude={"row", "placed_by"}) if placement else None
        pipeline.append(entry)
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "generated_at": now,
        "candidate_id": candidate.pk,
        "merged_ids": merged_ids,
        "profile": _profile(candidate),
        "aliases": [_row(a, exclude={"candidate"}) for a in candidate.aliases.all()],
        "contacts": [_row(c, exclude={"candidate"}) for c in candidate.contacts.all()],
        "education": [_row(e, exclude={"candidate"}) for e in candidate.education.all()],
        "career": [
            _row(e, exclude={"candidate"}) | {"company": e.company.name}
            for e in candidate.employments.select_related("company")
        ],
        "noncompetes": [
            _row(w, exclude={"candidate"}) | {"restricted_companies": [c.pk for c in w.restricted_companies.all()]}
            for w in candidate.noncompetes.all()
        ],
        "notes": [_row(n, exclude={"candidate"}) | {"author": str(n.author)} for n in notes],
        "pipeline": pipeline,
        "history": _history([candidate.pk, *merged_ids]),
    }


def personal_data_export(*, actor, candidate_id: int, now: dt.datetime, via: str = PrivacyVia.COMMAND) -> bytes:
    """The JSON file of everything held about candidate `candidate_id`, recorded; `actor` None: a command."""
    with transaction.atomic():
        candidate = Candidate.objects.filter(pk=candidate_id).select_related("owner__user", "team").first()
        if candidate is None:
            raise CandidateNotFound(candidate_id)
        if actor is not None and not candidate_rights(actor, candidate).may_manage:
            raise PermissionDenied(EXPORT_REFUSED)
        document = personal_data(candidate=candidate, now=now)
        PersonalDataExport.objects.create(
            candidate_id=candidate.pk,
            user=actor if getattr(actor, "pk", None) else None,
            username=actor.get_username() if actor is not None else "",
            via=via,
            exported_at=now,
        )
    return json.dumps(document, cls=_Encoder, ensure_ascii=False, indent=2).encode()


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return str(o)
        return super().default(o)
