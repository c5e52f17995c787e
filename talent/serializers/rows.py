"""Candidates, stints and windows as JSON-ready dicts, written out by hand.

CandidateSerializer and the career serializers declare the shapes (and the
OpenAPI schema); rendering a page of 50 full candidates through DRF's generic
field machinery cost ~60 ms of Python (bench/README.md), most of it in
per-field look-ups for ~12,000 nested values. These functions build the same
dicts directly. tests/talent/test_rows.py checks them field for field against
the serializers' generic rendering on varied data, so the two cannot drift.
"""

import datetime as dt
from decimal import Decimal

from talent.availability import availability_of, current_employment
from talent.models import Candidate, Employment, NonCompete
from talent.noncompetes import window_facts
from talent.serializers.reference import company_ref

# Private fields, blank for a caller not cleared for the candidate (the serializers import these).
CANDIDATE_PRIVATE_BLANKS = {
    "native_name": "",
    "english_name": "",
    "pinyin": "",
    "aliases": [],
    "contacts": [],
    "current_compensation": None,
    "current_compensation_currency": "",
    "current_compensation_period": "",
    "expected_compensation": None,
    "expected_compensation_currency": "",
    "expected_compensation_period": "",
    "compensation_notes": "",
    # Free text can name people, schools or family: private like the names.
    "work_authorization": "",
    "relocation_notes": "",
    "source_detail": "",
    # What the person consented to and was told (talent.privacy_rules).
    "lawful_basis": "",
    "consent_given_on": None,
    "consent_channel": "",
    "collected_on": None,
    "notified_on": None,
    "notice_channel": "",
}
EMPLOYMENT_PRIVATE_BLANKS = {"departure_notes": ""}
NONCOMPETE_PRIVATE_BLANKS = {
    "monthly_compensation": None,
    "compensation_currency": "",
    "last_monthly_pay": None,
    "last_monthly_pay_currency": "",
    "notes": "",
}


def _related(instance, relation: str) -> list:
    """The list `talent.selectors.candidates_as_rows` prefetched, or the relation read now."""
    rows = getattr(instance, f"{relation}_rows", None)
    return rows if rows is not None else list(getattr(instance, relation).all())


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _datetime(value: dt.datetime, zone: dt.tzinfo) -> str:
    # DRF's DateTimeField with its ISO 8601 default: in the zone active while rendering, UTC written "Z". It
    # looked the zone up per value (~5% of a page); the serializer reads it once per page.
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _money(value: Decimal | None) -> str | None:
    # Stored with two decimal places (numeric(12, 2) and (14, 2)); DRF's quantize was ~4% of a page.
    return None if value is None else format(value, ".2f")


def employment_row(stint: Employment, *, cleared: bool) -> dict:
    """A stint as CareerEmploymentSerializer renders it (no `candidate`)."""
    level = stint.level
    return {
        "id": stint.pk,
        "company": stint.company_id,
        "company_detail": company_ref(stint.company),
        "title": stint.title,
        "level": stint.level_id,
        "level_detail": None
        if level is None
        else {"id": level.pk, "code": level.code, "band": level.band.code if level.band_id else None},
        "start_date": _date(stint.start_date),
        "end_date": _date(stint.end_date),
        "is_current": stint.is_current,
        "departure_reason": stint.departure_reason,
        "departure_notes": stint.departure_notes if cleared else "",
    }


