"""Invented careers: stints between the market's companies, and the non-competes they leave behind."""

import datetime as dt
import enum
import random
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from crm.demo import vocabulary as words
from crm.demo.reference import Market
from talent.models import Company, Employment, NonCompete
from talent.services import noncompete_refresh_end

DAY = dt.timedelta(days=1)
Reason = Employment.DepartureReason


class Window(enum.Enum):
    """The non-compete story of one candidate."""

    NONE = "none"
    ACTIVE = "active"
    ENDING_THIS_WEEK = "ending_this_week"
    THIRTY_SIX_MONTHS = "thirty_six_months"
    WAIVED = "waived"
    RELEASED = "released"
    UNPAID = "unpaid"
    FOUNDER = "founder"
    # Ran its course long ago: still "active" on paper, ended by the calendar.
    LONG_ENDED = "long_ended"
    CALIFORNIA = "california"
    GERMANY = "germany"


# A fixed cycle over the run's positions, so that even 20 candidates show
# every common story; California and Germany take a slot once every 200.
_CYCLE = [
    Window.NONE, Window.ACTIVE, Window.ENDING_THIS_WEEK, Window.THIRTY_SIX_MONTHS, Window.ACTIVE,
    Window.WAIVED, Window.NONE, Window.UNPAID, Window.FOUNDER, Window.RELEASED,
    Window.NONE, Window.ACTIVE, Window.ENDING_THIS_WEEK, Window.NONE, Window.NONE,
    Window.THIRTY_SIX_MONTHS, Window.NONE, Window.LONG_ENDED, Window.NONE, Window.NONE,
]  # fmt: skip


def window_for(position: int) -> Window:
    if position % 200 == 1:
        return Window.CALIFORNIA
    if position % 200 == 11:
        return Window.GERMANY
    return _CYCLE[position % len(_CYCLE)]


@dataclass
class Career:
    employments: list[Employment]  # oldest first
    band: int  # index into words.BANDS of the latest stint
    region: str  # where the candidate lives: CN, US, GB or DE
    noncompete: NonCompete | None = None
    restricted_company_ids: list[int] = field(default_factory=list)
    founded: Company | None = None

    @property
    def current(self) -> Employment | None:
        last = self.employments[-1]
        return last if last.end_date is None else None

    @property
    def employer_ids(self) -> set[int]:
        return {e.company_id for e in self.employments if e.company_id}


def annual_pay(rng: random.Random, currency: str, band: int) -> Decimal:
    base = words.COMPENSATION_BASE[currency][band]
    return Decimal(round(base * rng.uniform(0.8, 1.4), -4))


def build_career(
    *, rng: random.Random, market: Market, today: dt.date, window: Window, candidate_id: int, expertise: list[str]
) -> Career:
    builder = _CareerBuilder(rng, market, today, candidate_id, expertise)
    if window is Window.NONE:
        return builder.without_window()
    return builder.with_window(window)


