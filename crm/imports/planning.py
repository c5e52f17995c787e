"""What a row would do: create a person, update the one with its contact, merge into the one with its name at
its employer, or be refused and why. Reads only; the same plan is computed again at run time.

Matching uses the duplicate rules' keys (talent.duplicates.keys) against the stored key index, plus the
exact normalised contact, so an import finds who the duplicate list would pair it with.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from crm.imports.rows import RowData, RowJob
from crm.models.imports import ImportAction, ImportJob, NameMatch
from talent import access
from talent.duplicates.keys import CandidateFacts, Stint, candidate_keys, contact_keys, key_company, years_overlap
from talent.models import Candidate, Company, ContactChannel, DuplicateKey, Employment, Level
from talent.selectors import company_lookup
from talent.suppression import suppressed

SUPPRESSED = "A contact matches the suppression list (a person who asked to be erased); the row is not imported."
NOT_CLEARED = "Matches an existing candidate you may not change; ask their owner to add this data."
CONTACT_KEY_KINDS = ("email", "phone", "wechat", "linkedin")


@dataclass
class Plan:
    action: str
    reasons: list[str] = field(default_factory=list)
    candidate: Candidate | None = None
    companies: dict[str, Company | None] = field(default_factory=dict)  # name in the row -> company (None: create)
    levels: dict[RowJob, Level] = field(default_factory=dict)


def refuse(*reasons: str) -> Plan:
    return Plan(ImportAction.REFUSE, list(reasons))


def _resolve_companies(job: ImportJob, data: RowData, plan: Plan) -> list[str]:
    errors = []
    for row_job in data.jobs:
        if row_job.company in plan.companies:
            continue
        company = company_lookup(row_job.company)
        if company is None and not job.create_unknown_companies:
            errors.append(
                f"Unknown company {row_job.company!r}: no company name or alias matches it, and this import "
                "does not create companies."
            )
        plan.companies[row_job.company] = company
    for row_job in data.jobs:
        if not row_job.level:
            continue
        company = plan.companies.get(row_job.company)
        level = Level.objects.filter(company=company, code__iexact=row_job.level).first() if company else None
        if level is None:
            errors.append(f"current_level: {row_job.level!r} is not a level of {row_job.company}'s ladder.")
        else:
            plan.levels[row_job] = level
    return errors


def contact_match_keys(data: RowData) -> set[str]:
    keys: set[str] = set()
    for kind, value in data.contacts:
        keys |= {key for key in contact_keys(kind, value) if key.split(":", 1)[0] in CONTACT_KEY_KINDS}
    return keys


def _contact_holders(data: RowData) -> set[int]:
    if not data.contacts:
        return set()
    exact = Q()
    for kind, value in data.contacts:
        exact |= Q(kind=kind, value=value)
    holders = set(ContactChannel.objects.filter(exact).values_list("candidate_id", flat=True))
    holders |= set(DuplicateKey.objects.filter(key__in=contact_match_keys(data)).values_list("candidate_id", flat=True))
    return holders


def _name_holders(data: RowData, plan: Plan) -> set[int]:
    """Candidates with the row's name at one of its (known) employers; pinyin only with overlapping years."""
    stints = [
        Stint(plan.companies[j.company].pk, j.start.year, j.end.year if j.end else None)
        for j in data.jobs
        if plan.companies.get(j.company) is not None
    ]
    keys = candidate_keys(CandidateFacts(native_name=data.native_name, english_name=data.english_name, stints=stints))
    found = DuplicateKey.objects.filter(key__in=keys).values_list("candidate_id", "key")
    holders = set()
    for candidate_id, key in found:
        if key.startswith("pinyin:"):
            company = key_company(key)
            theirs = [
                Stint(company, start.year, end.year if end else None)
                for start, end in Employment.objects.filter(candidate_id=candidate_id, company_id=company).values_list(
                    "start_date", "end_date"
                )
            ]
            if not years_overlap([s for s in stints if s.company_id == company], theirs):
                continue
        holders.add(candidate_id)
    return holders


def _existing(actor, candidate_id: int, *, lock: bool) -> tuple[Candidate | None, bool]:
    """The candidate, and whether `actor` may change it (locked for the run's write)."""
    rows = access.candidates_visible_to(actor).filter(pk=candidate_id)
    if lock:
        rows = rows.select_for_update(of=("self",))
    candidate = rows.first()
    return candidate, bool(candidate is not None and candidate.may_edit)


def plan_row(
    *, job: ImportJob, data: RowData, actor, lock: bool = False, earlier: dict[str, int] | None = None
) -> Plan:
    """The plan for one row. `earlier` (dry run only) maps contact keys of rows planned to create to their line."""
    if data.errors:
        return refuse(*data.errors)
    if suppressed(data.contacts):
        return refuse(SUPPRESSED)
    plan = Plan(ImportAction.CREATE)
    errors = _resolve_companies(job, data, plan)
    basis = data.lawful_basis or job.lawful_basis
    if basis == Candidate.LawfulBasis.CONSENT and data.consent_given_on is None:
        errors.append("consent_given_on: a lawful basis of consent needs the day it was given.")
    if errors:
        return refuse(*errors)
    holders = _contact_holders(data)
    if len(holders) > 1:
        return refuse(f"Its contacts belong to {len(holders)} different people; merge them first.")
    if holders:
        candidate, may_edit = _existing(actor, holders.pop(), lock=lock)
        if not may_edit:
            return refuse(NOT_CLEARED)
        plan.action, plan.candidate = ImportAction.UPDATE, candidate
        plan.reasons.append(f"Same contact as candidate #{candidate.pk}.")
        return plan
    if earlier is not None:
        line = next((earlier[key] for key in contact_match_keys(data) if key in earlier), None)
        if line is not None:
            plan.action = ImportAction.UPDATE
            plan.reasons.append(f"Same contact as line {line}, which creates this person first.")
            return plan
    holders = _name_holders(data, plan)
    if holders and job.on_name_match == NameMatch.MERGE:
        if len(holders) > 1:
            return refuse(f"Same name and employer as {len(holders)} people; review them before importing.")
        candidate, may_edit = _existing(actor, holders.pop(), lock=lock)
        if not may_edit:
            return refuse(NOT_CLEARED)
        plan.action, plan.candidate = ImportAction.MERGE, candidate
        plan.reasons.append(f"Same name and employer as candidate #{candidate.pk}.")
        return plan
    if holders:
        ids = ", ".join(f"#{pk}" for pk in sorted(holders))
        plan.reasons.append(f"Possible duplicate of candidate {ids} (same name and employer): listed for review.")
    for name, company in plan.companies.items():
        if company is None:
            plan.reasons.append(f"Creates the company {name!r}.")
    return plan
