import pytest

from talent.moves import moves_all, moves_in_pattern, moves_with_patterns, patterns_of
from tests.factories import NonCompeteFactory
from tests.talent.moves.careers import career, company, day

pytestmark = pytest.mark.django_db


def flagged(pattern: str) -> set[str]:
    moves = moves_in_pattern(moves_with_patterns(moves_all()), pattern)
    return {move.candidate.english_name for move in moves.select_related("candidate")}


def lift_out(*days: str) -> None:
    for number, joined in enumerate(days):
        career(
            None,
            ("Zero One Everything", "2022-01-01", "2024-06-30"),
            ("ByteDance", joined, None),
            english_name=f"Team {number}",
        )


def test_three_people_from_one_company_to_another_within_90_days_are_a_lift_out():
    lift_out("2024-07-01", "2024-08-15", "2024-09-29")  # day 0, 45, 90
    assert flagged("lift_out") == {"Team 0", "Team 1", "Team 2"}


def test_a_third_person_on_day_91_is_too_late():
    lift_out("2024-07-01", "2024-08-15", "2024-09-30")  # day 0, 45, 91
    assert flagged("lift_out") == set()


def test_a_lift_out_keeps_those_in_the_window_and_not_a_straggler():
    lift_out("2024-07-01", "2024-07-02", "2024-07-03", "2025-03-01")
    assert flagged("lift_out") == {"Team 0", "Team 1", "Team 2"}


def test_two_people_are_not_a_team_even_when_one_of_them_moves_twice():
    lift_out("2024-07-01")
    career(
        None,
        ("Zero One Everything", "2022-01-01", "2024-07-01"),
        ("ByteDance", "2024-07-02", "2024-07-20"),
        ("Zero One Everything", "2024-07-21", "2024-07-31"),
        ("ByteDance", "2024-08-01", None),
        english_name="Twice",
    )
    assert flagged("lift_out") == set()


def test_moves_to_different_companies_are_not_a_lift_out():
    career(None, ("Zero One Everything", "2022-01-01", "2024-06-30"), ("ByteDance", "2024-07-01", None))
    career(None, ("Zero One Everything", "2022-01-01", "2024-06-30"), ("Tencent", "2024-07-01", None))
    career(None, ("Zero One Everything", "2022-01-01", "2024-06-30"), ("Alibaba", "2024-07-01", None))
    assert flagged("lift_out") == set()


def test_a_return_to_a_former_employer_is_a_boomerang():
    career(
        None,
        ("Alibaba", "2014-01-01", "2020-12-31"),
        ("Zero One Everything", "2021-01-15", "2024-09-30"),
        ("Alibaba", "2024-10-08", None),
        english_name="Back",
    )
    career(None, ("Alibaba", "2014-01-01", "2020-12-31"), ("Tencent", "2021-01-15", None), english_name="Onward")
    assert flagged("boomerang") == {"Back"}
    move = moves_with_patterns(moves_all()).get(candidate__english_name="Back", company__name="Alibaba")
    assert patterns_of(move) == ["boomerang"]


def test_coming_back_to_a_company_not_yet_left_is_no_boomerang():
    # Still on Alibaba's books (ends after the return starts): a side job and back, not a return.
    career(
        None,
        ("Alibaba", "2014-01-01", "2021-03-31"),
        ("Zero One Everything", "2021-01-15", "2021-02-28"),
        ("Alibaba", "2021-03-01", None),
        english_name="Never left",
    )
    assert flagged("boomerang") == set()


def founder_in_waiting(
    founded: str, joined_company: str = "Tencent", joined: str = "2025-06-02", name: str = "Waiting"
) -> None:
    """Left Alibaba 2024-01-31 under a window binding 2024-02-01 to 2025-01-31 that restricts Tencent."""
    stints = career(
        None,
        ("Alibaba", "2015-01-01", "2024-01-31", None, "Staff Engineer"),
        ("Own Lab", founded, "2025-05-31", None, "Founder & CEO"),
        (joined_company, joined, None),
        english_name=name,
    )
    window = NonCompeteFactory(
        candidate=stints[0].candidate,
        employer=company("Alibaba"),
        employment=stints[0],
        starts_on=day("2024-02-01"),
        contractual_end=day("2025-01-31"),
    )
    window.restricted_companies.add(company("Tencent"))


def test_founding_a_company_on_the_first_day_of_the_window_then_joining_a_rival_on_its_list():
    founder_in_waiting("2024-02-01")
    assert flagged("founder_in_waiting") == {"Waiting"}


def test_founding_on_the_last_day_of_the_window_is_waiting():
    founder_in_waiting("2025-01-31")
    assert flagged("founder_in_waiting") == {"Waiting"}


def test_founding_after_the_window_ended_is_not_waiting():
    founder_in_waiting("2025-02-01")
    assert flagged("founder_in_waiting") == set()


def test_founding_the_day_before_the_window_starts_is_not_waiting():
    founder_in_waiting("2024-01-31")
    assert flagged("founder_in_waiting") == set()


def test_joining_a_company_not_on_the_list_is_not_waiting():
    founder_in_waiting("2024-03-01", joined_company="Baidu")
    assert flagged("founder_in_waiting") == set()