class _CareerBuilder:
    def __init__(
        self, rng: random.Random, market: Market, today: dt.date, candidate_id: int, expertise: list[str]
    ) -> None:
        self.rng = rng
        self.market = market
        self.today = today
        self.candidate_id = candidate_id
        self.focus = expertise[0] if expertise else ""
        self.band = rng.choices(range(len(words.BANDS)), weights=words.BAND_WEIGHTS)[0]
        self.stint_count = rng.randint(2, 4)

    def without_window(self) -> Career:
        rng = self.rng
        region = "US" if rng.random() < 0.25 else "CN"
        pool = words.US_EMPLOYERS if region == "US" else words.CN_EMPLOYERS
        current = self._stint(rng.choice(pool), self.band, self.today - rng.randint(60, 1800) * DAY, None)
        stints = self._earlier_stints([current], region)
        region = "GB" if current.company_id == self._id("Google DeepMind") else region
        return Career(employments=stints, band=self.band, region=region)

    def with_window(self, window: Window) -> Career:
        rng, today = self.rng, self.today
        noncompete = self._window(window)
        employer = self._employer_name(window)
        departure = noncompete.starts_on - DAY
        restricted = self._stint(employer, self.band, departure - rng.randint(540, 1800) * DAY, departure)
        noncompete.employment = restricted
        noncompete_refresh_end(window=noncompete)
        rivals = self._rivals(window, employer)
        stints = [restricted]
        founded = None
        region = {Window.CALIFORNIA: "US", Window.GERMANY: "DE"}.get(window, "CN")

        if window is Window.FOUNDER:
            founded = self._founded_company()
            restricted.departure_reason = Reason.FOUNDED
            restricted.departure_notes = f"Left to found {founded.name}."
            start = min(departure + rng.randint(1, 45) * DAY, today)
            stints.append(
                Employment(company=founded, title=rng.choice(words.FOUNDER_TITLES), start_date=start, end_date=None)
            )
        elif window is Window.CALIFORNIA:
            restricted.departure_reason = Reason.POACHED
            restricted.departure_notes = "Moved to a direct rival."
            rival_name = self.market.company_names[rivals[0]]
            stints.append(self._stint(rival_name, self.band, min(departure + rng.randint(1, 14) * DAY, today), None))
        else:
            restricted.departure_reason, restricted.departure_notes = rng.choice(words.DEPARTURE_REASONS)
            free_from = self._free_from(noncompete)
            if free_from is not None and free_from <= today:
                pool = words.CN_EMPLOYERS if region == "CN" else words.US_EMPLOYERS
                name = rng.choice([n for n in pool if n != employer])
                stints.append(self._stint(name, self.band, min(free_from + rng.randint(0, 30) * DAY, today), None))
            elif region == "CN" and rng.random() < 0.3:
                # Sitting out the window somewhere no rival objects to.
                name = rng.choice(words.ACADEMIA)
                start = min(departure + rng.randint(7, 60) * DAY, today)
                stints.append(Employment(company_id=self._id(name), title="Visiting Researcher", start_date=start))

        noncompete.employer_id = self._id(employer)
        stints = self._earlier_stints(stints, "CN" if region == "CN" else "US")
        return Career(
            employments=stints,
            band=self.band,
            region=region,
            noncompete=noncompete,
            restricted_company_ids=rivals,
            founded=founded,
        )

    def _window(self, window: Window) -> NonCompete:
        """The window's dates, status and money, relative to today."""
        rng, today = self.rng, self.today
        months = rng.choice([6, 12, 12, 18, 24])
        nc = NonCompete(jurisdiction="CN", region="Mainland China", status=NonCompete.Status.ACTIVE)
        if window is Window.ENDING_THIS_WEEK:
            nc.contractual_end = today + rng.randint(0, 6) * DAY
            nc.starts_on = nc.contractual_end + DAY - relativedelta(months=months)
        elif window is Window.THIRTY_SIX_MONTHS:
            months = 36
            nc.starts_on = today - rng.randint(30, 600) * DAY
            nc.notes = "The contract says 36 months; Chinese law caps the restriction at 24."
        elif window is Window.LONG_ENDED:
            nc.starts_on = today - relativedelta(months=months) - rng.randint(10, 300) * DAY
        elif window is Window.UNPAID:
            months = 24
            nc.starts_on = today - rng.randint(150, 500) * DAY
            latest = (today - relativedelta(months=3)).replace(day=1)
            earliest = min((nc.starts_on + relativedelta(months=1)).replace(day=1), latest)
            nc.unpaid_since = earliest + relativedelta(months=rng.randint(0, _months_between(earliest, latest)))
            nc.compensation_paid = False
            nc.notes = f"Compensation unpaid since {nc.unpaid_since:%B %Y}; the candidate may end the restriction."
        else:
            elapsed = min(months * 30 - 20, 400)
            nc.starts_on = today - rng.randint(15, elapsed) * DAY
        if nc.contractual_end is None:
            nc.contractual_end = nc.starts_on + relativedelta(months=months) - DAY

        if window is Window.WAIVED:
            nc.status = NonCompete.Status.WAIVED
            nc.ended_on = min(nc.starts_on + rng.randint(0, 20) * DAY, today)
            nc.notes = "Waived by the employer at exit."
        elif window is Window.RELEASED:
            nc.status = NonCompete.Status.RELEASED
            nc.ended_on = min(nc.starts_on + rng.randint(30, 240) * DAY, today)
            nc.notes = "Released early; the candidate may claim three extra months of compensation."
        elif window is Window.FOUNDER:
            nc.notes = "Founded a company while the window runs: check it against the restricted scope."

        if window is Window.CALIFORNIA:
            nc.jurisdiction, nc.region = "US-CA", "United States"
            nc.notes = "Signed in California: void under §16600."
            return nc
        if window is Window.GERMANY:
            nc.jurisdiction, nc.region = "DE", "Germany"
            nc.last_monthly_pay = Decimal(rng.randrange(9_000, 16_000, 500))
            nc.monthly_compensation = (nc.last_monthly_pay * Decimal(rng.choice(["0.5", "0.6"]))).quantize(Decimal(1))
            nc.compensation_currency = nc.last_monthly_pay_currency = "EUR"
            nc.notes = "Compensation of at least half the last pay: binding for at most two years."
            return nc
        nc.last_monthly_pay = (annual_pay(rng, "CNY", self.band) / 12).quantize(Decimal(100))
        ratio = Decimal(rng.choice(["0.3", "0.4", "0.5"]))
        nc.monthly_compensation = (nc.last_monthly_pay * ratio).quantize(Decimal(100))
        nc.compensation_currency = nc.last_monthly_pay_currency = "CNY"
        nc.restricted_sectors = rng.sample(words.RESTRICTED_SECTORS, k=rng.randint(1, 2))
        return nc

    def _employer_name(self, window: Window) -> str:
        if window is Window.CALIFORNIA:
            return self.rng.choice(words.CALIFORNIA_EMPLOYERS)
        if window is Window.GERMANY:
            return "Aleph Alpha"
        return self.rng.choice(words.CN_RESTRICTING_EMPLOYERS)

    def _rivals(self, window: Window, employer: str) -> list[int]:
        if window is Window.CALIFORNIA:
            pool, k = words.CALIFORNIA_EMPLOYERS, 2
        elif window is Window.GERMANY:
            pool, k = ["OpenAI", "Anthropic", "Google DeepMind"], 2
        else:
            pool, k = words.CN_RESTRICTING_EMPLOYERS, self.rng.randint(3, 6)
        return [self._id(name) for name in self.rng.sample([n for n in pool if n != employer], k=k)]

    def _free_from(self, nc: NonCompete) -> dt.date | None:
        """The first free day, or None while the window still binds."""
        if nc.enforceable_end is None:
            return nc.starts_on
        return nc.enforceable_end + DAY if nc.enforceable_end < self.today else None

    def _founded_company(self) -> Company:
        brand, native_brand = self.rng.choice(words.FOUNDER_NAMES)
        suffix, native_suffix = self.rng.choice(words.FOUNDER_SUFFIXES)
        company = Company(
            # The candidate's id keeps the name unique across runs.
            name=f"{brand} {suffix} ({self.candidate_id})",
            native_name=f"{native_brand}{native_suffix}",
            kind=Company.Kind.AI_STARTUP,
            country="CN",
        )
        company.search_text = company.compute_search_text([])
        return company

    def _earlier_stints(self, stints: list[Employment], region: str) -> list[Employment]:
        """Prepend stints until the career has its length; bands rise along it."""
        rng = self.rng
        band = self.band
        while len(stints) < self.stint_count:
            band = max(0, band - rng.choice([0, 1, 1]))
            end = stints[0].start_date - rng.randint(1, 60) * DAY
            start = end - rng.randint(365, 1500) * DAY
            next_company = stints[0].company_id
            if band >= 3 and len(stints) == self.stint_count - 1 and rng.random() < 0.15:
                stint = Employment(company_id=self._id(rng.choice(words.ACADEMIA)), title=words.ACADEMIC_TITLES[0])
                stint.start_date, stint.end_date = start, end
            else:
                crossing = rng.random() < 0.2
                pool = words.US_EMPLOYERS if (region == "US") != crossing else words.CN_EMPLOYERS
                name = rng.choice([n for n in pool if self._id(n) != next_company])
                stint = self._stint(name, band, start, end)
            stint.departure_reason, stint.departure_notes = rng.choice(words.DEPARTURE_REASONS)
            stints.insert(0, stint)
        return stints

    def _stint(self, company_name: str, band: int, start: dt.date, end: dt.date | None) -> Employment:
        title = self.rng.choice(words.TITLES[words.BANDS[band]])
        if self.focus and self.rng.random() < 0.6:
            title = f"{title}, {self.focus}"
        company_id = self._id(company_name)
        return Employment(
            company_id=company_id,
            title=title,
            level_id=self._level(company_id, band, start),
            start_date=start,
            end_date=end,
        )

    def _level(self, company_id: int, band: int, start: dt.date) -> int | None:
        """A level of the company's own ladder (the database checks that it is)."""
        ladders = self.market.levels.get(company_id)
        if not ladders:
            return None
        names = [n for n in sorted(ladders) if "management" not in n] or sorted(ladders)
        if len(names) > 1:
            # Tencent changed ladders in 2023: the new one for stints since then.
            recent = [n for n in names if "2023" in n]
            names = recent if recent and start.year >= 2023 else [n for n in names if n not in recent] or names
        by_band = ladders[names[0]]
        for distance in range(len(words.BANDS)):
            for candidate_band in (band - distance, band + distance):
                if 0 <= candidate_band < len(words.BANDS) and words.BANDS[candidate_band] in by_band:
                    return self.rng.choice(by_band[words.BANDS[candidate_band]])
        return None

    def _id(self, company_name: str) -> int:
        return self.market.company_ids[company_name]


def _months_between(earliest: dt.date, latest: dt.date) -> int:
    return max(0, (latest.year - earliest.year) * 12 + latest.month - earliest.month)
