"""The large synthetic data set of the benchmarks, written with PostgreSQL COPY.

`seed_demo` builds model instances and calls every service rule per row, about
500 candidates a second; a million would take half an hour. This module writes
the same kind of data as plain rows through `COPY ... FROM STDIN` (psycopg 3),
in batches of one transaction each, and fills every derived column with the
code the services use, called on the same inputs:

- `pinyin`, `search_text`: `talent.names.person_pinyin` / `search_text`, memoised per
  distinct input (names repeat, and these functions are pure);
- search tokens: `talent.search.tokens.candidate_tokens` when that module exists;
- `NonCompete.enforceable_end`: `talent.services.noncompete_refresh_end` on an unsaved
  window with its unsaved stint, exactly as `noncompete_create` calls it;
- contacts are generated already normalised (E.164 phones, lower-case e-mails).

The status-change triggers are statement triggers that log each touched
candidate once per statement; during the COPY they are switched off
(`session_replication_role = replica`, which also skips foreign-key triggers),
and each batch logs its candidates itself, once each, in the same transaction:
the same rows the triggers would have written, so the changes feed sees every
seeded candidate. Because foreign keys are not checked row by row, each batch
checks them with one anti-join per relation before it commits (composite keys
included), and rolls back if any row is orphaned.

The same replica role skips the history triggers (talent.history), on purpose:
this is synthetic bulk seed data written by no one, and recording it would
double the rows written. Nothing of it appears in any candidate's history.
"""

import datetime as dt
import multiprocessing
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.db import connection, transaction

from crm.demo import vocabulary as words
from crm.demo.reference import Market
from talent.models import NonCompete
from talent.names import person_pinyin, search_text, to_traditional
from talent.search.tokens import candidate_tokens
from talent.services import noncompete_refresh_end

DAY = dt.timedelta(days=1)
STINTS_PER_CANDIDATE = 3
NOTES_PER_CANDIDATE = 5
NONCOMPETE_SHARE = 0.3
# Distinct people's names drawn from; many candidates share a name, as in life (张伟).
NAME_POOL_SIZE = 12_000
CONFIDENTIAL_EVERY = 40

CANDIDATE_COLUMNS = (
    "id", "native_name", "english_name", "pinyin", "pseudonym", "is_confidential", "is_market_icon", "city",
    "country", "expertise", "work_authorization", "current_compensation", "current_compensation_currency",
    "current_compensation_period", "expected_compensation", "expected_compensation_currency",
    "expected_compensation_period", "compensation_notes", "willing_to_relocate", "relocation_notes", "source",
    "source_detail", "hold", "search_text", "created_at", "updated_at", "owner_id", "team_id",
    "lawful_basis", "consent_channel", "notice_channel",
)  # fmt: skip
ALIAS_COLUMNS = ("candidate_id", "name", "kind", "company_id")
CONTACT_COLUMNS = ("candidate_id", "kind", "value", "label", "is_primary")
EMPLOYMENT_COLUMNS = (
    "id", "candidate_id", "company_id", "title", "level_id", "start_date", "end_date", "departure_reason",
    "departure_notes",
)  # fmt: skip
NONCOMPETE_COLUMNS = (
    "candidate_id", "employer_id", "employment_id", "starts_on", "contractual_end", "jurisdiction",
    "restricted_sectors", "region", "monthly_compensation", "compensation_currency", "last_monthly_pay",
    "last_monthly_pay_currency", "compensation_paid", "unpaid_since", "status", "ended_on", "notes",
    "enforceable_end", "created_at", "updated_at",
)  # fmt: skip
NOTE_COLUMNS = (
    "candidate_id", "author_id", "happened_at", "channel", "direction", "summary", "interest", "declined_reason",
    "follow_up_on", "is_confidential", "created_at", "updated_at",
)  # fmt: skip

# (child table, its columns, parent table, parent columns): every foreign key the COPY writes.
FOREIGN_KEYS = [
    ("talent_candidatealias", ("candidate_id",), "talent_candidate", ("id",)),
    ("talent_contactchannel", ("candidate_id",), "talent_candidate", ("id",)),
    ("talent_employment", ("candidate_id",), "talent_candidate", ("id",)),
    ("talent_employment", ("level_id", "company_id"), "talent_level", ("id", "company_id")),
    ("talent_noncompete", ("candidate_id",), "talent_candidate", ("id",)),
    ("talent_noncompete", ("employment_id", "candidate_id"), "talent_employment", ("id", "candidate_id")),
    ("crm_outreachnote", ("candidate_id",), "talent_candidate", ("id",)),
    ("talent_candidatesearch", ("candidate_id",), "talent_candidate", ("id",)),
]


