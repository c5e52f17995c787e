"""Invented candidates: names in both scripts, contacts, education, pay, careers and outreach."""

import datetime as dt
import random
import re
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate

from crm.demo import vocabulary as words
from crm.demo.careers import Career, annual_pay, build_career, window_for
from crm.demo.reference import Market
from crm.models import OutreachNote
from talent import contacts
from talent.models import Candidate, CandidateAlias, ContactChannel, Education, PayPeriod
from talent.names import SURNAME_READINGS, pinyin, to_traditional

DAY = dt.timedelta(days=1)
_SURNAME_WEIGHTS = list(accumulate(1 / (rank + 8) for rank in range(len(words.SURNAMES))))
_NOT_ASCII_LETTERS = re.compile(r"[^a-z]")
_CN_MOBILE_PREFIXES = ["138", "139", "137", "186", "135", "150", "158", "188", "136", "159"]
_US_AREA_CODES = ["650", "415", "408", "669", "206"]
_EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]
# (currency, factor applied to the USD scale); China is paid on its own CNY scale.
_PAY = {"US": ("USD", 1), "GB": ("GBP", Decimal("0.7")), "DE": ("EUR", Decimal("0.6")), "HK": ("HKD", Decimal("7.8"))}


@dataclass
class Bundle:
    """One invented candidate and everything that hangs off them, unsaved."""

    candidate: Candidate
    aliases: list[CandidateAlias]
    contacts: list[ContactChannel]
    education: list[Education]
    career: Career
    notes: list[OutreachNote]
    watcher_ids: list[int]


def invent_candidate(*, position: int, candidate_id: int, seed: int, today: dt.date, market: Market) -> Bundle:
    """The candidate at `position` of a run with `seed`; the same inputs give the same person.

    `candidate_id` is reserved from the table's sequence; unique values
    (contacts, pseudonyms, founded companies) carry it.
    """
    rng = random.Random(f"{seed}:{position}")
    expertise = rng.sample(words.EXPERTISE, k=rng.randint(2, 5))
    career = build_career(
        rng=rng, market=market, today=today, window=window_for(position), candidate_id=candidate_id, expertise=expertise
    )
    candidate = Candidate(pk=candidate_id, expertise=expertise, owner_id=rng.choice(market.recruiters).id)
    surname, traditional = _name(rng, candidate)
    _place(rng, candidate, career, traditional)
    _pay(rng, candidate, career)
    _profile(rng, candidate, position)
    aliases = _aliases(rng, candidate, career, surname, market)
    candidate.refresh_name_fields(aliases=[alias.name for alias in aliases])
    return Bundle(
        candidate=candidate,
        aliases=aliases,
        contacts=_contacts(rng, candidate),
        education=_education(rng, candidate, career),
        career=career,
        notes=_notes(rng, candidate, career, today, market),
        watcher_ids=_watchers(rng, market),
    )


@lru_cache(maxsize=4096)
def _romanised(chinese: str, *, surname: bool = False) -> str:
    reading = SURNAME_READINGS.get(chinese) if surname else None
    return (reading or pinyin(chinese)).replace(" ", "").title()


def _name(rng: random.Random, candidate: Candidate) -> tuple[str, bool]:
    """Set the names; return the Chinese surname ("" if none) and whether the name is in traditional script."""
    if rng.random() < 0.03:
        candidate.english_name = f"{rng.choice(words.OTHER_FIRST_NAMES)} {rng.choice(words.OTHER_LAST_NAMES)}"
        return "", False
    if rng.random() < 0.04:
        surname = rng.choice(words.COMPOUND_SURNAMES)
    else:
        surname = rng.choices(words.SURNAMES, cum_weights=_SURNAME_WEIGHTS)[0]
    given = "".join(rng.choices(words.GIVEN_NAME_CHARS, k=1 if rng.random() < 0.25 else 2))
    candidate.native_name = surname + given
    traditional = rng.random() < 0.1
    if traditional:
        candidate.native_name = to_traditional(candidate.native_name)
    if rng.random() < 0.75:
        first = rng.choice(words.ENGLISH_FIRST_NAMES) if rng.random() < 0.7 else _romanised(given)
        candidate.english_name = f"{first} {_romanised(surname, surname=True)}"
    return surname, traditional


