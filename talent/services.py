"""Writes of the talent domain that keep derived data right.

The admin, the API, the demo seeder and tasks all go through these, so that
search text and stored enforceable ends never drift from their inputs.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.utils import timezone

from accounts.roles import recruiter_of
from talent import access, contacts, noncompetes
from talent.models import (
    Candidate,
    CandidateAlias,
    Company,
    CompanyAlias,
    ContactChannel,
    Employment,
    Level,
    LevelEquivalence,
    NonCompete,
)

if TYPE_CHECKING:
    from accounts.models import Recruiter, Team


def candidate_refresh_names(*, candidate: Candidate) -> None:
    """Recompute pinyin and search text after a name or alias changed."""
    candidate.refresh_name_fields()
    Candidate.objects.filter(pk=candidate.pk).update(pinyin=candidate.pinyin, search_text=candidate.search_text)


def company_refresh_search_text(*, company: Company) -> None:
    company.search_text = company.compute_search_text()
    Company.objects.filter(pk=company.pk).update(search_text=company.search_text)


def contact_taken_message(*, actor, kind: str, value: str, holder: Candidate | None = None) -> str:
    """Why a contact cannot be added: who holds it, named only to those cleared to see that person."""
    label = ContactChannel.Kind(kind).label
    if holder is not None and access.candidate_rights(actor, holder).identity_cleared:
        return f"{label} {value} already belongs to {holder.display_name} (candidate #{holder.pk})."
    return f"{label} {value} is already taken by another candidate."


@transaction.atomic
def contact_add(
    *, actor, candidate: Candidate, kind: str, value: str, label: str = "", is_primary: bool = False
) -> ContactChannel:
    """Attach a contact, normalised; refuses one that belongs to someone else."""
    normalized = contacts.normalize_contact(kind, value)
    holder = ContactChannel.objects.filter(kind=kind, value=normalized).select_related("candidate").first()
    if holder is not None:
        message = contact_taken_message(actor=actor, kind=kind, value=normalized, holder=holder.candidate)
        raise ValidationError({"value": message})
    try:
        with transaction.atomic():
            return ContactChannel.objects.create(
                candidate=candidate, kind=kind, value=normalized, label=label, is_primary=is_primary
            )
    except IntegrityError:
        raise ValidationError({"value": contact_taken_message(actor=actor, kind=kind, value=normalized)}) from None


@transaction.atomic
def level_equivalence_record(
    *, level: Level, band, source: str, observed_on, confidence: str = LevelEquivalence.Confidence.LOW
) -> LevelEquivalence:
    """Record an observed level ≈ band mapping; the latest observation sets the level's band."""
    equivalence = LevelEquivalence.objects.create(
        level=level, band=band, source=source, observed_on=observed_on, confidence=confidence
    )
    level_refresh_band(level=level)
    return equivalence


def level_refresh_band(*, level: Level) -> None:
    latest = level.equivalences.order_by("-observed_on", "-id").first()
    level.band_id = latest.band_id if latest else None
    Level.objects.filter(pk=level.pk).update(band_id=level.band_id)


# --- Candidates, careers and windows (used by the API) ---------------------

CANDIDATE_FIELDS = frozenset(
    f.name for f in Candidate._meta.concrete_fields if f.editable and f.name not in {"id", "created_at"}
) - {"updated_at"}


