"""The moves feed and the flows matrix: content, filters, visibility and query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from talent.models import Candidate, Employment
from tests.conftest import endpoint_queries
from tests.talent.moves.careers import career

pytestmark = pytest.mark.django_db


def hand_checked_market() -> None:
    """Moves of 2024 (and one each side of it), counted by hand in the flows tests."""
    for joined, code in [("2024-03-01", "P8"), ("2024-05-01", "P8"), ("2024-05-20", "P9")]:
        career(None, ("Alibaba", "2019-01-01", "2024-02-28", code), ("MiniMax", joined, None))
    for joined in ["2024-02-01", "2024-09-01"]:
        career(None, ("Tencent", "2019-01-01", "2024-01-31"), ("ByteDance", joined, None))
    career(None, ("MiniMax", "2022-01-01", "2024-05-31"), ("Alibaba", "2024-06-01", None, "P9"))
    career(None, ("MiniMax", "2022-01-01", "2024-12-30"), ("Alibaba", "2024-12-31", None, "P7"))
    career(None, ("ByteDance", "2019-01-01", "2023-12-30"), ("Alibaba", "2023-12-31", None))
    career(None, ("ByteDance", "2019-01-01", "2024-12-31"), ("Alibaba", "2025-01-01", None))


def leaves_alibaba(firm, *keys: str) -> None:
    """The firm's candidates joined Alibaba in 2020 (an open stint); these left it early in 2024."""
    Employment.objects.filter(candidate__in=[firm.candidates[key] for key in keys]).update(
        end_date=dt.date(2024, 2, 28)
    )


def flows(client, **params):
    response = client.get("/api/v1/flows/", {"moved_after": "2024-01-01", "moved_before": "2024-12-31", **params})
    assert response.status_code == 200, response.json()
    return response.json()


def named_cells(body: dict) -> dict:
    names = {node["key"]: node["name"] for node in body["nodes"]}
    return {
        (names[f["source"]], names[f["target"]]): (
            f["count"],
            f["median_band_before"] and f["median_band_before"]["code"],
            f["median_band_after"] and f["median_band_after"]["code"],
        )
        for f in body["flows"]
    }


def test_flows_between_companies_over_a_period_with_median_bands_in_three_queries(firm):
    hand_checked_market()
    client = firm.client("recruiter")
    with CaptureQueriesContext(connection) as captured:
        body = flows(client)
    assert named_cells(body) == {
        ("Alibaba", "MiniMax"): (3, "staff", None),
        ("Tencent", "ByteDance"): (2, None, None),
        # Two moves: the median of an even count is the lower middle band.
        ("MiniMax", "Alibaba"): (2, None, "senior"),
    }
    assert body["total"] == 7 and body["left_out"] == 0
    names = [node["name"] for node in body["nodes"]]
    assert body["matrix"][names.index("Alibaba")][names.index("MiniMax")] == 3
    assert body["matrix"][names.index("MiniMax")][names.index("Tencent")] == 0
    # Key look-up, key touch, then the aggregate, the bands and the companies.
    work = [sql for sql in endpoint_queries(captured) if "talent_" in sql]
    assert len(work) == 3, work


def test_flows_grouped_by_company_kind(firm):
    hand_checked_market()
    body = flows(firm.client("recruiter"), group="kind")
    assert named_cells(body) == {
        ("Big tech", "AI startup"): (3, "staff", None),
        ("Big tech", "Big tech"): (2, None, None),
        ("AI startup", "Big tech"): (2, None, "senior"),
    }


def test_flows_keep_the_top_companies_and_count_the_rest(firm):
    hand_checked_market()
    body = flows(firm.client("recruiter"), top=2)
    assert {node["name"] for node in body["nodes"]} == {"Alibaba", "MiniMax"}
    assert body["total"] == 5 and body["left_out"] == 2


