"""How long a non-compete really binds, by jurisdiction.

One small table, one row per jurisdiction, and `WindowTerms`, which applies a
row to the plain facts of a window. To support a new jurisdiction, add a row.

This module imports no models, so that a migration can recompute stored ends
with it; talent.noncompetes reads a window's facts and calls it.

Sources (see shared DOMAIN notes):
- CN: Labor Contract Law art. 24 (at most 2 years after the end of employment);
  SPC Interpretation (I) on labour disputes, 2020 (法释〔2020〕26号), art. 38
  (compensation unpaid for 3 months for the employer's reasons: the employee
  may end it), art. 39 (the employer may release the employee during the
  term; the employee may claim 3 extra months of compensation).
- US-CA: Cal. Bus. & Prof. Code §16600 et seq. (void, wherever signed).
- DE: HGB §74 (written, compensation >= 50% of last pay or not binding),
  §74a (at most 2 years after the end of employment), §75a (a waiver before
  the employment ends frees the employee at once; compensation is still owed
  until one year after the waiver).
"""

import datetime as dt
import enum
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class JurisdictionRule:
    label: str
    citation: str
    # The restriction is void from the start (the candidate is free at once).
    void: bool = False
    # Months after the end of employment (the departure) beyond which a
    # restriction is not enforceable, whatever day the window says it starts.
    max_months: int | None = None
    # Compensation, as a share of the last monthly pay, below which the
    # restriction does not bind.
    min_compensation_ratio: Decimal | None = None
    # Months of unpaid compensation after which the candidate may end it.
    unpaid_months_to_terminate: int | None = None
    # Months of compensation still owed when the employer releases (or waives)
    # the restriction during its term, counted from the day it ended.
    release_compensation_months: int | None = None
    # Months, counted from the waiver, for which compensation is still owed
    # when the employer waives the restriction before the employment ends.
    waiver_compensation_months: int | None = None


RULES: dict[str, JurisdictionRule] = {
    "CN": JurisdictionRule(
        label="Mainland China",
        citation=(
            "Labor Contract Law art. 24 (2 years after the employment ends); SPC Interpretation (I) 2020 "
            "art. 38 (unpaid for 3 months: the employee may end it), art. 39 (release: 3 more months' compensation)"
        ),
        max_months=24,
        unpaid_months_to_terminate=3,
        release_compensation_months=3,
    ),
    "US-CA": JurisdictionRule(
        label="California",
        citation="Cal. Bus. & Prof. Code §16600",
        void=True,
    ),
    "DE": JurisdictionRule(
        label="Germany",
        citation=(
            "HGB §74 (compensation of at least half the last pay), §74a (2 years after the employment ends), "
            "§75a (waiver before the end: compensation owed for one year from the waiver)"
        ),
        max_months=24,
        min_compensation_ratio=Decimal("0.5"),
        waiver_compensation_months=12,
    ),
    "GB": JurisdictionRule(label="United Kingdom", citation="Common law: reasonableness"),
    "US": JurisdictionRule(label="United States (other states)", citation="State law"),
    "HK": JurisdictionRule(label="Hong Kong", citation="Common law: reasonableness"),
    "SG": JurisdictionRule(label="Singapore", citation="Common law: reasonableness"),
    "OTHER": JurisdictionRule(label="Other", citation="Contract as written"),
}

JURISDICTION_CHOICES = [(code, rule.label) for code, rule in RULES.items()]


def rule_for(jurisdiction: str) -> JurisdictionRule:
    return RULES.get(jurisdiction, RULES["OTHER"])


class HalfPayTest(enum.StrEnum):
    """Whether the compensation reaches the share of the last pay the law asks for (Germany)."""

    MET = "met"
    NOT_MET = "not_met"
    # No last pay, or one in another currency than the compensation: the
    # test cannot be made, and the window is treated as possibly binding.
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class WindowTerms:
    """The facts of a window the law looks at, as plain values."""

    jurisdiction: str
    starts_on: dt.date
    contractual_end: dt.date
    # The end date of the stint the window came from; None when unknown.
    departure: dt.date | None = None
    # The day a waiver, release or termination ended the window; None while it runs its course.
    ended_early_on: dt.date | None = None
    # The employer ended it (a waiver or a release), not the candidate.
    ended_by_employer: bool = False
    monthly_compensation: Decimal | None = None
    compensation_currency: str = ""
    last_monthly_pay: Decimal | None = None
    last_monthly_pay_currency: str = ""

    @property
    def rule(self) -> JurisdictionRule:
        return rule_for(self.jurisdiction)

    @property
    def departure_day(self) -> dt.date:
        """The last day of employment; without a known one, the day before the window starts."""
        return self.departure if self.departure is not None else self.starts_on - DAY

    def half_pay_test(self) -> HalfPayTest | None:
        """None where the jurisdiction has no minimum compensation."""
        ratio = self.rule.min_compensation_ratio
        if ratio is None:
            return None
        if not self.monthly_compensation:
            return HalfPayTest.NOT_MET
        if not self.last_monthly_pay or self.last_monthly_pay_currency != self.compensation_currency:
            return HalfPayTest.UNKNOWN
        if self.monthly_compensation < self.last_monthly_pay * ratio:
            return HalfPayTest.NOT_MET
        return HalfPayTest.MET

    def is_void(self) -> bool:
        """True when the restriction never bound the candidate (California; Germany without enough compensation)."""
        return self.rule.void or self.half_pay_test() == HalfPayTest.NOT_MET

    def legal_end(self) -> dt.date:
        """The contractual end, cut back to the longest term the law allows after the departure."""
        months = self.rule.max_months
        if months is None:
            return self.contractual_end
        return min(self.contractual_end, self.departure_day + relativedelta(months=months))

    def enforceable_end(self) -> dt.date | None:
        """The last day the candidate is really restricted, or None if never.

        A waiver, early release or termination ends the window on that day (the
        candidate is free the day after); a waiver before the window starts
        means it never binds.
        """
        if self.is_void():
            return None
        end = self.legal_end()
        if self.ended_early_on is not None:
            end = min(end, self.ended_early_on)
        return end if end >= self.starts_on else None

    def compensation_owed_until(self) -> dt.date | None:
        """The last day compensation is still owed after the employer ended the window early, if the law says so."""
        return self.release_compensation_until() or self.waiver_compensation_until()

    def release_compensation_until(self) -> dt.date | None:
        """China: the last day of the extra compensation owed after an early release during the term."""
        months = self.rule.release_compensation_months
        ended = self.ended_early_on
        if months is None or ended is None or not self.ended_by_employer or self.is_void():
            return None
        if not (self.starts_on <= ended < self.legal_end()):
            return None
        return ended + relativedelta(months=months)

    def waiver_compensation_until(self) -> dt.date | None:
        """Germany: the last day compensation is owed after a waiver given before the employment ended.

        Owed from the departure until a year after the waiver, and never past
        the end the restriction would have had; None when that year ran out
        before the departure.
        """
        months = self.rule.waiver_compensation_months
        waived = self.ended_early_on
        if months is None or waived is None or not self.ended_by_employer or self.is_void():
            return None
        if waived > self.departure_day:
            return None
        until = min(waived + relativedelta(months=months), self.legal_end())
        return until if until > self.departure_day else None
