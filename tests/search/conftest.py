import datetime as dt

import pytest

from talent import services
from talent.models import Candidate, Company
from tests.api.conftest import _fast_passwords, _fresh_throttles, firm  # noqa: F401  (fixtures)


def search_ids(client, term: str, **params) -> list[int]:
    """The ids the candidate list returns for `term`, in order (one page of up to 100)."""
    response = client.get("/api/v1/candidates/", {"search": term, "page_size": 100, **params})
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def person(firm, *, stints=(), **fields) -> Candidate:  # noqa: F811  (firm: the fixture's value)
    """A candidate of firm.recruiter written through the services, with (company, title, end_date) stints."""
    candidate = services.candidate_create(actor=firm.recruiter.user, **fields)
    for company, title, end_date in stints:
        services.employment_create(
            candidate=candidate,
            company=company,
            title=title,
            start_date=dt.date(2019, 1, 1),
            end_date=end_date,
            departure_reason="resigned" if end_date else "",
        )
    return candidate


@pytest.fixture
def bytedance(db) -> Company:
    return Company.objects.get(name="ByteDance")


@pytest.fixture
def louis(firm, bytedance) -> Candidate:  # noqa: F811
    return person(
        firm,
        native_name="陽陸育",
        english_name="Louis Yang",
        aliases=[{"name": "小鱼", "kind": "huaming"}],
        expertise=["rlhf", "diffusion"],
        city="Hangzhou",
        stints=[(bytedance, "Principal Rocket Engineer", None)],
    )
