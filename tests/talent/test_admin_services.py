"""The talent admin writes through talent.services and decides who may do what with talent.access."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.groups import RECRUITERS
from talent import services
from talent.models import Candidate, Company, ContactChannel, Employment, NonCompete
from tests.factories import (
    CandidateFactory,
    EmploymentFactory,
    NonCompeteFactory,
    OutreachNoteFactory,
    RecruiterFactory,
    TeamFactory,
)
from tests.talent.test_admin import ADD_URL, LIST_URL, assert_refused, candidate_form, change_url, errors_of

pytestmark = pytest.mark.django_db

CUSTODY_REFUSAL = (
    "Only the candidate's owner, the owner's team lead and admins may un-hide a confidential candidate "
    "or change its pseudonym, owner or team."
)
LONG_AGO = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def bytedance() -> Company:
    return Company.objects.get(name="ByteDance")


@pytest.fixture
def desk():
    """A team (its lead, a recruiter who owns candidates, a teammate) and a recruiter of another team."""
    team = TeamFactory()
    lead = RecruiterFactory(team=team)
    team.lead = lead
    team.save()
    return SimpleNamespace(
        lead=lead,
        owner=RecruiterFactory(team=team),
        teammate=RecruiterFactory(team=team),
        outsider=RecruiterFactory(),
    )


def at_the_desk(client, recruiter):
    """`client` signed in to the admin as `recruiter`, with the standard recruiter permissions."""
    recruiter.user.is_staff = True
    recruiter.user.save()
    recruiter.user.groups.add(Group.objects.get(name=RECRUITERS))
    client.force_login(recruiter.user)
    return client


def candidate_page(candidate: Candidate, **changes) -> dict:
    """The change form of `candidate` as the browser posts it, with `changes` (a False checkbox is left out)."""
    fields = {
        "native_name": candidate.native_name,
        "english_name": candidate.english_name,
        "pseudonym": candidate.pseudonym,
        "is_confidential": candidate.is_confidential,
        "city": candidate.city,
        "country": candidate.country,
        "owner": candidate.owner_id or "",
        "team": candidate.team_id or "",
        **changes,
    }
    checked = {name: "on" for name, value in fields.items() if value is True}
    return candidate_form(**{name: value for name, value in fields.items() if not isinstance(value, bool)}, **checked)


def stint_row(stint: Employment, **changes) -> dict:
    return {
        "id": stint.pk,
        "candidate": stint.candidate_id,
        "company": stint.company_id,
        "title": stint.title,
        "level": stint.level_id or "",
        "start_date": stint.start_date.isoformat(),
        "end_date": stint.end_date.isoformat() if stint.end_date else "",
        "departure_reason": stint.departure_reason,
        "departure_notes": stint.departure_notes,
        **changes,
    }


def window_page(window: NonCompete, **changes) -> dict:
    """The form of the non-compete page as posted (the candidate is read-only there now, and ignored)."""
    return {
        "candidate": window.candidate_id,
        "employer": window.employer_id,
        "employment": window.employment_id or "",
        "jurisdiction": window.jurisdiction,
        "starts_on": window.starts_on.isoformat(),
        "contractual_end": window.contractual_end.isoformat(),
        "status": window.status,
        "ended_on": "",
        "restricted_sectors": "",
        "region": "",
        "monthly_compensation": "",
        "compensation_currency": "",
        "last_monthly_pay": "",
        "last_monthly_pay_currency": "",
        "compensation_paid": "on",
        "unpaid_since": "",
        "notes": "",
        **changes,
    }


def stint_and_the_window_it_left(candidate: Candidate, employer: Company) -> tuple[Employment, NonCompete]:
    """A stint that ended on 2025-02-28 and the Chinese window it left (capped at 24 months: 2027-02-28)."""
    stint = EmploymentFactory(
        candidate=candidate, company=employer, start_date=dt.date(2019, 7, 1), end_date=dt.date(2025, 2, 28)
    )
    window = services.noncompete_create(
        candidate=candidate,
        employer=employer,
        employment=stint,
        starts_on=dt.date(2025, 3, 1),
        contractual_end=dt.date(2028, 2, 29),
    )
    assert window.enforceable_end == dt.date(2027, 2, 28)
    return stint, window


def updated_since(client, since: str) -> set[int]:
    response = client.get("/api/v1/candidates/", {"updated_since": since, "page_size": 100})
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


# Writes go through the services


def test_editing_a_window_on_its_own_page_marks_its_candidate_changed_for_updated_since(admin_client, bytedance):
    candidate = CandidateFactory()
    window = services.noncompete_create(
        candidate=candidate, employer=bytedance, starts_on=dt.date(2025, 3, 1), contractual_end=dt.date(2026, 2, 28)
    )
    Candidate.objects.filter(pk=candidate.pk).update(updated_at=LONG_AGO)
    assert candidate.pk not in updated_since(admin_client, "2024-01-01T00:00:00Z")

    response = admin_client.post(
        reverse("admin:talent_noncompete_change", args=[window.pk]), window_page(window, contractual_end="2025-12-31")
    )

    assert response.status_code == 302, errors_of(response)
    window.refresh_from_db()
    assert window.enforceable_end == dt.date(2025, 12, 31)
    assert candidate.pk in updated_since(admin_client, "2024-01-01T00:00:00Z")


def test_a_window_added_on_its_own_page_gets_the_enforceable_end_the_law_gives_it(admin_client, bytedance):
    candidate = CandidateFactory()
    stint = EmploymentFactory(candidate=candidate, company=bytedance, end_date=dt.date(2025, 2, 28))

    response = admin_client.post(
        reverse("admin:talent_noncompete_add"),
        window_page(
            NonCompete(
                candidate=candidate,
                employer=bytedance,
                employment=stint,
                starts_on=dt.date(2025, 3, 1),
                contractual_end=dt.date(2028, 2, 29),
            )
        ),
    )

    assert response.status_code == 302, errors_of(response)
    assert candidate.noncompetes.get().enforceable_end == dt.date(2027, 2, 28)


def test_an_earlier_departure_on_the_stint_page_moves_the_end_of_the_window_it_left(admin_client, bytedance):
    stint, window = stint_and_the_window_it_left(CandidateFactory(), bytedance)
    data = {key: value for key, value in stint_row(stint, end_date="2024-12-31").items() if key != "id"}

    response = admin_client.post(reverse("admin:talent_employment_change", args=[stint.pk]), data)

    assert response.status_code == 302, errors_of(response)
    window.refresh_from_db()
    assert window.enforceable_end == dt.date(2026, 12, 31)


def test_an_earlier_departure_on_the_candidate_page_moves_the_end_of_the_window_it_left(admin_client, bytedance):
    candidate = CandidateFactory()
    stint, window = stint_and_the_window_it_left(candidate, bytedance)

    response = admin_client.post(
        change_url(candidate), candidate_page(candidate, employments=[stint_row(stint, end_date="2024-12-31")])
    )

    assert response.status_code == 302, errors_of(response)
    window.refresh_from_db()
    assert window.enforceable_end == dt.date(2026, 12, 31)


def test_contacts_typed_on_the_candidate_page_are_added_normalised_by_the_service(admin_client, monkeypatch):
    candidate = CandidateFactory()
    added = []
    contact_add = services.contact_add

    def spy(**arguments):
        added.append(arguments["value"])
        return contact_add(**arguments)

    monkeypatch.setattr("talent.services.candidates.contact_add", spy)
    data = candidate_page(candidate, contacts=[{"kind": "phone", "value": "138 0013 8000", "label": "personal"}])

    response = admin_client.post(change_url(candidate), data)

    assert response.status_code == 302, errors_of(response)
    assert added == ["+8613800138000"]
    assert list(candidate.contacts.values_list("value", "label")) == [("+8613800138000", "personal")]


def test_the_company_page_saves_through_the_company_services(admin_client, monkeypatch):
    created = []
    company_create = services.company_create

    def spy(**fields):
        created.append(fields["name"])
        return company_create(**fields)

    monkeypatch.setattr("talent.services.company_create", spy)
    data = {
        "name": "Moonshot AI",
        "native_name": "月之暗面",
        "kind": "ai_startup",
        "country": "CN",
        "website": "",
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-name": "Kimi",
    }

    response = admin_client.post(reverse("admin:talent_company_add"), data)

    assert response.status_code == 302, errors_of(response)
    assert created == ["Moonshot AI"]
    assert list(Company.objects.get(name="Moonshot AI").aliases.values_list("name", flat=True)) == ["Kimi"]


# Refusals come from talent.access, as form errors where a form can show them


def test_a_steward_who_is_not_a_custodian_cannot_unhide_a_confidential_candidate(client, desk):
    secret = CandidateFactory(owner=desk.owner, is_confidential=True, pseudonym="Falcon")

    response = at_the_desk(client, desk.teammate).post(
        change_url(secret), candidate_page(secret, is_confidential=False)
    )

    assert_refused(response, CUSTODY_REFUSAL)
    secret.refresh_from_db()
    assert secret.is_confidential


def test_the_team_lead_may_unhide_a_confidential_candidate(client, desk):
    secret = CandidateFactory(owner=desk.owner, is_confidential=True, pseudonym="Falcon")

    response = at_the_desk(client, desk.lead).post(change_url(secret), candidate_page(secret, is_confidential=False))

    assert response.status_code == 302, errors_of(response)
    secret.refresh_from_db()
    assert not secret.is_confidential


def test_a_steward_who_is_not_a_custodian_cannot_hand_a_candidate_to_someone_else(client, desk):
    candidate = CandidateFactory(owner=desk.owner)

    response = at_the_desk(client, desk.teammate).post(
        change_url(candidate), candidate_page(candidate, owner=desk.teammate.pk)
    )

    assert_refused(response, CUSTODY_REFUSAL)
    candidate.refresh_from_db()
    assert candidate.owner == desk.owner


def test_a_recruiter_cannot_create_a_candidate_for_another_recruiter(client, desk):
    data = candidate_form(english_name="Ann", owner=desk.outsider.pk)

    response = at_the_desk(client, desk.owner).post(ADD_URL, data)

    assert_refused(response, "A recruiter may create candidates only for themselves or their own team.")
    assert not Candidate.objects.exists()


def test_an_admin_without_a_recruiter_profile_must_give_an_owner_or_a_team(admin_client):
    response = admin_client.post(ADD_URL, candidate_form(english_name="Ann"))

    assert_refused(response, "Give the candidate an owner or a responsible team.")
    assert not Candidate.objects.exists()


def test_a_recruiter_creates_a_candidate_for_their_own_team(client, desk):
    data = candidate_form(english_name="Ann", team=desk.owner.team_id)

    response = at_the_desk(client, desk.owner).post(ADD_URL, data)

    assert response.status_code == 302, errors_of(response)
    candidate = Candidate.objects.get()
    assert (candidate.owner, candidate.team) == (None, desk.owner.team)


def test_a_duplicate_contact_does_not_name_a_confidential_holder_the_user_is_not_cleared_for(client, desk):
    secret = CandidateFactory(
        owner=desk.owner, native_name="陈秘", english_name="Secret Chen", is_confidential=True, pseudonym="Falcon"
    )
    ContactChannel.objects.create(candidate=secret, kind="phone", value="+8613800138000")
    data = candidate_form(
        english_name="Ann", owner=desk.outsider.pk, contacts=[{"kind": "phone", "value": "138 0013 8000", "label": ""}]
    )

    response = at_the_desk(client, desk.outsider).post(ADD_URL, data)

    assert_refused(response, "Phone +8613800138000 is already taken by another candidate.")
    content = response.content.decode()
    assert "陈秘" not in content and "Secret Chen" not in content and f"#{secret.pk}" not in content
    assert Candidate.objects.count() == 1


def test_a_recruiter_outside_the_team_sees_a_candidate_read_only(client, desk):
    candidate = CandidateFactory(owner=desk.owner, english_name="Open Person")
    client = at_the_desk(client, desk.outsider)

    page = client.get(change_url(candidate))
    response = client.post(change_url(candidate), candidate_page(candidate, english_name="Renamed"))

    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert response.status_code == 403
    candidate.refresh_from_db()
    assert candidate.english_name == "Open Person"


def test_deleting_with_the_admin_action_is_refused_to_a_steward_who_is_not_a_custodian(client, desk):
    candidate = CandidateFactory(owner=desk.owner)
    client = at_the_desk(client, desk.teammate)

    response = client.post(LIST_URL, {"action": "delete_selected", "_selected_action": [candidate.pk], "post": "yes"})

    assert response.status_code == 403
    assert Candidate.objects.filter(pk=candidate.pk).exists()
    assert client.get(reverse("admin:talent_candidate_delete", args=[candidate.pk])).status_code == 403


def test_the_team_lead_deletes_a_candidate_with_its_notes_by_colleagues(client, desk):
    candidate = CandidateFactory(owner=desk.owner)
    OutreachNoteFactory(candidate=candidate, author=desk.teammate)
    client = at_the_desk(client, desk.lead)

    response = client.post(LIST_URL, {"action": "delete_selected", "_selected_action": [candidate.pk], "post": "yes"})

    assert response.status_code == 302
    assert not Candidate.objects.filter(pk=candidate.pk).exists()


def test_a_stint_is_changed_on_its_page_only_by_those_who_may_edit_the_candidate(client, desk, bytedance):
    stint = EmploymentFactory(candidate=CandidateFactory(owner=desk.owner), company=bytedance, title="Engineer")
    data = {key: value for key, value in stint_row(stint, title="Chief Scientist").items() if key != "id"}
    url = reverse("admin:talent_employment_change", args=[stint.pk])

    refused = at_the_desk(client, desk.outsider).post(url, data)
    accepted = at_the_desk(client, desk.teammate).post(url, data)

    assert refused.status_code == 403
    assert accepted.status_code == 302, errors_of(accepted)
    stint.refresh_from_db()
    assert stint.title == "Chief Scientist"


def test_a_stint_is_added_only_to_a_candidate_the_user_may_edit(client, desk, bytedance):
    candidate = CandidateFactory(owner=desk.owner)
    data = {
        key: value
        for key, value in stint_row(EmploymentFactory.build(candidate=candidate, company=bytedance)).items()
        if key != "id"
    }

    response = at_the_desk(client, desk.outsider).post(reverse("admin:talent_employment_add"), data)

    assert response.status_code == 200
    assert "Select a valid choice. That choice is not one of the available choices." in errors_of(response)
    assert not Employment.objects.exists()


def test_reference_data_is_read_only_for_recruiters(client, desk):
    client = at_the_desk(client, desk.owner)
    bytedance = Company.objects.get(name="ByteDance")

    assert client.get(reverse("admin:talent_company_change", args=[bytedance.pk])).status_code == 200
    assert client.post(reverse("admin:talent_company_add"), {"name": "Moonshot AI"}).status_code == 403
    assert client.post(reverse("admin:talent_company_change", args=[bytedance.pk]), {"name": "X"}).status_code == 403


# --- Searching the stint and window lists ----------------------------------------


@pytest.mark.parametrize("model", ["employment", "noncompete"])
def test_the_stint_and_window_lists_find_rows_by_the_candidates_name_within_clearance(
    client, admin_user, desk, bytedance, model
):
    own = CandidateFactory(native_name="欧阳明远", english_name="Mingyuan Ouyang", owner=desk.owner)
    hidden = CandidateFactory(
        native_name="司马青云",
        english_name="Qingyun Sima",
        is_confidential=True,
        pseudonym="Heron-7",
        owner=desk.outsider,
    )
    rows = {}
    for candidate in (own, hidden):
        stint = EmploymentFactory(candidate=candidate, company=bytedance, end_date=dt.date(2025, 12, 31))
        window = NonCompeteFactory(candidate=candidate, employer=bytedance, employment=stint)
        rows[candidate.pk] = stint if model == "employment" else window
    url = reverse(f"admin:talent_{model}_changelist")

    def found(term: str) -> set[int]:
        response = client.get(url, {"q": term})
        assert response.status_code == 200
        return {row.pk for row in response.context["cl"].result_list}

    at_the_desk(client, desk.teammate)
    assert found("明远") == found("ouyang mingyuan") == found("oymy") == {rows[own.pk].pk}
    # Not cleared for the confidential candidate: no name form finds its rows, the pseudonym neither.
    assert found("司马青云") == found("Qingyun Sima") == found("Heron-7") == set()
    client.force_login(admin_user)
    assert found("司马") == {rows[hidden.pk].pk}