@dataclass
class ScaleReport:
    candidates: int = 0
    aliases: int = 0
    contacts: int = 0
    employments: int = 0
    noncompetes: int = 0
    notes: int = 0


@dataclass
class _Batch:
    candidates: list[tuple] = field(default_factory=list)
    aliases: list[tuple] = field(default_factory=list)
    contacts: list[tuple] = field(default_factory=list)
    employments: list[tuple] = field(default_factory=list)
    noncompetes: list[tuple] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # COPY lines
    search: list[str] = field(default_factory=list)  # COPY lines


@dataclass
class _Stint:
    end_date: dt.date | None


@dataclass
class _Window:
    """The attributes of a NonCompete that talent.services.noncompete_refresh_end reads and sets."""

    jurisdiction: str
    starts_on: dt.date
    contractual_end: dt.date
    employment: _Stint
    status: str = NonCompete.Status.ACTIVE
    ended_on: dt.date | None = None
    monthly_compensation: Decimal | None = None
    compensation_currency: str = ""
    last_monthly_pay: Decimal | None = None
    last_monthly_pay_currency: str = ""
    compensation_paid: bool = True
    unpaid_since: dt.date | None = None
    enforceable_end: dt.date | None = None


@dataclass(frozen=True)
class _Person:
    native_name: str
    english_name: str
    slug: str  # ASCII, for contact values
    huaming: str  # the 花名 if they worked at Alibaba or Ant Group


@lru_cache(maxsize=200_000)
def _derived_names(native_name: str, english_name: str, pseudonym: str, aliases: tuple[str, ...]) -> tuple[str, str]:
    """(pinyin, search_text), as Candidate.refresh_name_fields computes them."""
    return person_pinyin(native_name), search_text(native_name, english_name, pseudonym, *aliases)


