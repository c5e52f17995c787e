"""The notes admin writes through crm.services and follows the API's rules on who may write what."""

import pytest
from django.urls import reverse

from crm import services
from crm.models import OutreachNote
from tests.crm.test_admin import candidate_page, inline_note, note_form
from tests.factories import CandidateFactory, OutreachNoteFactory, RecruiterFactory, TeamFactory
from tests.talent.test_admin import errors_of
from tests.talent.test_admin_services import at_the_desk

pytestmark = pytest.mark.django_db

ADD_NOTE_URL = reverse("admin:crm_outreachnote_add")
NOT_YOUR_NOTE = "Only the author of a note or an admin may change it."


def note_url(note: OutreachNote) -> str:
    return reverse("admin:crm_outreachnote_change", args=[note.pk])


def note_page(note: OutreachNote, **changes) -> dict:
    return {
        "happened_at_0": note.happened_at.date().isoformat(),
        "happened_at_1": note.happened_at.time().isoformat(),
        "channel": note.channel,
        "direction": note.direction,
        "summary": note.summary,
        "interest": note.interest,
        "declined_reason": note.declined_reason,
        "follow_up_on": "",
        **changes,
    }


@pytest.fixture
def team():
    """A recruiter, their teammate and the candidate the recruiter owns."""
    me = RecruiterFactory(team=TeamFactory())
    colleague = RecruiterFactory(team=me.team)
    return me, colleague, CandidateFactory(owner=me)


def test_notes_are_logged_through_the_service(admin_client, admin_user, monkeypatch):
    me = RecruiterFactory(user=admin_user)
    logged = []
    outreach_note_log = services.outreach_note_log

    def spy(**arguments):
        logged.append(arguments["author"])
        return outreach_note_log(**arguments)

    monkeypatch.setattr("crm.services.outreach_note_log", spy)

    response = admin_client.post(ADD_NOTE_URL, note_form(CandidateFactory(), me))

    assert response.status_code == 302, errors_of(response)
    assert logged == [me]
    assert OutreachNote.objects.get().author == me


def test_a_recruiter_logs_notes_only_as_themselves(client, team):
    me, colleague, candidate = team

    refused = at_the_desk(client, me).post(ADD_NOTE_URL, note_form(candidate, colleague))
    accepted = client.post(ADD_NOTE_URL, note_form(candidate, me))

    assert refused.status_code == 200
    assert "Select a valid choice. That choice is not one of the available choices." in errors_of(refused)
    assert accepted.status_code == 302, errors_of(accepted)
    assert OutreachNote.objects.get().author == me


def test_a_recruiter_cannot_log_a_note_on_a_confidential_candidate_they_are_not_cleared_for(client):
    outsider = RecruiterFactory()
    secret = CandidateFactory(is_confidential=True, pseudonym="Falcon")

    response = at_the_desk(client, outsider).post(ADD_NOTE_URL, note_form(secret, outsider))

    assert response.status_code == 200
    assert "Select a valid choice. That choice is not one of the available choices." in errors_of(response)
    assert not OutreachNote.objects.exists()


def test_a_note_is_changed_on_its_page_only_by_its_author(client, team):
    me, colleague, candidate = team
    note = OutreachNoteFactory(candidate=candidate, author=colleague, summary="Coffee chat.")

    refused = at_the_desk(client, me).post(note_url(note), note_page(note, summary="Rewritten by me"))
    accepted = at_the_desk(client, colleague).post(note_url(note), note_page(note, summary="Follow-up in May"))

    assert refused.status_code == 403
    assert accepted.status_code == 302, errors_of(accepted)
    note.refresh_from_db()
    assert note.summary == "Follow-up in May"


def test_deleting_a_colleagues_note_with_the_admin_action_is_refused(client, team):
    me, colleague, candidate = team
    note = OutreachNoteFactory(candidate=candidate, author=colleague)

    response = at_the_desk(client, me).post(
        reverse("admin:crm_outreachnote_changelist"),
        {"action": "delete_selected", "_selected_action": [note.pk], "post": "yes"},
    )

    assert response.status_code == 403
    assert OutreachNote.objects.filter(pk=note.pk).exists()


def test_a_colleagues_note_cannot_be_edited_on_the_candidate_page(client, team):
    me, colleague, candidate = team
    note = OutreachNoteFactory(candidate=candidate, author=colleague, summary="Coffee chat.")
    row = {**inline_note(), "id": note.pk, "candidate": candidate.pk, "summary": "Rewritten by me"}

    response = at_the_desk(client, me).post(
        reverse("admin:talent_candidate_change", args=[candidate.pk]), candidate_page(candidate, outreach_notes=[row])
    )

    assert response.status_code == 200
    assert NOT_YOUR_NOTE in errors_of(response)
    note.refresh_from_db()
    assert note.summary == "Coffee chat."


def test_a_colleagues_note_cannot_be_deleted_on_the_candidate_page(client, team):
    me, colleague, candidate = team
    note = OutreachNoteFactory(candidate=candidate, author=colleague)
    row = {**inline_note(summary=note.summary), "id": note.pk, "candidate": candidate.pk, "DELETE": "on"}

    response = at_the_desk(client, me).post(
        reverse("admin:talent_candidate_change", args=[candidate.pk]), candidate_page(candidate, outreach_notes=[row])
    )

    assert response.status_code == 200
    assert NOT_YOUR_NOTE in errors_of(response)
    assert OutreachNote.objects.filter(pk=note.pk).exists()


def test_own_note_is_changed_on_the_candidate_page_through_the_service(client, team, monkeypatch):
    me, _, candidate = team
    note = OutreachNoteFactory(candidate=candidate, author=me, summary="Coffee chat.")
    updated = []
    outreach_note_update = services.outreach_note_update

    def spy(**arguments):
        updated.append(arguments["note"].pk)
        return outreach_note_update(**arguments)

    monkeypatch.setattr("crm.services.outreach_note_update", spy)
    row = {**inline_note(), "id": note.pk, "candidate": candidate.pk, "summary": "Follow-up in May"}

    response = at_the_desk(client, me).post(
        reverse("admin:talent_candidate_change", args=[candidate.pk]), candidate_page(candidate, outreach_notes=[row])
    )

    assert response.status_code == 302, errors_of(response)
    assert updated == [note.pk]
    note.refresh_from_db()
    assert note.summary == "Follow-up in May"
