"""What a row's cells say: the target fields a column maps to, and a row's cells read into them.

Several columns may map to one target: list targets (aliases, contacts,
expertise, past companies) collect them all, the others take the first
non-empty one. Lists inside a cell are separated by `;` (or `；`).
Dates are YYYY-MM-DD, YYYY-MM or YYYY (the first day of that month or year).
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from talent import contacts
from talent.fields import validate_in_calendar
from talent.models import Candidate

CONTACT_TARGETS = (contacts.EMAIL, contacts.PHONE, contacts.WECHAT, contacts.LINKEDIN)
LIST_TARGETS = frozenset({"aliases", "expertise", "past_companies", *CONTACT_TARGETS})
TARGETS = {
    "native_name": "Name in its own script (张伟).",
    "english_name": "English name (Wei Zhang).",
    "aliases": "Other names, `;`-separated.",
    "email": "E-mail addresses, `;`-separated.",
    "phone": "Phone numbers, `;`-separated (without a country code: China).",
    "wechat": "WeChat IDs, `;`-separated.",
    "linkedin": "LinkedIn profile URLs, `;`-separated.",
    "current_company": "Current employer: a company's name, native name or alias.",
    "current_title": "Title at the current employer (needed with current_company).",
    "current_level": "Level code on the current employer's ladder, e.g. P8.",
    "current_start": "When the current job started (needed with current_company).",
    "past_companies": "Past jobs, `;`-separated, each `company|title|start|end`.",
    "expertise": "Expertise tags, `;`-separated.",
    "city": "City.",
    "country": "ISO country code, e.g. CN.",
    "source_detail": "Where this person came from, added to the source's detail.",
    "lawful_basis": f"One of {', '.join(v for v in Candidate.LawfulBasis.values if v)}; else the source's.",
    "consent_given_on": "When consent was given (needed with lawful_basis consent).",
}
_SEPARATOR = re.compile(r"[;；\n]")
_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")


def mapping_errors(mapping) -> list[str]:
    """Why a column mapping cannot be used (empty list: it can)."""
    if not isinstance(mapping, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()):
        return ["Give the mapping as an object of column header → target field."]
    unknown = sorted({target for target in mapping.values() if target not in TARGETS})
    errors = [f"Unknown target field {target!r}; choose from {', '.join(TARGETS)}." for target in unknown]
    if not {"native_name", "english_name"} & set(mapping.values()):
        errors.append("Map a column to native_name or english_name.")
    return errors


def default_mapping(headers: list[str]) -> dict[str, str]:
    """Columns named after a target field map to it."""
    return {header: header.strip().lower() for header in headers if header.strip().lower() in TARGETS}


def parse_date(text: str) -> dt.date:
    match = _DATE.match(text.strip())
    if not match:
        raise ValidationError(f"{text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY).")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        day_ = dt.date(year, month, day)
    except ValueError:
        raise ValidationError(f"{text!r} is not a date of the calendar.") from None
    validate_in_calendar(day_)
    return day_


@dataclass(frozen=True)
class RowJob:
    company: str
    title: str
    start: dt.date
    end: dt.date | None
    level: str = ""


@dataclass
class RowData:
    """A row read into target fields; `errors` says what could not be read."""

    native_name: str = ""
    english_name: str = ""
    aliases: list[str] = field(default_factory=list)
    contacts: list[tuple[str, str]] = field(default_factory=list)  # (kind, normalised value)
    jobs: list[RowJob] = field(default_factory=list)  # the current one (no end) first
    expertise: list[str] = field(default_factory=list)
    city: str = ""
    country: str = ""
    source_detail: str = ""
    lawful_basis: str = ""
    consent_given_on: dt.date | None = None
    errors: list[str] = field(default_factory=list)


def _values(cells: dict[str, str], mapping: dict[str, str]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for header, target in mapping.items():
        text = (cells.get(header) or "").strip()
        if not text:
            continue
        parts = [p.strip() for p in _SEPARATOR.split(text)] if target in LIST_TARGETS else [text]
        values.setdefault(target, []).extend(p for p in parts if p)
    return values


def _read_date(data: RowData, label: str, text: str) -> dt.date | None:
    try:
        return parse_date(text)
    except ValidationError as error:
        data.errors.append(f"{label}: {' '.join(error.messages)}")
        return None


def _read_jobs(data: RowData, values: dict[str, list[str]]) -> None:
    first = {target: (values.get(target) or [""])[0] for target in TARGETS}
    if first["current_company"]:
        start = _read_date(data, "current_start", first["current_start"]) if first["current_start"] else None
        if not first["current_start"]:
            data.errors.append("current_start: give the day the current job started.")
        if not first["current_title"]:
            data.errors.append("current_title: give the title at the current employer.")
        if start and first["current_title"]:
            data.jobs.append(
                RowJob(first["current_company"], first["current_title"], start, None, level=first["current_level"])
            )
    elif first["current_title"] or first["current_level"]:
        data.errors.append("current_company: a current title or level needs the current employer.")
    for text in values.get("past_companies", []):
        parts = [p.strip() for p in text.split("|")]
        if len(parts) != 4 or not all(parts):
            data.errors.append(f"past_companies: {text!r} is not company|title|start|end.")
            continue
        start = _read_date(data, "past_companies", parts[2])
        end = _read_date(data, "past_companies", parts[3])
        if start and end and end < start:
            data.errors.append(f"past_companies: {parts[0]} ends before it starts.")
        elif start and end:
            data.jobs.append(RowJob(parts[0], parts[1], start, end))


def read_row(cells: dict[str, str], mapping: dict[str, str]) -> RowData:
    """The row's values, contacts normalised; what is wrong with it in `errors` (nothing is looked up)."""
    values = _values(cells, mapping)
    first = {target: (values.get(target) or [""])[0] for target in TARGETS}
    data = RowData(
        native_name=first["native_name"],
        english_name=first["english_name"],
        city=first["city"],
        country=first["country"].upper(),
        source_detail=first["source_detail"],
        lawful_basis=first["lawful_basis"].lower(),
    )
    if not (data.native_name or data.english_name):
        data.errors.append("No name: give a native or English name.")
    data.aliases = list(dict.fromkeys(values.get("aliases", [])))
    if any(len(alias) > 100 for alias in data.aliases):
        data.errors.append("aliases: an alias is longer than 100 characters.")
    data.expertise = list(dict.fromkeys(tag[:50] for tag in values.get("expertise", [])))
    for kind in CONTACT_TARGETS:
        for text in values.get(kind, []):
            try:
                normalised = contacts.normalize_contact(kind, text)
            except ValidationError as error:
                data.errors.append(f"{kind}: {text!r}: {' '.join(error.messages)}")
                continue
            if (kind, normalised) not in data.contacts:
                data.contacts.append((kind, normalised))
    _read_jobs(data, values)
    if data.lawful_basis and data.lawful_basis not in Candidate.LawfulBasis.values:
        known = ", ".join(value for value in Candidate.LawfulBasis.values if value)
        data.errors.append(f"lawful_basis: {data.lawful_basis!r} is not one of {known}.")
    if first["consent_given_on"]:
        data.consent_given_on = _read_date(data, "consent_given_on", first["consent_given_on"])
    for name, limit in (("native_name", 100), ("english_name", 100), ("city", 100), ("source_detail", 200)):
        if len(getattr(data, name)) > limit:
            data.errors.append(f"{name}: longer than {limit} characters.")
    if data.country and not re.fullmatch(r"[A-Z]{2}", data.country):
        data.errors.append(f"country: {data.country!r} is not a two-letter ISO code.")
    return data