def noncompete_row(window: NonCompete, *, cleared: bool, today: dt.date, zone: dt.tzinfo) -> dict:
    """A window as CareerNonCompeteSerializer renders it (no `candidate`)."""
    facts = window_facts(window, today)
    row = {
        "id": window.pk,
        "employer": window.employer_id,
        "employer_detail": company_ref(window.employer),
        "employment": window.employment_id,
        "starts_on": _date(window.starts_on),
        "contractual_end": _date(window.contractual_end),
        "enforceable_end": _date(window.enforceable_end),
        "days_left": facts.days_left,
        "state": facts.state,
        "is_void": facts.is_void,
        "half_pay_test": facts.half_pay_test,
        "capped_by_law": facts.capped_by_law,
        "unpaid_termination_available": facts.unpaid_termination_available,
        "compensation_owed_until": _date(facts.compensation_owed_until),
        "jurisdiction": window.jurisdiction,
        "restricted_companies": [company.pk for company in _related(window, "restricted_companies")],
        "restricted_sectors": list(window.restricted_sectors),
        "region": window.region,
        "monthly_compensation": _money(window.monthly_compensation),
        "compensation_currency": window.compensation_currency,
        "last_monthly_pay": _money(window.last_monthly_pay),
        "last_monthly_pay_currency": window.last_monthly_pay_currency,
        "compensation_paid": window.compensation_paid,
        "unpaid_since": _date(window.unpaid_since),
        "status": window.status,
        "ended_on": _date(window.ended_on),
        "notes": window.notes,
        "created_at": _datetime(window.created_at, zone),
        "updated_at": _datetime(window.updated_at, zone),
    }
    if not cleared:
        row.update(NONCOMPETE_PRIVATE_BLANKS)
    return row


def candidate_row(candidate: Candidate, *, cleared: bool, today: dt.date, zone: dt.tzinfo) -> dict:
    """A candidate as CandidateSerializer renders it (datetimes in `zone`, the active time zone), best read
    through `talent.selectors.candidates_as_rows`."""
    stints = _related(candidate, "employments")
    windows = _related(candidate, "noncompetes")
    stint = current_employment(stints)
    availability = availability_of(candidate.hold, stints, windows, today)
    if stint is None:
        current = None
    else:
        level = stint.level
        current = {
            "company": company_ref(stint.company),
            "title": stint.title,
            "level": level.code if level else None,
            "band": level.band.code if level and level.band_id else None,
            "since": stint.start_date.isoformat(),
        }
    row = {
        "id": candidate.pk,
        "display_name": candidate.display_name if cleared else candidate.pseudonym,
        "identity_cleared": cleared,
        "native_name": candidate.native_name,
        "english_name": candidate.english_name,
        "pinyin": candidate.pinyin,
        "pseudonym": candidate.pseudonym,
        "is_confidential": candidate.is_confidential,
        "is_market_icon": candidate.is_market_icon,
        "aliases": [
            {"name": alias.name, "kind": alias.kind, "company": alias.company_id}
            for alias in _related(candidate, "aliases")
        ],
        "contacts": [
            {"kind": c.kind, "value": c.value, "label": c.label, "is_primary": c.is_primary}
            for c in _related(candidate, "contacts")
        ],
        "city": candidate.city,
        "country": candidate.country,
        "expertise": list(candidate.expertise),
        "work_authorization": candidate.work_authorization,
        "current_compensation": _money(candidate.current_compensation),
        "current_compensation_currency": candidate.current_compensation_currency,
        "current_compensation_period": candidate.current_compensation_period,
        "expected_compensation": _money(candidate.expected_compensation),
        "expected_compensation_currency": candidate.expected_compensation_currency,
        "expected_compensation_period": candidate.expected_compensation_period,
        "compensation_notes": candidate.compensation_notes,
        "willing_to_relocate": candidate.willing_to_relocate,
        "relocation_notes": candidate.relocation_notes,
        "owner": candidate.owner_id,
        "team": candidate.team_id,
        "watchers": [recruiter.pk for recruiter in _related(candidate, "watchers")],
        "source": candidate.source,
        "source_detail": candidate.source_detail,
        "lawful_basis": candidate.lawful_basis,
        "consent_given_on": _date(candidate.consent_given_on),
        "consent_channel": candidate.consent_channel,
        "collected_on": _date(candidate.collected_on),
        "notified_on": _date(candidate.notified_on),
        "notice_channel": candidate.notice_channel,
        "hold": candidate.hold,
        "current": current,
        "availability": {
            "state": availability.state.value,
            "until": _date(availability.until),
            "days_left": availability.days_left,
            "noncompete": availability.noncompete.pk if availability.noncompete else None,
        },
        "employments": [employment_row(s, cleared=cleared) for s in stints],
        "noncompetes": [noncompete_row(w, cleared=cleared, today=today, zone=zone) for w in windows],
        "created_at": _datetime(candidate.created_at, zone),
        "updated_at": _datetime(candidate.updated_at, zone),
    }
    if not cleared:
        row.update(CANDIDATE_PRIVATE_BLANKS)
    return row
