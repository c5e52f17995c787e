"""Writes of the talent domain that keep derived data right.

The admin, the API, the demo seeder and tasks all go through these, so that
search text and stored enforceable ends never drift from their inputs.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.utils import timezone

from talent import contacts
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
    from crm.models import Recruiter


def candidate_refresh_names(*, candidate: Candidate) -> None:
    """Recompute pinyin and search text after a name or alias changed."""
    candidate.refresh_name_fields()
    Candidate.objects.filter(pk=candidate.pk).update(pinyin=candidate.pinyin, search_text=candidate.search_text)


def company_refresh_search_text(*, company: Company) -> None:
    company.search_text = company.compute_search_text()
    Company.objects.filter(pk=company.pk).update(search_text=company.search_text)


@transaction.atomic
def contact_add(
    *, candidate: Candidate, kind: str, value: str, label: str = "", is_primary: bool = False
) -> ContactChannel:
    """Attach a contact, normalised; refuses one that belongs to someone else."""
    normalized = contacts.normalize_contact(kind, value)
    owner = ContactChannel.objects.filter(kind=kind, value=normalized).select_related("candidate").first()
    if owner is not None:
        raise ValidationError({"value": f"{normalized} already belongs to candidate #{owner.candidate_id}."})
    try:
        with transaction.atomic():
            return ContactChannel.objects.create(
                candidate=candidate, kind=kind, value=normalized, label=label, is_primary=is_primary
            )
    except IntegrityError:
        raise ValidationError({"value": f"{normalized} already belongs to another candidate."}) from None


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
    f.name for f in Candidate._meta.concrete_fields if f.editable and f.name not in {"id", "owner", "created_at"}
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


def _candidate_set_contacts(*, candidate: Candidate, contacts_: list[dict]) -> None:
    candidate.contacts.all().delete()
    for contact in contacts_:
        try:
            contact_add(
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
    owner: "Recruiter | None",
    aliases: list[dict] | None = None,
    contacts: list[dict] | None = None,
    watchers: list | None = None,
    **fields,
) -> Candidate:
    """Create a candidate owned by `owner`, with aliases, contacts and watchers."""
    _check_fields(fields, CANDIDATE_FIELDS, "candidate")
    candidate = Candidate(owner=owner, **fields)
    candidate.refresh_name_fields(aliases=[a["name"] for a in aliases or []])
    candidate.full_clean()
    candidate.save()
    if aliases:
        _candidate_set_aliases(candidate=candidate, aliases=aliases)
    if contacts:
        _candidate_set_contacts(candidate=candidate, contacts_=contacts)
    if watchers:
        candidate.watchers.set(watchers)
    candidate_refresh_names(candidate=candidate)
    return candidate


@transaction.atomic
def candidate_update(
    *,
    candidate: Candidate,
    aliases: list[dict] | None = None,
    contacts: list[dict] | None = None,
    watchers: list | None = None,
    **fields,
) -> Candidate:
    """Change a candidate; aliases, contacts and watchers are replaced when given."""
    assign_validated(candidate, fields=fields, allowed=CANDIDATE_FIELDS, what="candidate")
    candidate.save()
    if aliases is not None:
        _candidate_set_aliases(candidate=candidate, aliases=aliases)
    if contacts is not None:
        _candidate_set_contacts(candidate=candidate, contacts_=contacts)
    if watchers is not None:
        candidate.watchers.set(watchers)
    candidate_refresh_names(candidate=candidate)
    return candidate


def candidate_delete(*, candidate: Candidate) -> None:
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
    assign_validated(employment, fields=fields, allowed=EMPLOYMENT_FIELDS, what="employment")
    employment.save()
    candidate_touch(candidate_id=employment.candidate_id)
    return employment


@transaction.atomic
def employment_delete(*, employment: Employment) -> None:
    candidate_id = employment.candidate_id
    employment.delete()
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
        "compensation_paid",
        "unpaid_since",
        "status",
        "ended_on",
        "notes",
    }
)


@transaction.atomic
def noncompete_create(*, candidate: Candidate, restricted_companies: list | None = None, **fields) -> NonCompete:
    """Record a window; its enforceable end is computed on save."""
    _check_fields(fields, NONCOMPETE_FIELDS, "non-compete")
    window = NonCompete(candidate=candidate, **fields)
    window.full_clean()
    window.save()
    if restricted_companies:
        window.restricted_companies.set(restricted_companies)
    candidate_touch(candidate_id=candidate.pk)
    return window


@transaction.atomic
def noncompete_update(*, window: NonCompete, restricted_companies: list | None = None, **fields) -> NonCompete:
    assign_validated(window, fields=fields, allowed=NONCOMPETE_FIELDS, what="non-compete")
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