# Search tokens. candidate_tokens is a union of independent parts (names, each employer, each title
# or tag) sorted at the end, so the tokens of a candidate are the sorted union of the builder's output
# for each part; each part is memoised (parts repeat across candidates, whole candidates rarely do).
# tests/seeding checks the result against one call with the candidate's whole inputs.
@lru_cache(maxsize=200_000)
def _name_tokens(native_name: str, english_name: str, pseudonym: str, aliases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(
        candidate_tokens(native_name=native_name, english_name=english_name, pseudonym=pseudonym, aliases=aliases)
    )


@lru_cache(maxsize=4096)
def _company_tokens(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(candidate_tokens(companies=[names]))


@lru_cache(maxsize=4096)
def _topic_tokens(topic: str) -> frozenset[str]:
    return frozenset(candidate_tokens(titles=[topic]))


def _tokens_of(*parts: frozenset[str]) -> str:
    """The sorted union as a COPY array literal."""
    tokens = sorted(frozenset().union(*parts))
    body = "\x00".join(tokens)
    if '"' in body or "\\" in body:
        return _copy_list(tokens)
    return '{"' + body.replace("\x00", '","') + '"}' if tokens else "{}"


def _company_names_for_tokens() -> dict[int, tuple[str, ...]]:
    """What talent.search.refresh passes for an employer: name, native name, aliases in id order."""
    from talent.models import Company

    return {
        company.pk: (company.name, company.native_name, *(alias.name for alias in company.aliases.order_by("pk")))
        for company in Company.objects.all()
    }


def _name_pool(seed: int) -> list[_Person]:
    rng = random.Random(f"{seed}:names")
    pool = []
    for _ in range(NAME_POOL_SIZE):
        if rng.random() < 0.03:
            english = f"{rng.choice(words.OTHER_FIRST_NAMES)} {rng.choice(words.OTHER_LAST_NAMES)}"
            slug = english.lower().replace(" ", "").encode("ascii", "ignore").decode()
            pool.append(_Person("", english, slug, _huaming(rng)))
            continue
        surname = rng.choice(words.COMPOUND_SURNAMES) if rng.random() < 0.04 else rng.choice(words.SURNAMES)
        given = "".join(rng.choices(words.GIVEN_NAME_CHARS, k=1 if rng.random() < 0.25 else 2))
        native = surname + given
        if rng.random() < 0.1:
            native = to_traditional(native)
        syllables = person_pinyin(native).split()
        family = "".join(syllables[: len(surname)]).title()
        english = f"{rng.choice(words.ENGLISH_FIRST_NAMES)} {family}" if rng.random() < 0.75 else ""
        pool.append(_Person(native, english, "".join(syllables) or "candidate", _huaming(rng)))
    return pool


def _huaming(rng: random.Random) -> str:
    return rng.choice(words.HUAMING_FIRST) + rng.choice(words.HUAMING_SECOND)


class _Levels:
    """Level ids by (company, band index, stint since 2023?) on the company's own ladder, nearest band first."""

    def __init__(self, market: Market) -> None:
        self._market = market
        self._cache: dict[tuple[int, int, bool], list[int]] = {}

    def pick(self, rng: random.Random, company_id: int, band: int, recent: bool) -> int | None:
        key = (company_id, band, recent)
        if key not in self._cache:
            self._cache[key] = self._levels(company_id, band, recent)
        choices = self._cache[key]
        return rng.choice(choices) if choices else None

    def _levels(self, company_id: int, band: int, recent: bool) -> list[int]:
        ladders = self._market.levels.get(company_id)
        if not ladders:
            return []
        names = [n for n in sorted(ladders) if "management" not in n] or sorted(ladders)
        if len(names) > 1:
            newer = [n for n in names if "2023" in n]
            names = newer if newer and recent else [n for n in names if n not in newer] or names
        by_band = ladders[names[0]]
        for distance in range(len(words.BANDS)):
            for near in (band - distance, band + distance):
                if 0 <= near < len(words.BANDS) and words.BANDS[near] in by_band:
                    return by_band[words.BANDS[near]]
        return []


class _Generator:
    def __init__(self, *, market: Market, seed: int, today: dt.date, now: dt.datetime) -> None:
        self.market = market
        self.seed = seed
        self.today = today
        self.now = now
        self.names = _name_pool(seed)
        self.levels = _Levels(market)
        ids = market.company_ids
        self.cn_employers = [ids[n] for n in words.CN_EMPLOYERS]
        self.us_employers = [ids[n] for n in words.US_EMPLOYERS]
        self.restricting = [ids[n] for n in words.CN_RESTRICTING_EMPLOYERS]
        self.huaming_companies = {ids[n] for n in words.HUAMING_COMPANIES}
        self.recruiter_ids = [r.id for r in market.recruiters]
        self.company_names_for_tokens = _company_names_for_tokens()
        self.now_epoch = int(now.timestamp())
        self.summaries = [_copy_value(summary) for summary in words.NOTE_SUMMARIES]
        self.declined = [_copy_value(reason) for reason in words.DECLINED_REASONS]

    def _stamp(self, seconds_ago: int) -> str:
        """`now` minus whole seconds, in COPY's text form (UTC)."""
        day, second = divmod(self.now_epoch - seconds_ago, 86400)
        return f"{_day(day)} {second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}+00"

    def candidate(self, batch: _Batch, rng: random.Random, candidate_id: int, stint_ids: list[int]) -> None:
        person = rng.choice(self.names)
        first = int(rng.random() * len(words.EXPERTISE))
        expertise = _EXPERTISE_TWICE[first : first + rng.randint(2, 5)]
        band = rng.choices(range(len(words.BANDS)), weights=words.BAND_WEIGHTS)[0]
        region = "US" if rng.random() < 0.2 else "CN"
        has_window = rng.random() < NONCOMPETE_SHARE
        stints = self._career(rng, candidate_id, stint_ids, band, region, expertise[0], has_window)
        employer_ids = {stint[2] for stint in stints}

        confidential = candidate_id % CONFIDENTIAL_EVERY == 7
        pseudonym = f"{rng.choice(words.PSEUDONYM_WORDS)}-{candidate_id}" if confidential else ""
        aliases = []
        huaming_at = sorted(employer_ids & self.huaming_companies)
        if huaming_at and rng.random() < 0.7:
            aliases.append((candidate_id, person.huaming, "huaming", huaming_at[0]))
        alias_names = tuple(alias[1] for alias in aliases)
        pinyin, text = _derived_names(person.native_name, person.english_name, pseudonym, alias_names)

        if region == "CN":
            city, country = rng.choice(words.CN_CITIES), "CN"
            currency, pay = "CNY", words.COMPENSATION_BASE["CNY"][band]
        else:
            city, country = rng.choice(words.US_CITIES), "US"
            currency, pay = "USD", words.COMPENSATION_BASE["USD"][band]
        current = Decimal(round(pay * rng.uniform(0.8, 1.4), -4))
        expected = (current * Decimal("1.3")).quantize(Decimal(1000)) if rng.random() < 0.7 else None
        relocate = rng.choice([True, True, False, None])
        source, source_detail = rng.choice(words.SOURCES)
        age = int(rng.random() * 3 * 365 * 86400)
        created, updated = self._stamp(age), self._stamp(int(age * rng.random()))
        roll = rng.random()
        hold = "not_looking" if roll < 0.03 else "placed" if roll < 0.05 else ""
        batch.candidates.append(
            (
                candidate_id, person.native_name, person.english_name, pinyin, pseudonym, confidential,
                candidate_id % 50 == 7, city, country, expertise,
                rng.choice(words.WORK_AUTHORIZATION.get(country, words.WORK_AUTHORIZATION["OTHER"])),
                current, currency, "annual", expected, currency if expected else "", "annual" if expected else "",
                rng.choice(words.COMPENSATION_NOTES), relocate, rng.choice(words.RELOCATION_NOTES[relocate]),
                source, source_detail, hold, text, created, updated, rng.choice(self.recruiter_ids), None,
                "", "", "",
            )
        )  # fmt: skip
        tokens = _tokens_of(
            _name_tokens(person.native_name, person.english_name, pseudonym, alias_names),
            *(_company_tokens(self.company_names_for_tokens[company_id]) for company_id in employer_ids),
            *(_topic_tokens(stint[3]) for stint in stints),
            *(_topic_tokens(tag) for tag in expertise),
        )
        batch.search.append(f"{candidate_id}\t{tokens}\n")
        batch.aliases.extend(aliases)
        batch.employments.extend(stints)
        if has_window:
            batch.noncompetes.append(self.noncompete(rng, candidate_id, stints))
        self._contacts(batch, rng, candidate_id, person, country)
        self._notes(batch, rng, candidate_id, expertise[0], stints)

    def _career(
        self,
        rng: random.Random,
        candidate_id: int,
        stint_ids: list[int],
        band: int,
        region: str,
        focus: str,
        has_window: bool,
    ) -> list[tuple]:
        """Three stints, oldest first; with a window, the stint it came from ended in the last three years."""
        pool = self.us_employers if region == "US" else self.cn_employers
        if has_window:
            departure = self.today - rng.randint(0, 1000) * DAY
            between_jobs = rng.random() < 0.4
            if between_jobs:
                current_start, current_end = departure - rng.randint(500, 1800) * DAY, departure
            else:
                current_start, current_end = min(departure + rng.randint(1, 60) * DAY, self.today), None
        else:
            current_start, current_end = self.today - rng.randint(60, 1800) * DAY, None
            between_jobs = False
        spans = [(current_start, current_end)]
        for _ in range(STINTS_PER_CANDIDATE - 1):
            end = spans[0][0] - rng.randint(1, 60) * DAY
            spans.insert(0, (end - rng.randint(365, 1500) * DAY, end))
        if has_window and not between_jobs:
            spans[-2] = (spans[-2][0], departure)
            spans[-1] = (max(spans[-1][0], departure + DAY), None)

        stints = []
        previous = None
        for index, (start, end) in enumerate(spans):
            restricted = has_window and index == len(spans) - (1 if between_jobs else 2)
            choices = self.restricting if restricted and region == "CN" else pool
            company_id = rng.choice([c for c in choices if c != previous] or choices)
            previous = company_id
            stint_band = max(0, band - (len(spans) - 1 - index) * rng.choice([0, 1]))
            title = rng.choice(words.TITLES[words.BANDS[stint_band]])
            if rng.random() < 0.6:
                title = f"{title}, {focus}"
            reason, notes = rng.choice(words.DEPARTURE_REASONS) if end is not None else ("", "")
            level_id = self.levels.pick(rng, company_id, stint_band, start.year >= 2023)
            stints.append((stint_ids[index], candidate_id, company_id, title, level_id, start, end, reason, notes))
        return stints

    def noncompete(self, rng: random.Random, candidate_id: int, stints: list[tuple]) -> tuple:
        """A window after the last stint that ended, its enforceable end computed by the service rule."""
        stint = next(s for s in reversed(stints) if s[6] is not None)
        departure = stint[6]
        roll = rng.random()
        jurisdiction, region = ("US-CA", "United States") if roll < 0.02 else ("DE", "Germany") if roll < 0.04 else ("CN", "Mainland China")  # fmt: skip
        months = rng.choice([6, 12, 12, 18, 24, 24, 36])
        starts_on = departure + DAY
        contractual_end = _add_months(starts_on, months) - DAY
        # The service rule reads only these attributes: a plain object spares two model instances per window.
        window = _Window(
            jurisdiction=jurisdiction,
            starts_on=starts_on,
            contractual_end=contractual_end,
            employment=_Stint(end_date=departure),
        )
        currency = "EUR" if jurisdiction == "DE" else "USD" if jurisdiction == "US-CA" else "CNY"
        window.last_monthly_pay = Decimal(rng.randrange(30_000, 200_000, 1_000))
        window.monthly_compensation = (window.last_monthly_pay * Decimal(rng.choice(["0.3", "0.5", "0.6"]))).quantize(
            Decimal(100)
        )
        window.compensation_currency = window.last_monthly_pay_currency = currency
        roll = rng.random()
        elapsed = (self.today - starts_on).days
        if roll < 0.06:
            window.status, window.ended_on = NonCompete.Status.WAIVED, starts_on + rng.randint(-10, 20) * DAY
        elif roll < 0.11 and elapsed > 30:
            window.status, window.ended_on = NonCompete.Status.RELEASED, starts_on + rng.randint(30, elapsed) * DAY
        elif roll < 0.15 and elapsed > 120:
            window.compensation_paid = False
            window.unpaid_since = _add_months(starts_on, 1).replace(day=1)
            if elapsed > 200:
                window.status, window.ended_on = (
                    NonCompete.Status.TERMINATED,
                    starts_on + rng.randint(150, elapsed) * DAY,
                )
        if window.ended_on is not None:
            window.ended_on = min(window.ended_on, self.today)
        noncompete_refresh_end(window=window)
        sectors = rng.sample(words.RESTRICTED_SECTORS, k=rng.randint(1, 2)) if jurisdiction == "CN" else []
        created = self._stamp(int(max(0, (self.today - departure).days) * 86400 * rng.random()))
        return (
            candidate_id, stint[2], stint[0], window.starts_on, window.contractual_end,
            jurisdiction, sectors, region, window.monthly_compensation, currency, window.last_monthly_pay, currency,
            window.compensation_paid, window.unpaid_since, str(window.status), window.ended_on, "",
            window.enforceable_end, created, created,
        )  # fmt: skip

    def _contacts(self, batch: _Batch, rng: random.Random, candidate_id: int, person: _Person, country: str) -> None:
        """Values built already normalised (what talent.contacts.normalize_contact returns); the id makes them unique."""
        slug = person.slug
        if country == "CN":
            phone = f"+86{138 + candidate_id // 10**8 % 2}{candidate_id % 10**8:08d}"
        else:
            phone = f"+1650{2_000_000 + candidate_id % 8_000_000}"
        batch.contacts.append((candidate_id, "email", f"{slug}.{candidate_id}@example.com", "personal", True))
        batch.contacts.append((candidate_id, "phone", phone, "mobile", True))
        if rng.random() < 0.6:
            batch.contacts.append((candidate_id, "wechat", f"wx_{slug[:7]}_{candidate_id}", "", False))

    def _notes(self, batch: _Batch, rng: random.Random, candidate_id: int, topic: str, stints: list[tuple]) -> None:
        """Notes as COPY text lines directly: five million rows would spend most of their time in a formatter."""
        company = self.market.company_names[stints[-1][2]]
        rand = rng.random
        recruiters, summaries, declined_reasons = self.recruiter_ids, self.summaries, self.declined
        for _ in range(NOTES_PER_CANDIDATE):
            happened = self._stamp(int(rand() * 720 * 86400))
            roll = rand()
            interest = "cold" if roll < 0.25 else "warm" if roll < 0.6 else "hot" if roll < 0.75 else "unknown" if roll < 0.85 else "declined"  # fmt: skip
            declined = declined_reasons[int(rand() * len(declined_reasons))] if interest == "declined" else ""
            follow_up = (
                (self.today + int(1 + rand() * 60) * DAY).isoformat() if interest == "hot" and rand() < 0.1 else "\\N"
            )
            summary = summaries[int(rand() * len(summaries))].format(topic=topic, company=company)
            channel = _CHANNELS[int(rand() * len(_CHANNELS))]
            direction = "inbound" if rand() < 0.15 else "outbound"
            confidential = "t" if rand() < 0.05 else "f"
            batch.notes.append(
                f"{candidate_id}\t{recruiters[int(rand() * len(recruiters))]}\t{happened}\t{channel}\t{direction}\t"
                f"{summary}\t{interest}\t{declined}\t{follow_up}\t{confidential}\t{happened}\t{happened}\n"
            )


_EXPERTISE_TWICE = words.EXPERTISE * 2
_CHANNELS = ("wechat", "wechat", "phone", "email", "in_person", "linkedin")


@lru_cache(maxsize=4096)
def _day(epoch_day: int) -> str:
    return (dt.date(1970, 1, 1) + epoch_day * DAY).isoformat()


def _add_months(day: dt.date, months: int) -> dt.date:
    from dateutil.relativedelta import relativedelta

    return day + relativedelta(months=months)


def _reserve_ids(table: str, size: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, size])
        return sorted(row[0] for row in cursor.fetchall())


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_list(value: list[str]) -> str:
    items = ",".join('"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"' for item in value)
    return ("{" + items + "}").translate(_COPY_ESCAPES)


_FORMATTERS = {
    str: lambda value: value.translate(_COPY_ESCAPES),
    type(None): lambda value: "\\N",
    bool: lambda value: "t" if value else "f",
    int: str,
    Decimal: str,
    dt.date: dt.date.isoformat,
    list: _copy_list,
}


def _copy_value(value) -> str:
    """One field in COPY's text format (timestamps come preformatted, as strings)."""
    return _FORMATTERS[type(value)](value)


def _stint_line(stint: tuple) -> str:
    stint_id, candidate_id, company_id, title, level_id, start, end, reason, notes = stint
    level = "\\N" if level_id is None else level_id
    end_date = "\\N" if end is None else end.isoformat()
    return f"{stint_id}\t{candidate_id}\t{company_id}\t{title}\t{level}\t{start.isoformat()}\t{end_date}\t{reason}\t{notes}\n"


def _copy_text(rows: list[tuple]) -> str:
    return "".join("\t".join(map(_copy_value, row)) + "\n" for row in rows)


# Set in the parent before the worker processes fork, so they inherit it with its warm name cache.
_GENERATOR: "_Generator | None" = None


def _generate(job: tuple[int, list[int], list[int]]) -> dict[str, str]:
    """In a worker process: the COPY text of one batch, by table."""
    start, candidate_ids, stint_ids = job
    batch = _Batch()
    for position, candidate_id in enumerate(candidate_ids):
        rng = random.Random(f"{_GENERATOR.seed}:{start + position}")
        first = position * STINTS_PER_CANDIDATE
        _GENERATOR.candidate(batch, rng, candidate_id, stint_ids[first : first + STINTS_PER_CANDIDATE])
    return {
        "talent_candidate": _copy_text(batch.candidates),
        "talent_candidatealias": _copy_text(batch.aliases),
        "talent_contactchannel": _copy_text(batch.contacts),
        "talent_employment": "".join(map(_stint_line, batch.employments)),
        "talent_noncompete": _copy_text(batch.noncompetes),
        "crm_outreachnote": "".join(batch.notes),
        "talent_candidatesearch": "".join(batch.search),
    }


COLUMNS = {
    "talent_candidate": CANDIDATE_COLUMNS,
    "talent_candidatealias": ALIAS_COLUMNS,
    "talent_contactchannel": CONTACT_COLUMNS,
    "talent_employment": EMPLOYMENT_COLUMNS,
    "talent_noncompete": NONCOMPETE_COLUMNS,
    "crm_outreachnote": NOTE_COLUMNS,
    "talent_candidatesearch": ("candidate_id", "tokens"),
}


def _check_foreign_keys(cursor, first_candidate: int, last_candidate: int) -> None:
    """The checks the skipped foreign-key triggers would have made, for this batch's rows, as anti-joins.

    Index look-ups per child row (nested loops), as the triggers would do: statistics are stale
    during a load and a hash join would read the whole parent table for each batch.
    """
    cursor.execute("SET LOCAL enable_hashjoin = off")
    cursor.execute("SET LOCAL enable_mergejoin = off")
    for child, columns, parent, parent_columns in FOREIGN_KEYS:
        join = " AND ".join(f"p.{pc} = c.{cc}" for cc, pc in zip(columns, parent_columns, strict=True))
        present = " AND ".join(f"c.{cc} IS NOT NULL" for cc in columns)
        cursor.execute(
            f"SELECT count(*) FROM {child} c WHERE c.candidate_id BETWEEN %s AND %s AND {present} "
            f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE {join})",
            [first_candidate, last_candidate],
        )
        orphans = cursor.fetchone()[0]
        if orphans:
            raise RuntimeError(f"{orphans} rows of {child} break the foreign key {columns} -> {parent}.")


