"""Writes of reference data: companies with their aliases, and observed level equivalences."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from talent.models import Company, CompanyAlias, Level, LevelEquivalence
from talent.services.base import assign_validated, check_fields


def company_refresh_search_text(*, company: Company) -> None:
    company.search_text = company.compute_search_text()
    Company.objects.filter(pk=company.pk).update(search_text=company.search_text)


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
    check_fields(fields, COMPANY_FIELDS, "company")
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
