"""Erasure (PIPL art. 47, GDPR art. 17): remove a person everywhere, in one transaction.

What goes: the candidate and everything hanging off it (aliases, contacts,
education, stints, non-competes, notes, pipeline rows and their moves, search
tokens, duplicate keys and pairs, merge tombstones, reminders and their
e-mails), the in-app notifications and admin log lines that name them, and
every history event row of theirs (written last: the deletes themselves write
delete events holding the names).

What stays, without identity: each placement's accounting facts
(AnonymisedPlacement), an ErasureRecord (id, when, who, why, counts), and,
when the person asked to be forgotten, keyed hashes of their contacts on the
suppression list so that an import cannot bring them back. The candidate's
delete fires the status triggers, so the changes feed tells every client
`change: delete`.

Other apps whose rows may hold the person's raw data (import rows) plug in
with `register_eraser`.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote_plus

import pghistory.models
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from crm.models import ExportRecord, Notification, OutreachNote, PipelineRow, Placement, Reminder
from crm.privacy.models import AnonymisedPlacement, ErasureReason, ErasureRecord, PrivacyVia
from crm.reminders.messages import candidate_links
from talent.access import candidate_rights
from talent.history import recorded
from talent.models import (
    Candidate,
    CandidateAlias,
    CandidateMerge,
    ContactChannel,
    Education,
    Employment,
    NonCompete,
)
from talent.suppression import suppress

ERASE_REFUSED = "Only the candidate's owner, the owner's team lead and admins may erase it."
ERASED_QUERY = "[erased]"


@dataclass(frozen=True)
class ErasureSubject:
    """What an eraser gets: the candidate's id (and merged-away ids), its name forms and normalised contacts."""

    candidate_ids: tuple[int, ...]
    names: tuple[str, ...]
    contacts: tuple[tuple[str, str], ...]


# fn(*, candidate_ids, names, contacts) -> rows removed or scrubbed; called inside the erasure's transaction.
Eraser = Callable[..., int]
_erasers: dict[str, Eraser] = {}


def register_eraser(fn: Eraser) -> Eraser:
    """Let another part of the system remove the person's data it holds (e.g. raw import rows).

    `fn(candidate_ids=(id, *merged-away ids), names=(...), contacts=((kind, normalised value), ...))`
    returns how many rows it removed or scrubbed; it runs inside the erasure's transaction, before the
    candidate is deleted, so a failure undoes the whole erasure. Usable as a decorator.
    """
    _erasers[f"{fn.__module__}.{fn.__qualname__}"] = fn
    return fn


class CandidateNotFound(Exception):
    pass


def erase_candidate(
    *,
    actor,
    candidate_id: int,
    reason: str,
    now: dt.datetime,
    via: str = PrivacyVia.COMMAND,
    suppress_contacts: bool = True,
) -> ErasureRecord:
    """Erase candidate `candidate_id`; `actor` None is the operator of a command (no rights check).

    `suppress_contacts`: put the contacts on the suppression list (a person who asked to be
    forgotten); retention anonymisation passes False, the person did not ask.
    """
    if reason not in ErasureReason.values:
        raise ValueError(f"Unknown erasure reason {reason!r}.")
    with transaction.atomic(), recorded("erasure", user=actor):
        candidate = Candidate.objects.select_for_update().filter(pk=candidate_id).first()
        if candidate is None:
            raise CandidateNotFound(candidate_id)
        if actor is not None and not candidate_rights(actor, candidate).may_manage:
            raise PermissionDenied(ERASE_REFUSED)
        subject = _subject(candidate)
        counts: dict[str, int] = {}
        if suppress_contacts:
            counts["suppressed_contacts"] = suppress(subject.contacts)
        record = ErasureRecord.objects.create(
            candidate_id=candidate.pk,
            erased_at=now,
            erased_by=actor if getattr(actor, "pk", None) else None,
            username=actor.get_username() if actor is not None else "",
            reason=reason,
            via=via,
            suppressed=suppress_contacts,
        )
        counts["anonymised_placements"] = _anonymise_placements(candidate, record)
        counts["notifications"] = _delete_notifications(candidate)
        counts["admin_log_entries"] = _delete_admin_log(candidate, subject)
        counts["export_queries"] = _scrub_export_queries(subject)
        for name, eraser in sorted(_erasers.items()):
            counts[name] = eraser(candidate_ids=subject.candidate_ids, names=subject.names, contacts=subject.contacts)
        _, deleted = candidate.delete()
        counts.update({label.split(".")[-1].lower(): n for label, n in deleted.items()})
        counts["history_events"] = _delete_history(subject)
        record.counts = counts
        record.save(update_fields=["counts"])
    return record


