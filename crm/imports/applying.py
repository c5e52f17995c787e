"""Writing one planned row through the talent services: a new person, or what is new for an existing one.

An existing person's values are never overwritten: empty fields are filled,
aliases, contacts, expertise and jobs are added, a different name becomes an
alias and any other difference is reported on the row.
"""

from django.db import transaction

from crm.imports.planning import Plan
from crm.imports.rows import RowData
from crm.models.imports import ImportAction, ImportJob, ImportResult
from talent.models import Candidate, CandidateAlias, Company
from talent.selectors import company_lookup
from talent.services import (
    candidate_create,
    candidate_refresh_names,
    candidate_update,
    company_create,
    contact_add,
    employment_create,
)

FILLED_FIELDS = ("native_name", "english_name", "city", "country")


def _company(plan: Plan, name: str) -> Company:
    company = plan.companies.get(name)
    if company is None:
        # Another row of this batch may have created it a moment ago.
        company = company_lookup(name) or company_create(name=name)
        plan.companies[name] = company
    return company


def _add_jobs(*, candidate: Candidate, data: RowData, plan: Plan) -> int:
    known = set(candidate.employments.values_list("company_id", "start_date"))
    added = 0
    for row_job in data.jobs:
        company = _company(plan, row_job.company)
        if (company.pk, row_job.start) in known:
            continue
        employment_create(
            candidate=candidate,
            company=company,
            title=row_job.title[:200],
            level=plan.levels.get(row_job),
            start_date=row_job.start,
            end_date=row_job.end,
        )
        known.add((company.pk, row_job.start))
        added += 1
    return added


def _detail(job: ImportJob, data: RowData) -> str:
    return "; ".join(part for part in (job.source_detail, data.source_detail) if part)[:300]


def _privacy_fields(job: ImportJob, data: RowData) -> dict:
    basis = data.lawful_basis or job.lawful_basis
    fields = {"lawful_basis": basis}
    if basis == Candidate.LawfulBasis.CONSENT:
        fields["consent_given_on"] = data.consent_given_on
    return fields


def _create(*, job: ImportJob, data: RowData, plan: Plan, actor) -> Candidate:
    candidate = candidate_create(
        actor=actor,
        owner=job.owner,
        team=job.team,
        native_name=data.native_name,
        english_name=data.english_name,
        city=data.city,
        country=data.country,
        expertise=data.expertise,
        source=job.candidate_source,
        source_detail=_detail(job, data),
        aliases=[{"name": name} for name in data.aliases if name not in (data.native_name, data.english_name)],
        contacts=[{"kind": kind, "value": value} for kind, value in data.contacts],
        **_privacy_fields(job, data),
    )
    _add_jobs(candidate=candidate, data=data, plan=plan)
    return candidate


def _enrich(*, job: ImportJob, data: RowData, plan: Plan, actor) -> list[str]:
    """Add what the row has that the candidate lacks; returns what was added and what differs."""
    candidate = plan.candidate
    notes: list[str] = []
    fields: dict = {}
    new_aliases: list[str] = []
    for name in FILLED_FIELDS:
        ours, theirs = getattr(data, name), getattr(candidate, name)
        if not ours or ours == theirs:
            continue
        if not theirs:
            fields[name] = ours
        elif name in ("native_name", "english_name"):
            new_aliases.append(ours)
        else:
            notes.append(f"{name} differs ({ours!r} in the file); kept the existing value.")
    tags = [tag for tag in data.expertise if tag not in candidate.expertise]
    if tags:
        fields["expertise"] = [*candidate.expertise, *tags]
    if not candidate.source:
        fields.update(source=job.candidate_source, source_detail=_detail(job, data))
    if not candidate.lawful_basis:
        fields.update(_privacy_fields(job, data))
    elif data.lawful_basis and data.lawful_basis != candidate.lawful_basis:
        notes.append(f"lawful_basis differs ({data.lawful_basis!r} in the file); kept the existing one.")
    if fields:
        candidate_update(actor=actor, candidate=candidate, **fields)
        notes.append(f"Filled {', '.join(sorted(fields))}.")
    known = {alias.casefold() for alias in candidate.aliases.values_list("name", flat=True)}
    known |= {candidate.native_name.casefold(), candidate.english_name.casefold()}
    aliases = [a for a in dict.fromkeys([*new_aliases, *data.aliases]) if a.casefold() not in known]
    if aliases:
        CandidateAlias.objects.bulk_create(CandidateAlias(candidate=candidate, name=name) for name in aliases)
        candidate_refresh_names(candidate=candidate)
        notes.append(f"Added aliases: {', '.join(aliases)}.")
    held = set(candidate.contacts.values_list("kind", "value"))
    added = [(k, v) for k, v in data.contacts if (k, v) not in held]
    for kind, value in added:
        contact_add(actor=actor, candidate=candidate, kind=kind, value=value)
    if added:
        notes.append(f"Added {len(added)} contact(s).")
    jobs = _add_jobs(candidate=candidate, data=data, plan=plan)
    if jobs:
        notes.append(f"Added {jobs} job(s).")
    return notes or ["Nothing new."]


@transaction.atomic
def apply_plan(*, job: ImportJob, data: RowData, plan: Plan, actor) -> tuple[str, Candidate | None, list[str]]:
    """Write the row as planned; (result, candidate, reasons)."""
    if plan.action == ImportAction.REFUSE:
        return ImportResult.REFUSED, None, plan.reasons
    if plan.action == ImportAction.CREATE:
        candidate = _create(job=job, data=data, plan=plan, actor=actor)
        return ImportResult.CREATED, candidate, [*plan.reasons, f"Created candidate #{candidate.pk}."]
    notes = _enrich(job=job, data=data, plan=plan, actor=actor)
    result = ImportResult.UPDATED if plan.action == ImportAction.UPDATE else ImportResult.MERGED
    return result, plan.candidate, [*plan.reasons, *notes]