def _place(rng: random.Random, candidate: Candidate, career: Career, traditional: bool) -> None:
    if career.region == "CN" and traditional and rng.random() < 0.5:
        candidate.city, candidate.country = rng.choice(words.TRADITIONAL_CITIES)
    elif career.region == "CN":
        candidate.city, candidate.country = rng.choice(words.CN_CITIES), "CN"
    elif career.region == "US":
        candidate.city, candidate.country = rng.choice(words.US_CITIES), "US"
    else:
        candidate.city, candidate.country = {"GB": "London", "DE": "Heidelberg"}[career.region], career.region
    authorizations = words.WORK_AUTHORIZATION.get(candidate.country, words.WORK_AUTHORIZATION["OTHER"])
    candidate.work_authorization = rng.choice(authorizations)


def _pay(rng: random.Random, candidate: Candidate, career: Career) -> None:
    if rng.random() < 0.1:
        return
    if candidate.country == "CN":
        currency, annual = "CNY", annual_pay(rng, "CNY", career.band)
    else:
        currency, factor = _PAY.get(candidate.country, ("USD", 1))
        annual = (annual_pay(rng, "USD", career.band) * factor).quantize(Decimal(1000))
    period = PayPeriod.ANNUAL
    if currency == "CNY" and rng.random() < 0.15:
        period, annual = PayPeriod.MONTHLY, (annual / 15).quantize(Decimal(1000))
    candidate.current_compensation = annual
    candidate.current_compensation_currency = currency
    candidate.current_compensation_period = period
    candidate.compensation_notes = rng.choice(words.COMPENSATION_NOTES)
    if rng.random() < 0.7:
        candidate.expected_compensation = (annual * Decimal(rng.uniform(1.2, 1.6))).quantize(Decimal(1000))
        candidate.expected_compensation_currency = currency
        candidate.expected_compensation_period = period


def _profile(rng: random.Random, candidate: Candidate, position: int) -> None:
    candidate.willing_to_relocate = rng.choice([True, True, False, None])
    candidate.relocation_notes = rng.choice(words.RELOCATION_NOTES[candidate.willing_to_relocate])
    candidate.source, candidate.source_detail = rng.choice(words.SOURCES)
    candidate.is_market_icon = position % 50 == 7
    candidate.is_confidential = position % 12 == 5 or (candidate.is_market_icon and rng.random() < 0.5)
    if candidate.is_confidential:
        candidate.pseudonym = f"{rng.choice(words.PSEUDONYM_WORDS)}-{candidate.pk}"
    roll = rng.random()
    candidate.hold = Candidate.Hold.NOT_LOOKING if roll < 0.03 else Candidate.Hold.PLACED if roll < 0.05 else ""


def _aliases(
    rng: random.Random, candidate: Candidate, career: Career, surname: str, market: Market
) -> list[CandidateAlias]:
    aliases = []
    huaming_employers = career.employer_ids & {market.company_ids[n] for n in words.HUAMING_COMPANIES}
    if huaming_employers and rng.random() < 0.7:
        name = rng.choice(words.HUAMING_FIRST) + rng.choice(words.HUAMING_SECOND)
        kind = CandidateAlias.Kind.HUAMING
        aliases.append(CandidateAlias(candidate=candidate, name=name, kind=kind, company_id=min(huaming_employers)))
    if surname and rng.random() < 0.04:
        former = surname + "".join(rng.choices(words.GIVEN_NAME_CHARS, k=2))
        if former != candidate.native_name:
            aliases.append(CandidateAlias(candidate=candidate, name=former, kind=CandidateAlias.Kind.FORMER))
    return aliases


def _contacts(rng: random.Random, candidate: Candidate) -> list[ContactChannel]:
    """E-mail, phone, WeChat and LinkedIn; the candidate's id makes each value unique."""
    index = candidate.pk
    slug = _NOT_ASCII_LETTERS.sub("", (candidate.pinyin or candidate.english_name).lower()) or "candidate"
    in_china = candidate.country in {"CN", "HK", "TW", "SG"}
    if in_china:
        phone = f"+86 {_CN_MOBILE_PREFIXES[index // 10**8 % 10]} {index % 10**8:08d}"
    else:
        phone = f"+1 {_US_AREA_CODES[index // 8_000_000 % 5]} {2_000_000 + index % 8_000_000}"
    values = [
        (contacts.EMAIL, f"{slug}.{index}@{rng.choice(_EMAIL_DOMAINS)}", "personal", True),
        (contacts.PHONE, phone, "mobile", True),
    ]
    if rng.random() < 0.2:
        values.append((contacts.EMAIL, f"{slug}.{index}@work.example.com", "work", False))
    if rng.random() < (0.85 if in_china else 0.4):
        values.append((contacts.WECHAT, f"wx_{slug[:7]}_{index}", "", False))
    if rng.random() < (0.5 if in_china else 0.95):
        values.append((contacts.LINKEDIN, f"https://www.linkedin.com/in/{slug}-{index}", "", False))
    return [
        ContactChannel(
            candidate=candidate,
            kind=kind,
            value=contacts.normalize_contact(kind, value),
            label=label,
            is_primary=primary,
        )
        for kind, value, label, primary in values
    ]


