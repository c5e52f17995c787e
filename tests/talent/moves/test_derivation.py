import datetime as dt
import random

import pytest

from talent.models import Employment
from talent.moves import candidate_moves, latest_move, moves_all
from tests.factories import CandidateFactory
from tests.talent.moves.careers import career, company, day

pytestmark = pytest.mark.django_db


def sql_moves(candidate) -> list[tuple[str, str, dt.date]]:
    rows = moves_all().filter(candidate=candidate).select_related("company").order_by("start_date", "pk")
    names = dict(Employment.objects.filter(candidate=candidate).values_list("pk", "company__name"))
    return [(names[row.from_stint_id], row.company.name, row.start_date) for row in rows]


def python_moves(candidate) -> list[tuple[str, str, dt.date]]:
    stints = list(Employment.objects.filter(candidate=candidate).select_related("company", "level__band"))
    return [(m.from_stint.company.name, m.to_stint.company.name, m.moved_on) for m in candidate_moves(stints)]


def both(candidate) -> list[tuple[str, str, dt.date]]:
    from_sql = sql_moves(candidate)
    assert python_moves(candidate) == from_sql
    return from_sql


def test_each_change_of_employer_is_a_move_dated_the_first_day_at_the_new_one():
    stints = career(None, ("Alibaba", "2015-07-01", "2019-03-31"), ("ByteDance", "2019-04-15", None))
    assert both(stints[0].candidate) == [("Alibaba", "ByteDance", day("2019-04-15"))]


def test_the_first_job_and_a_new_stint_at_the_same_company_are_not_moves():
    stints = career(None, ("Alibaba", "2015-07-01", "2018-12-31", "P7"), ("Alibaba", "2019-01-01", "2021-06-30", "P8"))
    assert both(stints[0].candidate) == []


def test_overlapping_stints_move_on_the_day_the_new_job_starts():
    stints = career(None, ("Alibaba", "2018-01-01", "2022-06-30"), ("MiniMax", "2022-03-01", None))
    assert both(stints[0].candidate) == [("Alibaba", "MiniMax", day("2022-03-01"))]


def test_an_open_stint_such_as_a_board_seat_is_never_left():
    stints = career(
        None,
        ("Tsinghua AI Board", "2010-01-01", None),
        ("Baidu", "2015-01-01", "2018-06-30"),
        ("Tencent", "2018-07-01", None),
    )
    assert both(stints[0].candidate) == [("Baidu", "Tencent", day("2018-07-01"))]


def test_a_side_job_inside_a_longer_stint_is_not_a_move_and_not_the_origin_of_the_next():
    stints = career(
        None,
        ("Microsoft", "2010-01-01", "2020-01-31"),
        ("Startup Advisors", "2012-01-01", "2013-01-01"),
        ("Google", "2020-02-01", None),
    )
    assert both(stints[0].candidate) == [("Microsoft", "Google", day("2020-02-01"))]


def test_a_return_to_the_same_company_is_a_move_back():
    stints = career(
        None,
        ("Alibaba", "2014-01-01", "2020-12-31"),
        ("Zero One Everything", "2021-01-15", "2024-09-30"),
        ("Alibaba", "2024-10-08", None),
    )
    assert both(stints[0].candidate) == [
        ("Alibaba", "Zero One Everything", day("2021-01-15")),
        ("Zero One Everything", "Alibaba", day("2024-10-08")),
    ]


def test_a_stint_with_no_end_after_a_gap_is_a_move_from_the_last_job():
    stints = career(None, ("Huawei", "2012-01-01", "2019-12-31"), ("Moonshot AI", "2023-05-01", None))
    assert both(stints[0].candidate) == [("Huawei", "Moonshot AI", day("2023-05-01"))]


def test_the_latest_move_reads_like_a_recruiter_says_it():
    stints = career(None, ("Zero One Everything", "2023-03-01", "2024-09-30"), ("ByteDance Seed", "2024-10-14", None))
    stints = list(Employment.objects.filter(candidate=stints[0].candidate).select_related("company", "level__band"))
    assert str(latest_move(stints)) == "left Zero One Everything, joined ByteDance Seed, 2024-10"
    assert latest_move(stints[:1]) is None


def test_a_move_up_a_band_is_a_promotion():
    stints = career(None, ("Alibaba", "2016-01-01", "2021-12-31", "P8"), ("Google", "2022-01-10", None, "L7"))
    stints = list(Employment.objects.filter(candidate=stints[0].candidate).select_related("company", "level__band"))
    assert latest_move(stints).is_promotion
    row = moves_all().get(candidate=stints[0].candidate)
    assert (row.from_band_rank, row.to_band_rank) == (40, 50)


def test_sql_and_python_agree_on_random_careers():
    rng = random.Random(20261124)
    names = ["Alibaba", "Tencent", "Baidu", "MiniMax", "Moonshot AI"]
    for name in names:
        company(name)
    for _ in range(40):
        candidate = CandidateFactory()
        stints = []
        for _ in range(rng.randint(1, 5)):
            start = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randint(0, 5000))
            end = None if rng.random() < 0.25 else start + dt.timedelta(days=rng.randint(0, 1500))
            stints.append((rng.choice(names), start.isoformat(), end.isoformat() if end else None))
        career(candidate, *stints)
        both(candidate)
