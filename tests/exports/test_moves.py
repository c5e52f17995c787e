"""The moves feed export: the feed's filters and visibility."""

import datetime as dt

import pytest

from crm.exports.datasets import MOVE_COLUMNS
from talent.models import Employment
from tests.exports.conftest import as_text, exported, read_file
from tests.talent.moves.careers import career

pytestmark = pytest.mark.django_db
EXPORT = "/api/v1/moves/export/"


@pytest.fixture
def moved(firm):
    """Every candidate of the firm left Alibaba for MiniMax in March 2024."""
    Employment.objects.filter(candidate__in=firm.candidates.values()).update(end_date=dt.date(2024, 2, 28))
    for candidate in firm.candidates.values():
        career(candidate, ("MiniMax", "2024-03-01", None))
    return firm


@pytest.mark.parametrize("role", ["admin", "recruiter", "other_team", "api_client", "recruiter_status_key"])
def test_each_role_exports_the_cells_the_moves_feed_shows_it(moved, role, file_format):
    client = moved.client(role)
    listed = client.get("/api/v1/moves/", {"page_size": 100}).json()["results"]
    expected = [[as_text(column.value(item)) for column in MOVE_COLUMNS] for item in listed]

    header, *rows = read_file(client.get(EXPORT, {"file": file_format}))

    assert header == [column.header for column in MOVE_COLUMNS]
    assert rows == expected


def test_a_confidential_move_is_by_pseudonym_for_recruiters_and_absent_for_status_keys(moved, file_format):
    _, rows = exported(moved.client("recruiter"), EXPORT, file=file_format)
    names = sorted(row["candidate_name"] for row in rows)
    assert "Falcon" in names and not any("陈静" in name for name in names)

    _, rows = exported(moved.client("api_client"), EXPORT, file=file_format)
    assert len(rows) == 2
    assert "Falcon" not in {row["candidate_name"] for row in rows}


def test_the_feed_filters_apply(moved):
    _, rows = exported(moved.client("admin"), EXPORT, candidate=moved.candidates["own"].pk)
    assert [row["joined_company_name"] for row in rows] == ["MiniMax"]
    assert exported(moved.client("admin"), EXPORT, moved_after="2024-04-01")[1] == []
    response = moved.client("admin").get(EXPORT, {"band": "nonsense"})
    assert response.status_code == 400 and "band" in response.json()["error"]["fields"]
