"""The candidate desk in the admin: sorting, the stint picker, the error summary and duplicate contacts."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from talent.models import Candidate, Company, ContactChannel, NonCompete
from tests.conftest import endpoint_queries
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    EmploymentFactory,
    NonCompeteFactory,
    OutreachNoteFactory,
    RecruiterFactory,
    TeamFactory,
)
from tests.talent.test_admin import (
    ADD_URL,
    LIST_URL,
    candidate_form,
    change_url,
    employment_row,
    errors_of,
    noncompete_row,
)
from tests.talent.test_admin_services import at_the_desk

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 24, 4, 0, tzinfo=dt.UTC)  # noon in Beijing, the same day in UTC


@pytest.fixture
def bytedance() -> Company:
    return Company.objects.get(name="ByteDance")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def listed(client, column: str, descending: bool = False) -> list[Candidate]:
    """The candidates of the changelist, sorted by `column` (a name in list_display)."""
    columns = client.get(LIST_URL).context["cl"].list_display
    order = f"{'-' if descending else ''}{columns.index(column)}"
    response = client.get(LIST_URL, {"o": order})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


# ---------------------------------------------------------------------------
# Sorting by days left and by last activity


def window(candidate: Candidate, starts: str, ends: str) -> NonCompete:
    return NonCompeteFactory(
        candidate=candidate, starts_on=dt.date.fromisoformat(starts), contractual_end=dt.date.fromisoformat(ends)
    )


def test_days_left_sorts_by_the_binding_window_then_the_next_one_with_the_free_last_both_ways(admin_client, frozen):
    soon = CandidateFactory(english_name="Soon")
    window(soon, "2026-01-01", "2026-12-10")  # binding, 16 days left
    later = CandidateFactory(english_name="Later")
    window(later, "2026-01-01", "2026-12-01")  # binding, but the other binds longer
    window(later, "2026-02-01", "2027-03-01")  # binding, 97 days left
    window(later, "2024-01-01", "2024-06-30")  # over
    upcoming = CandidateFactory(english_name="Upcoming")
    window(upcoming, "2027-01-01", "2027-02-01")  # not started, ends in 69 days
    free = CandidateFactory(english_name="Free")
    window(free, "2024-01-01", "2024-12-31")
    never = CandidateFactory(english_name="Never bound")

    ascending = listed(admin_client, "noncompete_days_left")
    descending = listed(admin_client, "noncompete_days_left", descending=True)

    assert ascending[:3] == [soon, upcoming, later]
    assert descending[:3] == [later, upcoming, soon]
    assert set(ascending[3:]) == set(descending[3:]) == {free, never}
    content = admin_client.get(LIST_URL).content.decode()
    assert "16 days left" in content
    assert "97 days left" in content
    assert "starts 2027-01-01, ends in 69 days" in content


def test_last_activity_is_the_later_of_a_change_and_the_latest_outreach_note(admin_client):
    changed_in_june = CandidateFactory(english_name="June")
    changed_in_january = CandidateFactory(english_name="January")
    old_but_called = CandidateFactory(english_name="Called")
    OutreachNoteFactory(candidate=old_but_called, happened_at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC))
    OutreachNoteFactory(candidate=old_but_called, happened_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    OutreachNoteFactory(candidate=changed_in_january, happened_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
    for candidate, day in [
        (changed_in_june, dt.datetime(2026, 6, 1, tzinfo=dt.UTC)),
        (changed_in_january, dt.datetime(2026, 1, 1, tzinfo=dt.UTC)),
        (old_but_called, dt.datetime(2025, 1, 1, tzinfo=dt.UTC)),
    ]:
        Candidate.objects.filter(pk=candidate.pk).update(updated_at=day)

    latest_first = [old_but_called, changed_in_june, changed_in_january]
    assert listed(admin_client, "last_activity", descending=True) == latest_first
    assert listed(admin_client, "last_activity") == latest_first[::-1]
    assert "2026-09-01 00:00" in admin_client.get(LIST_URL).content.decode()


def full_candidate(bytedance: Company, n: int) -> Candidate:
    candidate = CandidateFactory(english_name=f"Full {n}")
    stint = EmploymentFactory(candidate=candidate, company=bytedance, end_date=dt.date(2026, 1, 31))
    EmploymentFactory(candidate=candidate, start_date=dt.date(2026, 2, 1))
    NonCompeteFactory(candidate=candidate, employer=bytedance, employment=stint)
    OutreachNoteFactory(candidate=candidate)
    return candidate


@pytest.mark.parametrize("column", ["noncompete_days_left", "last_activity"])
def test_the_sorted_list_takes_the_same_queries_for_few_and_many_candidates(admin_client, bytedance, column):
    def queries() -> list[str]:
        columns = admin_client.get(LIST_URL).context["cl"].list_display
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get(LIST_URL, {"o": f"-{columns.index(column)}"})
        assert response.status_code == 200
        return endpoint_queries(captured)

    full_candidate(bytedance, 0)
    few = queries()
    for n in range(1, 8):
        full_candidate(bytedance, n)
    many = queries()

    assert len(many) == len(few), "\n".join(many)


# ---------------------------------------------------------------------------
# The non-compete's stint picker


def test_the_stint_picker_offers_only_this_candidates_stints(admin_client, bytedance):
    candidate = CandidateFactory()
    own = [EmploymentFactory(candidate=candidate, company=bytedance), EmploymentFactory(candidate=candidate)]
    EmploymentFactory(company=bytedance)  # someone else's

    response = admin_client.get(change_url(candidate))

    noncompetes = next(i for i in response.context["inline_admin_formsets"] if i.formset.model is NonCompete)
    offered = [value for value, _ in noncompetes.formset.empty_form.fields["employment"].choices if value]
    assert sorted(offered) == sorted(stint.pk for stint in own)
    assert str(own[0]) in response.content.decode()


def test_the_stint_picker_of_a_new_candidate_is_empty(admin_client):
    EmploymentFactory()

    response = admin_client.get(ADD_URL)

    noncompetes = next(i for i in response.context["inline_admin_formsets"] if i.formset.model is NonCompete)
    assert [value for value, _ in noncompetes.formset.empty_form.fields["employment"].choices if value] == []


def test_someone_elses_stint_is_refused_on_an_existing_candidate(admin_client, bytedance):
    candidate = CandidateFactory()
    theirs = EmploymentFactory(company=bytedance)
    data = candidate_form(
        english_name=candidate.english_name,
        owner=candidate.owner_id,
        noncompetes=[noncompete_row(bytedance, candidate=candidate.pk, employment=theirs.pk)],
    )

    response = admin_client.post(change_url(candidate), data)

    assert response.status_code == 200
    assert "This stint belongs to another candidate." in errors_of(response)
    assert not NonCompete.objects.exists()


def test_a_window_cites_a_stint_added_in_the_same_form(admin_client, bytedance):
    zhipu = CompanyFactory(name="Zhipu")
    data = candidate_form(
        english_name="Ann",
        owner=RecruiterFactory().pk,
        employments=[
            employment_row(zhipu, start_date="2025-03-01"),
            employment_row(bytedance, start_date="2019-07-01", end_date="2025-02-28", departure_reason="poached"),
        ],
        noncompetes=[noncompete_row(bytedance, new_stint_start="2019-07-01", starts_on="2025-06-01")],
    )

    response = admin_client.post(ADD_URL, data)

    assert response.status_code == 302, errors_of(response)
    window = NonCompete.objects.get()
    assert window.employment == window.candidate.employments.get(company=bytedance)
    # 24 months from the departure the stint gives, not from the window's own start.
    assert window.enforceable_end == dt.date(2027, 2, 28)


def test_a_new_stint_is_cited_on_an_existing_candidates_page_too(admin_client, bytedance):
    candidate = CandidateFactory()
    saved = EmploymentFactory(candidate=candidate, start_date=dt.date(2025, 3, 1))
    data = candidate_form(
        english_name=candidate.english_name,
        owner=candidate.owner_id,
        employments=[
            employment_row(
                saved.company, id=saved.pk, candidate=candidate.pk, title=saved.title, start_date="2025-03-01"
            ),
            employment_row(bytedance, candidate=candidate.pk, start_date="2020-01-01", end_date="2025-02-28"),
        ],
        noncompetes=[noncompete_row(bytedance, candidate=candidate.pk, new_stint_start="2020-01-01")],
    )

    response = admin_client.post(change_url(candidate), data)

    assert response.status_code == 302, errors_of(response)
    assert NonCompete.objects.get().employment.start_date == dt.date(2020, 1, 1)


def test_new_stints_starting_the_same_day_are_told_apart_by_the_employer(admin_client, bytedance):
    zhipu = CompanyFactory(name="Zhipu")
    data = candidate_form(
        english_name="Ann",
        owner=RecruiterFactory().pk,
        employments=[
            employment_row(zhipu, start_date="2019-07-01", end_date="2025-02-28"),
            employment_row(bytedance, start_date="2019-07-01", end_date="2024-12-31"),
        ],
        noncompetes=[noncompete_row(bytedance, new_stint_start="2019-07-01")],
    )

    response = admin_client.post(ADD_URL, data)

    assert response.status_code == 302, errors_of(response)
    assert NonCompete.objects.get().employment.company == bytedance


@pytest.mark.parametrize(
    ("window", "error"),
    [
        ({"new_stint_start": "2018-01-01"}, "No new stint in the career table starts on 2018-01-01."),
        ({"new_stint_start": "not a date"}, "Enter a valid date."),
    ],
)
def test_a_reference_to_no_new_stint_is_a_form_error(admin_client, bytedance, window, error):
    data = candidate_form(
        english_name="Ann",
        owner=RecruiterFactory().pk,
        employments=[employment_row(bytedance, start_date="2019-07-01", end_date="2025-02-28")],
        noncompetes=[noncompete_row(bytedance, **window)],
    )

    response = admin_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert error in errors_of(response)
    assert not Candidate.objects.exists()


def test_two_new_stints_that_cannot_be_told_apart_are_a_form_error(admin_client, bytedance):
    data = candidate_form(
        english_name="Ann",
        owner=RecruiterFactory().pk,
        employments=[
            employment_row(bytedance, start_date="2019-07-01", end_date="2025-02-28"),
            employment_row(bytedance, title="Advisor", start_date="2019-07-01", end_date="2020-02-28"),
        ],
        noncompetes=[noncompete_row(bytedance, new_stint_start="2019-07-01")],
    )

    response = admin_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "Several new stints start on 2019-07-01: save them first." in errors_of(response)
    assert not Candidate.objects.exists()


def test_a_saved_stint_and_a_new_one_at_once_is_a_form_error(admin_client, bytedance):
    candidate = CandidateFactory()
    saved = EmploymentFactory(candidate=candidate, company=bytedance)
    data = candidate_form(
        english_name=candidate.english_name,
        owner=candidate.owner_id,
        employments=[
            employment_row(bytedance, id=saved.pk, candidate=candidate.pk, title=saved.title, start_date="2021-03-01"),
            employment_row(bytedance, candidate=candidate.pk, start_date="2015-01-01", end_date="2018-12-31"),
        ],
        noncompetes=[
            noncompete_row(bytedance, candidate=candidate.pk, employment=saved.pk, new_stint_start="2015-01-01")
        ],
    )

    response = admin_client.post(change_url(candidate), data)

    assert response.status_code == 200
    assert "Pick a saved stint or give the start of a new one, not both." in errors_of(response)
    assert candidate.employments.count() == 1


def test_a_stint_deleted_in_the_same_form_cannot_be_cited(admin_client, bytedance):
    candidate = CandidateFactory()
    saved = EmploymentFactory(candidate=candidate, company=bytedance, start_date=dt.date(2021, 3, 1))
    data = candidate_form(
        english_name=candidate.english_name,
        owner=candidate.owner_id,
        employments=[
            employment_row(
                bytedance, id=saved.pk, candidate=candidate.pk, title=saved.title, start_date="2021-03-01", DELETE="on"
            )
        ],
        noncompetes=[noncompete_row(bytedance, candidate=candidate.pk, employment=saved.pk)],
    )

    response = admin_client.post(change_url(candidate), data)

    assert response.status_code == 200
    assert "This stint is deleted in this form: pick another, or keep it." in errors_of(response)
    assert candidate.employments.get() == saved


# ---------------------------------------------------------------------------
# The error summary


def test_the_error_note_names_each_section_and_row_with_errors(admin_client, bytedance):
    data = candidate_form(
        english_name="Ann",
        owner=RecruiterFactory().pk,
        country="CHN",
        employments=[
            employment_row(bytedance, start_date="2019-07-01", end_date="2025-02-28"),
            employment_row(bytedance, start_date="2026-12-01", end_date="2026-06-30"),
            employment_row(bytedance, start_date="2027-12-01", end_date="2026-06-30"),
        ],
        noncompetes=[noncompete_row(bytedance, status="released")],
    )

    response = admin_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert response.context["error_sections"] == [
        ("Profile", "#fieldset-0-1-heading"),
        ("Career (rows 2, 3)", "#employments-1"),
        ("Non-compete windows (row 1)", "#noncompetes-0"),
    ]
    content = response.content.decode()
    assert 'id="error-sections"' in content
    assert '<a href="#employments-1">Career (rows 2, 3)</a>' in content
    assert 'id="fieldset-0-1-heading"' in content and 'id="employments-1"' in content


def test_the_error_note_names_the_candidate_for_an_error_of_the_whole_form(admin_client):
    response = admin_client.post(ADD_URL, candidate_form(city="Beijing", owner=RecruiterFactory().pk))

    assert response.context["error_sections"] == [("Candidate", "#content-main")]
    content = response.content.decode()
    assert content.count('class="errornote"') == 1
    assert "Please correct the error below:" in content
    assert escape("Give the candidate a native name, an English name or a pseudonym.") in content


def test_a_page_without_errors_has_no_error_note(admin_client):
    response = admin_client.get(ADD_URL)

    assert "error_sections" not in response.context
    assert 'id="error-sections"' not in response.content.decode()


# ---------------------------------------------------------------------------
# Duplicate contacts


@pytest.fixture
def team_and_outsider():
    team = TeamFactory()
    owner = RecruiterFactory(team=team)
    return owner, RecruiterFactory(team=team), RecruiterFactory()


def post_duplicate_phone(client, recruiter) -> str:
    data = candidate_form(
        english_name="Ann", owner=recruiter.pk, contacts=[{"kind": "phone", "value": "138 0013 8000", "label": ""}]
    )
    response = at_the_desk(client, recruiter).post(ADD_URL, data)
    assert response.status_code == 200
    return response.content.decode()


def test_a_duplicate_contact_links_to_its_holder_for_a_user_cleared_to_see_them(client, team_and_outsider):
    owner, teammate, _ = team_and_outsider
    holder = CandidateFactory(owner=owner, english_name="Secret Chen", is_confidential=True, pseudonym="Falcon")
    ContactChannel.objects.create(candidate=holder, kind="phone", value="+8613800138000")

    content = post_duplicate_phone(client, teammate)

    assert escape(f"Phone +8613800138000 already belongs to {holder.display_name} (candidate #{holder.pk}).") in content
    assert f'<a href="{change_url(holder)}">Open the page of {escape(holder.display_name)}</a>' in content


def test_a_duplicate_contact_of_a_confidential_holder_is_only_taken_for_an_uncleared_user(client, team_and_outsider):
    owner, _, outsider = team_and_outsider
    holder = CandidateFactory(owner=owner, english_name="Secret Chen", is_confidential=True, pseudonym="Falcon")
    ContactChannel.objects.create(candidate=holder, kind="phone", value="+8613800138000")

    content = post_duplicate_phone(client, outsider)

    assert "Phone +8613800138000 is already taken by another candidate." in content
    assert change_url(holder) not in content
    assert "Secret Chen" not in content and "Falcon" not in content and f"#{holder.pk}" not in content


def test_a_duplicate_contact_of_an_open_record_links_for_any_recruiter(client, team_and_outsider):
    owner, _, outsider = team_and_outsider
    holder = CandidateFactory(owner=owner, english_name="Open Wang")
    ContactChannel.objects.create(candidate=holder, kind="phone", value="+8613800138000")

    content = post_duplicate_phone(client, outsider)

    assert f'<a href="{change_url(holder)}">Open the page of {escape(holder.display_name)}</a>' in content
