"""The key flows of the admin, in a real browser."""

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts.groups import RECRUITERS, ensure_groups
from talent import services
from talent.models import Candidate, Company, NonCompete
from tests.factories import NonCompeteFactory, RecruiterFactory, UserFactory
from tests.talent.moves.careers import career, company

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery"
DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture
def desk_user(transactional_db):
    # A transactional test may start from a flushed database: make the group and companies it needs.
    ensure_groups(Group, Permission)
    company("Alibaba", Company.Kind.BIG_TECH)
    company("ByteDance", Company.Kind.BIG_TECH)
    user = UserFactory(username="lin.mei", is_staff=True)
    user.groups.add(Group.objects.get(name=RECRUITERS))
    recruiter = RecruiterFactory(user=user, timezone="Asia/Shanghai")
    # The desk counts days in the recruiter's zone: from 16:00 UTC Shanghai is already on tomorrow.
    today = timezone.localdate(timezone=ZoneInfo(recruiter.timezone))
    # Through the service, as the admin and the API create them (search terms included).
    near = services.candidate_create(actor=user, native_name="欧阳娜娜", english_name="Nana Ouyang")
    NonCompeteFactory(
        candidate=near,
        employer=Company.objects.get(name="Alibaba"),
        starts_on=today - dt.timedelta(days=300),
        contractual_end=today + dt.timedelta(days=12),
    )
    services.candidate_create(actor=user, native_name="司马光", english_name="Guang Sima")
    mover = career(
        None,
        ("Alibaba", "2019-01-01", (today - dt.timedelta(days=40)).isoformat()),
        ("ByteDance", (today - dt.timedelta(days=30)).isoformat(), None),
        owner=recruiter,
        native_name="诸葛亮",
        english_name="Liang Zhuge",
    )
    assert mover
    return user


def sign_in(page, live_server, username: str = "lin.mei", password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")


def test_sign_in_and_read_the_desk(page, live_server, desk_user):
    sign_in(page, live_server)
    assert page.title().endswith("Talentbase")
    desk = page.locator("#desk")
    assert "欧阳娜娜 (Nana Ouyang)" in desk.locator("#desk-noncompetes").inner_text()
    assert "12 days left" in desk.inner_text()
    assert "left Alibaba, joined ByteDance" in desk.locator("#desk-moves").inner_text()
    assert page.locator("#talent-map svg.flow-chart").count() == 1
    page.click("#desk-noncompetes a")
    assert "欧阳娜娜" in page.locator("#content").inner_text()


def test_a_wrong_password_is_refused_plainly(page, live_server, desk_user):
    sign_in(page, live_server, password="wrong")
    assert "correct username and password" in page.locator(".errornote").inner_text()


def test_search_by_a_chinese_fragment_and_by_pinyin(page, live_server, desk_user):
    sign_in(page, live_server)
    for term in ("欧阳", "ouyang", "sima guang"):
        page.goto(f"{live_server.url}/admin/talent/candidate/")
        page.fill("#searchbar", term)
        page.press("#searchbar", "Enter")
        rows = page.locator("#result_list tbody tr")
        page.locator("#result_list, .paginator").first.wait_for()
        assert rows.count() == 1, term
    assert "司马光" in rows.first.inner_text()


def test_filter_windows_ending_within_30_days(page, live_server, desk_user):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/talent/candidate/")
    page.get_by_role("link", name="within 30 days").click()
    page.wait_for_url("**noncompete_ends_within=30**")
    assert page.locator("#result_list tbody tr").count() == 1
    assert "欧阳娜娜" in page.locator("#result_list").inner_text()


def _choose(page, name: str, pk: int, label: str) -> None:
    """Sets an autocomplete (select2) field the way choosing from its list does."""
    page.evaluate(
        """([name, pk, label]) => {
            const select = document.querySelector(`select[name="${name}"]`);
            select.add(new Option(label, pk, true, true));
            select.dispatchEvent(new Event("change", {bubbles: true}));
        }""",
        [name, str(pk), label],
    )


def _fill_candidate(page, *, start: str) -> None:
    alibaba = Company.objects.get(name="Alibaba")
    page.fill("#id_native_name", "上官婉儿")
    page.fill("#id_english_name", "Wan'er Shangguan")
    page.locator("#aliases-group .add-row a").click()
    page.fill("input[name=aliases-0-name]", "婉儿")
    page.locator("#contacts-group .add-row a").click()
    page.fill("input[name=contacts-0-value]", "waner@example.com")
    page.select_option("select[name=contacts-0-kind]", "email")
    page.locator("#employments-group .add-row a").click()
    _choose(page, "employments-0-company", alibaba.pk, "Alibaba")
    page.fill("input[name=employments-0-title]", "Staff Engineer")
    page.fill("input[name=employments-0-start_date]", start)
    page.fill("input[name=employments-0-end_date]", "2026-06-30")
    page.locator("#noncompetes-group .add-row a").click()
    _choose(page, "noncompetes-0-employer", alibaba.pk, "Alibaba")
    page.fill("input[name=noncompetes-0-starts_on]", "2026-07-01")
    page.fill("input[name=noncompetes-0-contractual_end]", "2027-06-30")


def test_add_a_candidate_with_alias_contact_stint_and_noncompete_in_one_form(page, live_server, desk_user):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/talent/candidate/add/")
    _fill_candidate(page, start="2021-03-01")
    page.click("input[name=_save]")
    page.locator(".messagelist .success").wait_for()
    candidate = Candidate.objects.get(english_name="Wan'er Shangguan")
    assert [a.name for a in candidate.aliases.all()] == ["婉儿"]
    assert candidate.contacts.get().value == "waner@example.com"
    assert candidate.employments.get().title == "Staff Engineer"
    window = NonCompete.objects.get(candidate=candidate)
    assert window.enforceable_end == dt.date(2027, 6, 30)


def test_bad_input_gives_a_clear_error_and_keeps_what_was_typed(page, live_server, desk_user):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/talent/candidate/add/")
    _fill_candidate(page, start="2026-12-01")  # starts after it ends
    page.click("input[name=_save]")
    page.locator(".errornote").wait_for()
    assert "The end date cannot be before the start date." in page.locator("#employments-group").inner_text()
    assert page.input_value("#id_native_name") == "上官婉儿"
    assert not Candidate.objects.filter(english_name="Wan'er Shangguan").exists()


@pytest.mark.skipif(
    not os.environ.get("TALENTBASE_SCREENSHOTS"), reason="set TALENTBASE_SCREENSHOTS=1 to refresh docs/"
)
def test_screenshots_for_the_readme(page, live_server):
    """The README's pictures, from demo data seeded into the test database."""
    from django.core.management import call_command

    call_command("seed_demo", candidates=400, seed=11, verbosity=0)
    sign_in(page, live_server, username="demo", password="talentbase-demo")
    DOCS.mkdir(exist_ok=True)
    page.locator("#desk").screenshot(path=str(DOCS / "desk.png"))
    page.locator("#talent-map").screenshot(path=str(DOCS / "flows.png"))