def _subject(candidate: Candidate) -> ErasureSubject:
    merged_ids = CandidateMerge.objects.filter(survivor=candidate).values_list("merged_id", flat=True)
    names = {
        candidate.native_name,
        candidate.english_name,
        candidate.pseudonym,
        candidate.simplified_name,
        candidate.traditional_name,
        *candidate.aliases.values_list("name", flat=True),
    }
    contacts = set(candidate.contacts.values_list("kind", "value"))
    return ErasureSubject(
        candidate_ids=(candidate.pk, *sorted(merged_ids)),
        names=tuple(sorted(name for name in names if name)),
        contacts=tuple(sorted(contacts)),
    )


def _anonymise_placements(candidate: Candidate, record: ErasureRecord) -> int:
    placements = Placement.objects.filter(row__candidate=candidate).select_related("row__mandate")
    kept = [
        AnonymisedPlacement(
            erasure=record,
            client_id=placement.row.mandate.client_id,
            mandate=placement.row.mandate,
            mandate_title=placement.row.mandate.title,
            placed_on=placement.start_date,
            fee=placement.fee,
            fee_currency=placement.fee_currency,
            placed_by_id=placement.placed_by_id,
        )
        for placement in placements
    ]
    AnonymisedPlacement.objects.bulk_create(kept)
    return len(kept)


def _delete_notifications(candidate: Candidate) -> int:
    """Notifications of the person's reminders, and any other that links to their page (they name them)."""
    reminders = Reminder.objects.filter(
        Q(candidate=candidate) | Q(noncompete__candidate=candidate) | Q(note__candidate=candidate)
    )
    links = candidate_links(candidate.pk)
    deleted, _ = Notification.objects.filter(Q(reminder__in=reminders) | Q(url__in=links)).delete()
    return deleted


def _delete_admin_log(candidate: Candidate, subject: ErasureSubject) -> int:
    """Admin log lines about the candidate or its parts: their text is the object's name."""
    parts = Q(content_type=ContentType.objects.get_for_model(Candidate), object_id__in=map(str, subject.candidate_ids))
    for model, ids in (
        (CandidateAlias, candidate.aliases.values_list("pk", flat=True)),
        (ContactChannel, candidate.contacts.values_list("pk", flat=True)),
        (Education, candidate.education.values_list("pk", flat=True)),
        (Employment, candidate.employments.values_list("pk", flat=True)),
        (NonCompete, candidate.noncompetes.values_list("pk", flat=True)),
        (OutreachNote, candidate.outreach_notes.values_list("pk", flat=True)),
        (PipelineRow, candidate.pipeline_rows.values_list("pk", flat=True)),
    ):
        parts |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in ids])
    deleted, _ = LogEntry.objects.filter(parts).delete()
    return deleted


def _scrub_export_queries(subject: ErasureSubject) -> int:
    """An export's recorded filters may be a search for the person's name or contact."""
    needles = [n.lower() for n in subject.names] + [value.lower() for _, value in subject.contacts]
    if not needles:
        return 0
    matches = Q()
    for needle in needles:
        matches |= Q(query__icontains=needle)
    found = [
        record.pk
        for record in ExportRecord.objects.exclude(query="").only("query")
        if any(needle in unquote_plus(record.query).lower() for needle in needles)
    ]
    return ExportRecord.objects.filter(Q(pk__in=found) | matches).update(query=ERASED_QUERY)


def history_event_models() -> list[tuple[type, str]]:
    """Every pghistory event model that holds a candidate's data, with the column naming the candidate."""
    found = []
    for model in apps.get_models():
        if not issubclass(model, pghistory.models.Event):
            continue
        tracked = model.pgh_tracked_model
        if tracked is Candidate:
            found.append((model, "pgh_obj_id"))
        elif any(field.name == "candidate" for field in tracked._meta.fields):
            found.append((model, "candidate_id"))
    return found


def _delete_history(subject: ErasureSubject) -> int:
    total = 0
    for model, column in history_event_models():
        deleted, _ = model.objects.filter(**{f"{column}__in": subject.candidate_ids}).delete()
        total += deleted
    return total
