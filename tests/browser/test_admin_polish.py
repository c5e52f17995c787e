"""The candidate page in a real browser: the career table at 1,400 pixels, and the note naming the sections with errors."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.groups import RECRUITERS, ensure_groups
from talent.models import Candidate, Company, NonCompete
from tests.browser.conftest import ARTIFACTS
from tests.factories import CandidateFactory, EmploymentFactory, RecruiterFactory, UserFactory
from tests.talent.moves.careers import company

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery"


@pytest.fixture
def recruiter(transactional_db):
    # A transactional test may start from a flushed database: make the group and companies it needs.
    ensure_groups(Group, Permission)
    company("Alibaba", Company.Kind.BIG_TECH)
    company("ByteDance", Company.Kind.BIG_TECH)
    user = UserFactory(username="lin.mei", is_staff=True)
    user.groups.add(Group.objects.get(name=RECRUITERS))
    return RecruiterFactory(user=user, timezone="Asia/Shanghai")


def sign_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "lin.mei")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def choose(page, name: str, pk: int, label: str) -> None:
    """Sets an autocomplete (select2) field the way choosing from its list does."""
    page.evaluate(
        """([name, pk, label]) => {
            const select = document.querySelector(`select[name="${name}"]`);
            select.add(new Option(label, pk, true, true));
            select.dispatchEvent(new Event("change", {bubbles: true}));
        }""",
        [name, str(pk), label],
    )


def test_the_career_table_fits_a_1400_pixel_screen(page, live_server, recruiter):
    candidate = CandidateFactory(owner=recruiter, english_name="Wan'er Shangguan")
    alibaba = Company.objects.get(name="Alibaba")
    EmploymentFactory(
        candidate=candidate,
        company=alibaba,
        title="Staff Algorithm Engineer, Large Language Models",
        start_date=dt.date(2018, 7, 1),
        end_date=dt.date(2024, 1, 31),
        departure_reason="poached",
        departure_notes="Left with most of the pretraining team for a start-up",
    )
    EmploymentFactory(candidate=candidate, start_date=dt.date(2024, 2, 1))
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/talent/candidate/{candidate.pk}/change/")
    page.locator("#employments-group .add-row a").click()
    choose(page, "employments-2-company", alibaba.pk, "Alibaba")

    assert page.viewport_size == {"width": 1400, "height": 900}
    widths = page.evaluate(
        """() => {
            const group = document.querySelector("#employments-group");
            return {
                page: document.documentElement.scrollWidth,
                screen: document.documentElement.clientWidth,
                group: group.getBoundingClientRect().right,
                table: group.querySelector("table").getBoundingClientRect().right,
                cells: Math.max(...[...group.querySelectorAll("tr.form-row:not(.empty-form) td > *")]
                    .map((cell) => cell.getBoundingClientRect().right)),
            };
        }"""
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("#employments-group").screenshot(path=str(ARTIFACTS / "career-table-1400.png"))
    assert widths["page"] <= widths["screen"] == 1400, widths
    assert widths["table"] <= widths["group"], widths
    assert widths["cells"] <= widths["group"], widths


def test_the_error_note_says_which_sections_hold_the_errors(page, live_server, recruiter):
    alibaba = Company.objects.get(name="Alibaba")
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/talent/candidate/add/")
    page.fill("#id_english_name", "Wan'er Shangguan")
    page.locator("#employments-group .add-row a").click()
    choose(page, "employments-0-company", alibaba.pk, "Alibaba")
    page.fill("input[name=employments-0-title]", "Staff Engineer")
    page.fill("input[name=employments-0-start_date]", "2019-07-01")
    page.fill("input[name=employments-0-end_date]", "2026-06-30")
    page.locator("#employments-group .add-row a").click()
    choose(page, "employments-1-company", alibaba.pk, "Alibaba")
    page.fill("input[name=employments-1-title]", "Advisor")
    page.fill("input[name=employments-1-start_date]", "2026-12-01")
    page.fill("input[name=employments-1-end_date]", "2026-06-30")  # before it starts
    page.locator("#noncompetes-group .add-row a").click()
    choose(page, "noncompetes-0-employer", alibaba.pk, "Alibaba")
    page.fill("input[name=noncompetes-0-new_stint_start]", "2018-01-01")  # no such new stint
    page.fill("input[name=noncompetes-0-starts_on]", "2026-07-01")
    page.fill("input[name=noncompetes-0-contractual_end]", "2027-06-30")
    page.click("input[name=_save]")

    note = page.locator("#error-sections")
    note.wait_for()
    assert page.locator(".errornote").count() == 1  # instead of Django's "Please correct the errors below."
    assert page.title().startswith("Error:")
    assert note.inner_text() == "Please correct the errors below: Career (row 2), Non-compete windows (row 1)."
    note.get_by_role("link", name="Non-compete windows (row 1)").click()
    page.wait_for_url("**#noncompetes-0")
    assert "No new stint in the career table starts on 2018-01-01." in page.locator("#noncompetes-0").inner_text()
    assert not Candidate.objects.filter(english_name="Wan'er Shangguan").exists()


def test_a_window_cites_a_stint_added_in_the_same_form(page, live_server, recruiter):
    alibaba = Company.objects.get(name="Alibaba")
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/talent/candidate/add/")
    page.fill("#id_english_name", "Wan'er Shangguan")
    page.locator("#employments-group .add-row a").click()
    choose(page, "employments-0-company", alibaba.pk, "Alibaba")
    page.fill("input[name=employments-0-title]", "Staff Engineer")
    page.fill("input[name=employments-0-start_date]", "2019-07-01")
    page.fill("input[name=employments-0-end_date]", "2025-01-31")
    page.locator("#noncompetes-group .add-row a").click()
    choose(page, "noncompetes-0-employer", alibaba.pk, "Alibaba")
    page.fill("input[name=noncompetes-0-new_stint_start]", "2019-07-01")
    page.fill("input[name=noncompetes-0-starts_on]", "2025-06-01")
    page.fill("input[name=noncompetes-0-contractual_end]", "2028-05-31")
    page.click("input[name=_save]")

    page.locator(".messagelist .success").wait_for()
    window = NonCompete.objects.get(candidate__english_name="Wan'er Shangguan")
    assert window.employment.title == "Staff Engineer"
    assert window.enforceable_end == dt.date(2027, 1, 31)  # 24 months after the stint ended
