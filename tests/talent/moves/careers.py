"""Careers written as short tables, for the moves tests."""

import datetime as dt

from talent.models import Candidate, Company, Employment
from tests.factories import CandidateFactory, CompanyFactory, EmploymentFactory, level


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def company(name: str, kind: str = Company.Kind.AI_STARTUP) -> Company:
    return Company.objects.filter(name=name).first() or CompanyFactory(name=name, kind=kind)


def career(candidate: Candidate | None, *stints: tuple, **candidate_fields) -> list[Employment]:
    """Stints as (company name, start, end or None[, level code[, title]]), in any order."""
    candidate = candidate or CandidateFactory(**candidate_fields)
    rows = []
    for stint in stints:
        name, start, end, *rest = stint
        code = rest[0] if rest else None
        title = rest[1] if len(rest) > 1 else "Research Scientist"
        rows.append(
            EmploymentFactory(
                candidate=candidate,
                company=company(name),
                start_date=day(start),
                end_date=day(end) if end else None,
                level=level(name, code) if code else None,
                title=title,
            )
        )
    return rows
