"""Before and after: every write, bulk ones included, is an entry with its changed fields."""

import pytest

from crm.history import history_entry, history_of_candidate
from talent.history import recorded
from talent.models import Candidate, ContactChannel
from tests.factories import CandidateFactory, EmploymentFactory

pytestmark = pytest.mark.django_db


def entries(user, candidate) -> list[dict]:
    return [history_entry(event) for event in history_of_candidate(user=user, candidate_id=candidate.pk)]


def test_an_api_update_shows_the_field_before_and_after_and_who(firm, public):
    firm.api("rec").patch(f"/api/v1/candidates/{public.pk}/", {"city": "Hangzhou"})
    newest = entries(firm.admin, public)[0]
    assert newest["kind"] == "candidate" and newest["label"] == "updated" and newest["object_id"] == public.pk
    assert newest["changes"] == {"city": ["Beijing", "Hangzhou"]}
    assert (newest["via"], newest["user"], newest["api_key"], newest["action"]) == ("api", "rec", "rec sync", None)


def test_a_created_row_shows_its_values_and_a_deleted_one_what_it_held(firm, public):
    contact = public.contacts.create(kind="email", value="fang@example.com")
    contact_id = contact.pk
    contact.delete()
    deleted, created = [entry for entry in entries(firm.admin, public) if entry["kind"] == "contact"]
    assert (created["kind"], created["label"], deleted["label"]) == ("contact", "created", "deleted")
    assert created["changes"]["value"] == [None, "fang@example.com"]
    assert deleted["changes"]["value"] == ["fang@example.com", None]
    assert created["object_id"] == deleted["object_id"] == contact_id


def test_a_bulk_update_is_recorded_per_row_with_before_after_and_context(firm):
    first = CandidateFactory(owner=firm.recruiter, city="Beijing")
    second = CandidateFactory(owner=firm.recruiter, city="Shanghai")
    with recorded("command", command="relocate"):
        assert Candidate.objects.filter(pk__in=[first.pk, second.pk]).update(city="Shenzhen") == 2
    for candidate, before in ((first, "Beijing"), (second, "Shanghai")):
        newest = entries(firm.admin, candidate)[0]
        assert newest["changes"] == {"city": [before, "Shenzhen"]}
        assert (newest["via"], newest["label"]) == ("command", "updated")


def test_a_bulk_create_of_contacts_is_recorded_with_its_values_and_context(firm, public):
    with recorded("import", user=firm.lead.user):
        ContactChannel.objects.bulk_create(
            [
                ContactChannel(candidate=public, kind="email", value="a@example.com"),
                ContactChannel(candidate=public, kind="phone", value="+8613800000000"),
            ]
        )
    created = [entry for entry in entries(firm.admin, public) if entry["kind"] == "contact"]
    assert sorted(entry["changes"]["value"][1] for entry in created) == ["+8613800000000", "a@example.com"]
    assert {(entry["label"], entry["via"], entry["user"]) for entry in created} == {("created", "import", "lead")}


def test_a_write_outside_any_context_is_still_recorded_without_a_path(firm, public):
    Candidate.objects.filter(pk=public.pk).update(city="Xi'an")
    newest = entries(firm.admin, public)[0]
    assert newest["changes"] == {"city": ["Beijing", "Xi'an"]}
    assert (newest["via"], newest["user"]) == (None, None)


def test_the_rows_of_a_candidate_are_in_its_history_and_another_candidates_are_not(firm, public):
    other = CandidateFactory(owner=firm.recruiter)
    stint = EmploymentFactory(candidate=public)
    EmploymentFactory(candidate=other)
    public.aliases.create(name="Fangfang")
    kinds = {(entry["kind"], entry["object_id"]) for entry in entries(firm.admin, public)}
    assert ("stint", stint.pk) in kinds and ("candidate", public.pk) in kinds
    assert {kind for kind, _ in kinds} >= {"candidate", "stint", "alias"}
    assert ("candidate", other.pk) not in kinds
    assert all(object_id != other.pk for kind, object_id in kinds if kind == "candidate")