def _check_fields(fields: dict, allowed: Iterable[str], what: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def assign_validated(instance: Model, *, fields: dict, allowed: Iterable[str], what: str, **clean_options) -> None:
    """Set `fields` (only those `allowed`) on `instance` and validate the whole row; the caller saves."""
    _check_fields(fields, allowed, what)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean(**clean_options)


def candidate_touch(*, candidate_id: int) -> None:
    """Mark a candidate changed when part of its profile (career, window) changed."""
    Candidate.objects.filter(pk=candidate_id).update(updated_at=timezone.now())


def _candidate_set_aliases(*, candidate: Candidate, aliases: list[dict]) -> None:
    candidate.aliases.all().delete()
    names = [alias["name"].strip() for alias in aliases]
    if len({name.casefold() for name in names}) != len(names):
        raise ValidationError({"aliases": "Each alias may appear only once."})
    CandidateAlias.objects.bulk_create(
        CandidateAlias(
            candidate=candidate,
            name=alias["name"].strip(),
            kind=alias.get("kind") or CandidateAlias.Kind.NICKNAME,
            company=alias.get("company"),
        )
        for alias in aliases
    )


def _candidate_set_contacts(*, actor, candidate: Candidate, contacts_: list[dict]) -> None:
    candidate.contacts.all().delete()
    for contact in contacts_:
        try:
            contact_add(
                actor=actor,
                candidate=candidate,
                kind=contact["kind"],
                value=contact["value"],
                label=contact.get("label", ""),
                is_primary=contact.get("is_primary", False),
            )
        except ValidationError as error:
            raise ValidationError({"contacts": error.messages}) from None


@transaction.atomic
def candidate_create(
    *,
    actor,
    owner: "Recruiter | None" = None,
    team: "Team | None" = None,
    aliases: list[dict] | None = None,
    contacts: list[dict] | None = None,
    watchers: list | None = None,
    **fields,
) -> Candidate:
    """Create a candidate with aliases, contacts and watchers.

    The owner defaults to the creating recruiter; an admin without a recruiter
    profile names an owner or a team (talent.access decides who may).
    """
    _check_fields(fields, CANDIDATE_FIELDS - {"owner", "team"}, "candidate")
    if owner is None and team is None:
        owner = recruiter_of(actor)
    access.check_custody_on_create(actor, owner=owner, team=team)
    candidate = Candidate(owner=owner, team=team, **fields)
    candidate.refresh_name_fields(aliases=[a["name"] for a in aliases or []])
    candidate.full_clean()
    candidate.save()
    if aliases:
        _candidate_set_aliases(candidate=candidate, aliases=aliases)
    if contacts:
        _candidate_set_contacts(actor=actor, candidate=candidate, contacts_=contacts)
    if watchers:
        candidate.watchers.set(watchers)
    candidate_refresh_names(candidate=candidate)
    return candidate


@transaction.atomic
def candidate_update(
    *,
    actor,
    candidate: Candidate,
    aliases: list[dict] | None = None,
    contacts: list[dict] | None = None,
    watchers: list | None = None,
    **fields,
) -> Candidate:
    """Change a candidate; aliases, contacts and watchers are replaced when given.

    Changes that decide who may see the candidate are checked against
    talent.access before anything is written.
    """
    _check_fields(fields, CANDIDATE_FIELDS, "candidate")
    access.check_custody_change(actor, candidate, fields)
    assign_validated(candidate, fields=fields, allowed=CANDIDATE_FIELDS, what="candidate")
    candidate.save()
    if aliases is not None:
        _candidate_set_aliases(candidate=candidate, aliases=aliases)
    if contacts is not None:
        _candidate_set_contacts(actor=actor, candidate=candidate, contacts_=contacts)
    if watchers is not None:
        candidate.watchers.set(watchers)
    candidate_refresh_names(candidate=candidate)
    return candidate


@transaction.atomic
def candidate_delete(*, actor, candidate: Candidate) -> None:
    if not access.candidate_rights(actor, candidate).may_manage:
        raise PermissionDenied("Only the candidate's owner, the owner's team lead and admins may delete it.")
    candidate.delete()


EMPLOYMENT_FIELDS = frozenset(
    {"company", "title", "level", "start_date", "end_date", "departure_reason", "departure_notes"}
)


@transaction.atomic
def employment_create(*, candidate: Candidate, **fields) -> Employment:
    _check_fields(fields, EMPLOYMENT_FIELDS, "employment")
    employment = Employment(candidate=candidate, **fields)
    employment.full_clean()
    employment.save()
    candidate_touch(candidate_id=candidate.pk)
    return employment


@transaction.atomic
def employment_update(*, employment: Employment, **fields) -> Employment:
    """Change a stint; a new departure date moves the enforceable ends of the windows it left."""
    departed = employment.end_date
    assign_validated(employment, fields=fields, allowed=EMPLOYMENT_FIELDS, what="employment")
    employment.save()
    if employment.end_date != departed:
        windows = list(employment.noncompetes.all())
        for window in windows:
            window.employment = employment
        _noncompetes_store_ends(windows=windows)
    candidate_touch(candidate_id=employment.candidate_id)
    return employment


@transaction.atomic
def employment_delete(*, employment: Employment) -> None:
    """Delete a stint; its windows lose their departure date and count from their own start."""
    candidate_id = employment.candidate_id
    windows = list(employment.noncompetes.all())
    employment.delete()
    for window in windows:
        window.employment = None
    _noncompetes_store_ends(windows=windows)
    candidate_touch(candidate_id=candidate_id)


NONCOMPETE_FIELDS = frozenset(
    {
        "employer",
        "employment",
        "starts_on",
        "contractual_end",
        "jurisdiction",
        "restricted_sectors",
        "region",
        "monthly_compensation",
        "compensation_currency",
        "last_monthly_pay",
        "last_monthly_pay_currency",
        "compensation_paid",
        "unpaid_since",
        "status",
        "ended_on",
        "notes",
    }
)


def noncompete_refresh_end(*, window: NonCompete) -> bool:
    """Set `window.enforceable_end` from its terms and its stint's departure date; True if it moved.

    The one place the stored end is computed: the services below, the demo
    seeder and `noncompetes_recompute_ends` call it. The caller saves.
    """
    end = noncompetes.enforceable_end(window)
    changed = end != window.enforceable_end
    window.enforceable_end = end
    return changed


def _noncompetes_store_ends(*, windows: list[NonCompete]) -> None:
    """Store the ends of `windows`, marking them and their candidates changed (the reminder planner and
    `updated_since` clients look at `updated_at`)."""
    if not windows:
        return
    now = timezone.now()
    for window in windows:
        noncompete_refresh_end(window=window)
        window.updated_at = now
    NonCompete.objects.bulk_update(windows, ["enforceable_end", "updated_at"])
    Candidate.objects.filter(pk__in={window.candidate_id for window in windows}).update(updated_at=now)


@dataclass(frozen=True)
class RecomputeReport:
    checked: int = 0
    changed: int = 0


def noncompetes_recompute_ends(
    *, batch_size: int = 500, on_batch: Callable[[RecomputeReport], None] | None = None
) -> RecomputeReport:
    """Recompute every stored enforceable end, e.g. after a rule in talent.noncompete_rules changed.

    Works in batches by id, each in its own transaction with its windows
    locked, so a failure keeps the batches done and a second run finishes the
    work. Changed windows and their candidates get a new `updated_at`, which
    makes the reminder planner re-plan them and `updated_since` clients see them.
    """
    if batch_size < 1:
        raise ValueError("The batch size must be at least 1.")
    report = RecomputeReport()
    last_id = 0
    while True:
        with transaction.atomic():
            batch = list(
                NonCompete.objects.select_related("employment")
                .select_for_update(of=("self",))
                .filter(pk__gt=last_id)
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return report
            changed = [window for window in batch if noncompete_refresh_end(window=window)]
            _noncompetes_store_ends(windows=changed)
        last_id = batch[-1].pk
        report = RecomputeReport(checked=report.checked + len(batch), changed=report.changed + len(changed))
        if on_batch is not None:
            on_batch(report)


@transaction.atomic
def noncompete_create(*, candidate: Candidate, restricted_companies: list | None = None, **fields) -> NonCompete:
    """Record a window with the enforceable end the law gives it."""
    _check_fields(fields, NONCOMPETE_FIELDS, "non-compete")
    window = NonCompete(candidate=candidate, **fields)
    window.full_clean()
    noncompete_refresh_end(window=window)
    window.save()
    if restricted_companies:
        window.restricted_companies.set(restricted_companies)
    candidate_touch(candidate_id=candidate.pk)
    return window


@transaction.atomic
def noncompete_update(*, window: NonCompete, restricted_companies: list | None = None, **fields) -> NonCompete:
    assign_validated(window, fields=fields, allowed=NONCOMPETE_FIELDS, what="non-compete")
    noncompete_refresh_end(window=window)
    window.save()
    if restricted_companies is not None:
        window.restricted_companies.set(restricted_companies)
    candidate_touch(candidate_id=window.candidate_id)
    return window


@transaction.atomic
def noncompete_delete(*, window: NonCompete) -> None:
    candidate_id = window.candidate_id
    window.delete()
    candidate_touch(candidate_id=candidate_id)


COMPANY_FIELDS = frozenset({"name", "native_name", "kind", "country", "website"})


def _company_set_aliases(*, company: Company, aliases: list[str]) -> None:
    company.aliases.all().delete()
    names = [name.strip() for name in aliases]
    if len({name.casefold() for name in names}) != len(names):
        raise ValidationError({"aliases": "Each alias may appear only once."})
    same_name = Q(pk__in=[])
    for name in names:
        same_name |= Q(name__iexact=name)
    clash = CompanyAlias.objects.filter(same_name).exclude(company=company).first()
    if clash is not None:
        raise ValidationError({"aliases": f"{clash.name!r} is already an alias of another company."})
    CompanyAlias.objects.bulk_create(CompanyAlias(company=company, name=name) for name in names)


@transaction.atomic
def company_create(*, aliases: list[str] | None = None, **fields) -> Company:
    _check_fields(fields, COMPANY_FIELDS, "company")
    company = Company(**fields)
    company.full_clean()
    company.save()
    if aliases:
        _company_set_aliases(company=company, aliases=aliases)
    company_refresh_search_text(company=company)
    return company


@transaction.atomic
def company_update(*, company: Company, aliases: list[str] | None = None, **fields) -> Company:
    assign_validated(company, fields=fields, allowed=COMPANY_FIELDS, what="company")
    company.save()
    if aliases is not None:
        _company_set_aliases(company=company, aliases=aliases)
    company_refresh_search_text(company=company)
    return company
