"""Writes of reference data: companies with their aliases, and observed level equivalences."""

from django.core.exceptions import ValidationError
from django.db import transaction

from talent.models import Company, CompanyAlias, Level, LevelEquivalence
from talent.search.refresh import company_people_search_refresh
from talent.selectors import companies_matching
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


COMPANY_FIELDS = frozenset({"name", "native_name", "kind", "country", "website", "parent"})


def _company_check_parent(*, company: Company) -> None:
    """A group is a tree: a company's parent chain never comes back to it."""
    seen = {company.pk} if company.pk else set()
    parent = company.parent
    while parent is not None:
        if parent.pk in seen:
            raise ValidationError({"parent": "A company cannot be a subsidiary of its own subsidiary."})
        seen.add(parent.pk)
        parent = parent.parent


def _company_check_names_free(*, company: Company, aliases: list[str] | None) -> None:
    """Every name of a company (name, native name, aliases) names it alone.

    Look-ups and filters are alias- and script-insensitive (talent.selectors.
    companies_matching), so 头条 cannot be one company's name and another's alias.
    """
    names = {"name": [company.name], "native_name": [company.native_name] if company.native_name else []}
    if aliases is not None:
        names["aliases"] = aliases
    errors: dict[str, list[str]] = {}
    for field, values in names.items():
        for value in values:
            other = companies_matching(value).exclude(pk=company.pk).first()
            if other is not None:
                errors.setdefault(field, []).append(f"{value} already names another company ({other.name}).")
    if errors:
        raise ValidationError(errors)


def _company_set_aliases(*, company: Company, aliases: list[str]) -> None:
    company.aliases.all().delete()
    if len({name.casefold() for name in aliases}) != len(aliases):
        raise ValidationError({"aliases": "Each alias may appear only once."})
    CompanyAlias.objects.bulk_create(CompanyAlias(company=company, name=name) for name in aliases)


@transaction.atomic
def company_create(*, aliases: list[str] | None = None, **fields) -> Company:
    check_fields(fields, COMPANY_FIELDS, "company")
    company = Company(**fields)
    company.full_clean()
    _company_check_parent(company=company)
    aliases = [name.strip() for name in aliases or []]
    _company_check_names_free(company=company, aliases=aliases)
    company.save()
    if aliases:
        _company_set_aliases(company=company, aliases=aliases)
    company_refresh_search_text(company=company)
    return company


@transaction.atomic
def company_update(*, company: Company, aliases: list[str] | None = None, **fields) -> Company:
    names_before = (company.name, company.native_name)
    assign_validated(company, fields=fields, allowed=COMPANY_FIELDS, what="company")
    _company_check_parent(company=company)
    aliases = None if aliases is None else [name.strip() for name in aliases]
    _company_check_names_free(company=company, aliases=aliases)
    company.save()
    if aliases is not None:
        _company_set_aliases(company=company, aliases=aliases)
    company_refresh_search_text(company=company)
    if aliases is not None or (company.name, company.native_name) != names_before:
        # Its names are search tokens of everyone who worked there: refresh them, not the whole table.
        company_people_search_refresh(company_ids=[company.pk])
    return company