def _education(rng: random.Random, candidate: Candidate, career: Career) -> list[Education]:
    """A bachelor's and often a graduate degree, finished before the first job."""
    first_job = career.employments[0].start_date.year
    in_china = candidate.country in {"CN", "HK", "TW", "SG"} or rng.random() < 0.6
    undergrad_pool = words.CN_UNIVERSITIES if in_china and rng.random() < 0.9 else words.WORLD_UNIVERSITIES
    field = rng.choice(words.FIELDS)
    degree = rng.choices(["PhD", "MS", "BS"], weights=[45, 35, 20])[0]
    graduate_years = {"PhD": 5, "MS": 2, "BS": 0}[degree]
    bachelor_end = first_job - graduate_years
    rows = [
        Education(
            candidate=candidate,
            institution=rng.choice(undergrad_pool),
            degree="BS",
            field=field,
            start_year=bachelor_end - 4,
            end_year=bachelor_end,
        )
    ]
    if graduate_years:
        graduate_pool = rng.choice([words.CN_UNIVERSITIES, words.WORLD_UNIVERSITIES])
        rows.append(
            Education(
                candidate=candidate,
                institution=rng.choice(graduate_pool),
                degree=degree,
                field="Computer Science" if rng.random() < 0.7 else field,
                start_year=bachelor_end,
                end_year=first_job,
            )
        )
    return rows


def _notes(
    rng: random.Random, candidate: Candidate, career: Career, today: dt.date, market: Market
) -> list[OutreachNote]:
    count = rng.choices(range(5), weights=[15, 30, 30, 15, 10])[0]
    if not count:
        return []
    topic = candidate.expertise[0] if candidate.expertise else "research"
    last_job = career.employments[-1]
    company = career.founded.name if last_job.company_id is None else market.company_names[last_job.company_id]
    window = career.noncompete
    binding = window is not None and window.enforceable_end is not None and window.enforceable_end >= today
    channels = ["wechat"] * 5 + ["phone", "in_person", "event"] if candidate.country == "CN" else None
    channels = channels or ["email", "linkedin", "phone", "in_person", "wechat"]
    notes = []
    for days_ago in sorted(rng.sample(range(1, 540), k=count), reverse=True):
        author = rng.choice(market.recruiters)
        local = dt.datetime.combine(today - days_ago * DAY, dt.time(rng.randint(9, 20), rng.choice([0, 15, 30, 45])))
        interest = rng.choices(OutreachNote.Interest.values, weights=[10, 25, 35, 15, 15])[0]
        note = OutreachNote(
            candidate=candidate,
            author_id=author.id,
            happened_at=local.replace(tzinfo=_zone(author.timezone)),
            channel=rng.choice(channels),
            direction=OutreachNote.Direction.INBOUND if rng.random() < 0.15 else OutreachNote.Direction.OUTBOUND,
            summary=rng.choice(words.NOTE_SUMMARIES).format(topic=topic, company=company),
            interest=interest,
            declined_reason=rng.choice(words.DECLINED_REASONS) if interest == OutreachNote.Interest.DECLINED else "",
            is_confidential=rng.random() < (0.3 if candidate.is_confidential else 0.05),
        )
        notes.append(note)
    latest = notes[-1]
    if binding and rng.random() < 0.6:
        employer = market.company_names[window.employer_id]
        latest.summary = words.NONCOMPETE_NOTE.format(employer=employer, end=window.enforceable_end.isoformat())
    if latest.interest in {OutreachNote.Interest.WARM, OutreachNote.Interest.HOT} and rng.random() < 0.7:
        latest.follow_up_on = today + rng.randint(1, 28) * DAY
    return notes


@lru_cache(maxsize=16)
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def _watchers(rng: random.Random, market: Market) -> list[int]:
    if rng.random() >= 0.15:
        return []
    return [r.id for r in rng.sample(market.recruiters, k=rng.randint(1, 2))]
