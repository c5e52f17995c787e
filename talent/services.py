"""Writes of the talent domain that keep derived data right.

The admin, the API, the demo seeder and tasks all go through these, so that
search text and stored enforceable ends never drift from their inputs.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from talent import contacts
from talent.models import Candidate, Company, ContactChannel, Level, LevelEquivalence


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