def test_a_period_that_ends_before_it_starts_is_a_400(firm):
    response = firm.client("recruiter").get(
        "/api/v1/flows/", {"moved_after": "2024-12-31", "moved_before": "2024-01-01"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["moved_after"]
    response = firm.client("recruiter").get("/api/v1/flows/", {"group": "planet", "top": "0"})
    assert set(response.json()["error"]["fields"]) == {"group", "top"}


def test_the_moves_feed_says_where_from_where_to_and_how(firm):
    leaves_alibaba(firm, "own")
    career(
        firm.candidates["own"],
        ("Zero One Everything", "2021-01-15", "2024-09-30", None, "Head of Pretraining"),
        ("ByteDance", "2024-10-14", None, None, "Seed Lead"),
    )
    body = firm.client("recruiter").get("/api/v1/moves/").json()
    assert len(body["results"]) == 2
    newest = body["results"][0]
    assert newest["candidate"] == {
        "id": firm.candidates["own"].pk,
        "name": "王芳 (Fang Wang)",
        "identity_hidden": False,
    }
    assert newest["moved_on"] == "2024-10-14" and newest["left_on"] == "2024-09-30"
    assert newest["left"]["company"]["name"] == "Zero One Everything"
    assert newest["left"]["title"] == "Head of Pretraining"
    assert newest["joined"]["company"]["name"] == "ByteDance"
    assert newest["joined"]["band"] is None and newest["promotion"] is False
    assert body["results"][1]["left"]["company"]["name"] == "Alibaba"


def test_moves_filter_by_company_alias_either_side_band_date_expertise_and_pattern(firm):
    hand_checked_market()
    client = firm.client("recruiter")

    def count(**params) -> int:
        response = client.get("/api/v1/moves/", {"page_size": 100, **params})
        assert response.status_code == 200, response.json()
        return len(response.json()["results"])

    assert count() == 9
    assert count(company="字节") == 4
    assert count(from_company="字节") == 2
    assert count(to_company="ByteDance") == 2
    assert count(band="staff") == 2
    assert count(band="50") == 2
    assert count(moved_after="2024-06-01", moved_before="2024-12-31") == 3
    assert count(pattern="lift_out") == 3
    assert count(promotion="true") == 0
    Candidate.objects.filter(employments__company__name="Tencent").update(expertise=["rlhf", "llm"])
    assert count(expertise="rlhf") == 2
    assert client.get("/api/v1/moves/", {"band": "galactic"}).status_code == 400


def confidential_move(firm) -> None:
    leaves_alibaba(firm, "confidential", "own")
    career(firm.candidates["confidential"], ("MiniMax", "2024-03-01", None))
    career(firm.candidates["own"], ("MiniMax", "2024-04-01", None))


def test_an_uncleared_recruiter_sees_a_confidential_move_by_pseudonym_only(firm):
    confidential_move(firm)
    names = {m["candidate"]["name"] for m in firm.client("recruiter").get("/api/v1/moves/").json()["results"]}
    assert names == {"Falcon", "王芳 (Fang Wang)"}
    assert "陈静" not in str(firm.client("recruiter").get("/api/v1/moves/").json())
    names = {m["candidate"]["name"] for m in firm.client("other_team").get("/api/v1/moves/").json()["results"]}
    assert names == {"陈静 (Jing Chen)", "王芳 (Fang Wang)"}


def test_an_api_client_sees_no_move_of_a_confidential_candidate(firm):
    confidential_move(firm)
    for role in ("api_client", "recruiter_status_key"):
        body = firm.client(role).get("/api/v1/moves/").json()
        assert [m["candidate"]["name"] for m in body["results"]] == ["王芳 (Fang Wang)"]
        matrix = flows(firm.client(role))
        assert matrix["total"] == 1
    assert flows(firm.client("recruiter"))["total"] == 2


def test_a_lift_out_flag_counts_only_the_moves_the_caller_may_see(firm):
    leaves_alibaba(firm, "own", "other", "confidential")
    for key in ("own", "other", "confidential"):
        career(firm.candidates[key], ("MiniMax", "2024-03-01", None))
    recruiter = firm.client("recruiter").get("/api/v1/moves/", {"pattern": "lift_out"}).json()["results"]
    assert len(recruiter) == 3
    assert firm.client("api_client").get("/api/v1/moves/", {"pattern": "lift_out"}).json()["results"] == []


def test_a_page_of_moves_takes_two_queries_for_one_move_or_many(firm):
    client = firm.client("recruiter")
    leaves_alibaba(firm, "own")
    career(firm.candidates["own"], ("MiniMax", "2024-03-01", None))

    def talent_queries() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/moves/").status_code == 200
        return [sql for sql in endpoint_queries(captured) if "talent_" in sql]

    # The page (moves, candidates, companies, bands, pattern flags) and the stints the moves came from.
    assert len(talent_queries()) == 2
    hand_checked_market()
    assert len(talent_queries()) == 2