def _write(texts: dict[str, str], first_candidate: int, last_candidate: int) -> dict[str, int]:
    """COPY one batch in one transaction, log its candidates' status changes, check its foreign keys."""
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute("SET LOCAL session_replication_role = replica")
        for table, text in texts.items():
            if text:
                with cursor.copy(f"COPY {table} ({', '.join(COLUMNS[table])}) FROM STDIN") as copy:
                    copy.write(text)
        # What the statement triggers would have logged: each touched candidate once, in this transaction.
        cursor.execute(
            "INSERT INTO talent_statuschange (candidate_id, txid) "
            "SELECT id, pg_current_xact_id()::text::bigint FROM talent_candidate WHERE id BETWEEN %s AND %s",
            [first_candidate, last_candidate],
        )
        # What the list-facts triggers (talent 0020) would have written: the same function, set-based.
        cursor.execute(
            "SELECT talent_candidatefacts_refresh(ARRAY(SELECT id FROM talent_candidate WHERE id BETWEEN %s AND %s))",
            [first_candidate, last_candidate],
        )
        _check_foreign_keys(cursor, first_candidate, last_candidate)
    return {table: text.count("\n") for table, text in texts.items()}


def scale_seed(
    *,
    count: int,
    seed: int,
    today: dt.date,
    now: dt.datetime,
    market: Market,
    batch_size: int = 10_000,
    workers: int = 2,
    on_batch: Callable[[int], None] = lambda size: None,
) -> ScaleReport:
    """Write `count` candidates with stints, windows, contacts, aliases and notes, one transaction per batch.

    `workers` processes generate the batches' COPY text while this one writes; the
    rows depend only on the seed and the position, not on the number of workers.
    """
    global _GENERATOR
    _GENERATOR = _Generator(market=market, seed=seed, today=today, now=now)
    report = ScaleReport()
    connection.close()  # the workers fork: none of them may share this process's connection
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        pending: deque = deque()
        for start in range(0, count, batch_size):
            size = min(batch_size, count - start)
            candidate_ids = _reserve_ids("talent_candidate", size)
            stint_ids = _reserve_ids("talent_employment", size * STINTS_PER_CANDIDATE)
            pending.append((candidate_ids, pool.apply_async(_generate, [(start, candidate_ids, stint_ids)])))
            while len(pending) > workers:
                _write_next(pending, report, on_batch)
        while pending:
            _write_next(pending, report, on_batch)
    return report


def _write_next(pending: deque, report: ScaleReport, on_batch: Callable[[int], None]) -> None:
    candidate_ids, result = pending.popleft()
    rows = _write(result.get(), candidate_ids[0], candidate_ids[-1])
    report.candidates += rows["talent_candidate"]
    report.aliases += rows["talent_candidatealias"]
    report.contacts += rows["talent_contactchannel"]
    report.employments += rows["talent_employment"]
    report.noncompetes += rows["talent_noncompete"]
    report.notes += rows["crm_outreachnote"]
    on_batch(len(candidate_ids))
