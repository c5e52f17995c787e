"""Each form of a name, an alias, an employer, a title or a tag finds the right person (API and admin)."""

import datetime as dt

import pytest

from talent import services
from tests.search.conftest import person, search_ids


@pytest.mark.parametrize(
    "term",
    [
        "陽陸育",
        "阳陆育",
        "陽陸",
        "阳陆",
        "陆育",
        "陸育",
        "yang luyu",
        "yangluyu",
        "yáng lùyù",
        "YANG LU YU",
        "yang lu",
        "yanglu",
        "yly",
        "Louis Yang",
        "louis",
        "lou",
        "louis ya",
        "小鱼",
        "小魚",
        "xiao yu",
        "rocket",
        "principal rocket engineer",
        "rlhf",
        "Diffusion",
    ],
)
def test_each_form_finds_the_person(firm, louis, term):
    assert search_ids(firm.client("recruiter"), term) == [louis.pk]


@pytest.mark.parametrize("term", ["字节", "字節", "头条", "bytedance", "ByteDance Ltd.", "字节跳动"])
def test_a_company_alias_finds_its_current_and_past_people(firm, louis, bytedance, term):
    former = person(firm, english_name="Former Person", stints=[(bytedance, "Engineer", dt.date(2021, 1, 1))])
    assert set(search_ids(firm.client("recruiter"), term)) == {louis.pk, former.pk}


def test_a_single_character_or_an_unknown_word_finds_nobody(firm, louis):
    client = firm.client("recruiter")
    assert search_ids(client, "陸") == []
    assert search_ids(client, "zzyzx") == []


def test_a_blank_search_lists_everyone(firm, louis):
    assert len(search_ids(firm.client("recruiter"), "  ")) == len(firm.candidates) + 1


def test_the_admin_finds_by_any_form(admin_client, firm, louis):
    for term in ("陸育", "yly", "louis ya", "字节"):
        response = admin_client.get("/admin/talent/candidate/", {"q": term})
        assert response.status_code == 200
        assert [c.pk for c in response.context["cl"].result_list] == [louis.pk], term


def test_a_new_company_is_found_by_its_native_name_n_grams(firm):
    nebula = services.company_create(name="Nebula Robotics", native_name="星云机器人", aliases=["Xingyun"])
    engineer = person(firm, english_name="Someone", stints=[(nebula, "Engineer", None)])
    client = firm.client("recruiter")
    for term in ("星云", "星雲", "机器人", "xingyun", "nebula", "nebula robotics"):
        assert search_ids(client, term) == [engineer.pk], term
