"""How long a non-compete really binds, by jurisdiction.

One small table, one row per jurisdiction. To support a new jurisdiction, add
a row; `enforceable_end` in talent.noncompetes applies it.

Sources (see shared DOMAIN notes):
- CN: Labor Contract Law art. 24 (at most 2 years after the end of employment);
  SPC Interpretation (I) on labour disputes, 2020, art. 38 (compensation unpaid
  for 3 months for the employer's reasons: the employee may end it).
- US-CA: Cal. Bus. & Prof. Code §16600 et seq. (void, wherever signed).
- DE: HGB §74 (written, compensation >= 50% of last pay or not binding),
  §74a (at most 2 years).
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class JurisdictionRule:
    label: str
    citation: str
    # The restriction is void from the start (the candidate is free at once).
    void: bool = False
    # Months after the start beyond which a restriction is not enforceable.
    max_months: int | None = None
    # Compensation, as a share of the last monthly pay, below which the
    # restriction does not bind.
    min_compensation_ratio: Decimal | None = None
    # Months of unpaid compensation after which the candidate may end it.
    unpaid_months_to_terminate: int | None = None


RULES: dict[str, JurisdictionRule] = {
    "CN": JurisdictionRule(
        label="Mainland China",
        citation="Labor Contract Law art. 24; SPC Interpretation (I) 2020 art. 38",
        max_months=24,
        unpaid_months_to_terminate=3,
    ),
    "US-CA": JurisdictionRule(
        label="California",
        citation="Cal. Bus. & Prof. Code §16600",
        void=True,
    ),
    "DE": JurisdictionRule(
        label="Germany",
        citation="HGB §§74, 74a",
        max_months=24,
        min_compensation_ratio=Decimal("0.5"),
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
