"""Every write names who made it and through which path: API (user, key), admin, merge, command."""

import json

import pytest
from django.apps import apps
from django.core.management import call_command
from pghistory.models import Context

from talent.duplicates.merging import candidate_merge
from tests.factories import CandidateFactory, OutreachNoteFactory
from tests.history.conftest import NOW, api, context_of

pytestmark = pytest.mark.django_db

# What a context may hold: ids, paths, usernames, key names and labels, never a person's data.
ALLOWED_KEYS = {"via", "action", "user", "username", "api_key", "api_key_name", "path", "method", "command"}
ALLOWED_KEYS |= {"survivor", "merged"}


def last_event(instance):
    return instance.events.order_by("pgh_id").last()


def test_an_api_write_with_a_key_names_the_user_the_key_and_the_path(firm, public):
    response = firm.api("rec").patch(f"/api/v1/candidates/{public.pk}/", {"city": "Hangzhou"})
    assert response.status_code == 200
    event = last_event(public)
    assert event.pgh_label == "update" and event.city == "Hangzhou"
    assert context_of(event) == {
        "via": "api",
        "path": f"/api/v1/candidates/{public.pk}/",
        "method": "PATCH",
        "user": firm.recruiter.user.pk,
        "username": "rec",
        "api_key": firm.key_ids["rec"],
        "api_key_name": "rec sync",
    }


def test_an_api_write_in_a_session_names_the_signed_in_user(firm, public):
    client = api()
    client.force_login(firm.recruiter.user)
    assert client.patch(f"/api/v1/candidates/{public.pk}/", {"city": "Hangzhou"}).status_code == 200
    context = context_of(last_event(public))
    assert context["via"] == "api"
    assert (context["user"], context["username"]) == (firm.recruiter.user.pk, "rec")
    assert "api_key" not in context


def test_a_refused_api_write_records_nothing(firm, public):
    before = public.events.count()
    response = firm.api("outsider").patch(f"/api/v1/candidates/{public.pk}/", {"city": "Hangzhou"})
    assert response.status_code == 403
    assert public.events.count() == before


def test_an_admin_write_names_the_admin_user(client, firm, public):
    note = OutreachNoteFactory(candidate=public, author=firm.recruiter)
    client.force_login(firm.admin)
    response = client.post(f"/admin/crm/outreachnote/{note.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    event = apps.get_model("crm", "OutreachNoteEvent").objects.get(pgh_obj_id=note.pk, pgh_label="delete")
    context = context_of(event)
    assert context["via"] == "admin"
    assert (context["user"], context["username"]) == (firm.admin.pk, "boss")
    assert context["path"] == f"/admin/crm/outreachnote/{note.pk}/delete/"


def test_a_merge_through_the_api_keeps_the_api_path_and_records_the_merge(firm):
    survivor = CandidateFactory(owner=firm.lead, english_name="Ming Lu")
    merged = CandidateFactory(owner=firm.lead, english_name="Ming Lu")
    merged.contacts.create(kind="email", value="ming@example.com")
    response = firm.api("admin").post("/api/v1/duplicates/merge/", {"survivor": survivor.pk, "merged": merged.pk})
    assert response.status_code == 200
    for event in (last_event(survivor), last_event_of_deleted(merged)):
        context = context_of(event)
        assert context["via"] == "api"
        assert context["action"] == "merge"
        assert (context["survivor"], context["merged"]) == (survivor.pk, merged.pk)
        assert context["username"] == "boss" and context["api_key_name"] == "admin sync"
    moved = apps.get_model("talent", "ContactChannelEvent").objects.filter(pgh_label="update").get()
    assert context_of(moved)["action"] == "merge"
    assert (moved.pgh_context_id, moved.candidate_id) == (last_event(survivor).pgh_context_id, survivor.pk)


def last_event_of_deleted(candidate):
    return apps.get_model("talent", "CandidateEvent").objects.filter(pgh_obj_id=candidate.pk).order_by("pgh_id").last()


def test_a_merge_called_directly_is_recorded_as_a_merge_by_its_actor(firm):
    survivor = CandidateFactory(owner=firm.lead)
    merged = CandidateFactory(owner=firm.lead)
    candidate_merge(actor=firm.admin, survivor_id=survivor.pk, merged_id=merged.pk, now=NOW)
    deleted = last_event_of_deleted(merged)
    assert deleted.pgh_label == "delete"
    context = context_of(deleted)
    assert context["via"] == "merge" and "action" not in context
    assert (context["user"], context["survivor"], context["merged"]) == (firm.admin.pk, survivor.pk, merged.pk)


def test_seed_demo_records_its_writes_as_a_command():
    call_command("seed_demo", candidates=3, seed=1, today="2026-11-24", verbosity=0)
    events = apps.get_model("talent", "CandidateEvent").objects.all()
    assert events.count() >= 3
    contexts = {event.pgh_context_id for event in events}
    assert None not in contexts
    for context in Context.objects.filter(pk__in=contexts):
        assert context.metadata == {"via": "command", "command": "seed_demo"}


def test_contexts_hold_ids_paths_and_labels_but_no_persons_data(firm, public):
    firm.api("rec").patch(f"/api/v1/candidates/{public.pk}/", {"city": "Hangzhou", "native_name": "王芳芳"})
    survivor, merged = CandidateFactory(owner=firm.lead), CandidateFactory(owner=firm.lead, english_name="Secret Li")
    firm.api("admin").post("/api/v1/duplicates/merge/", {"survivor": survivor.pk, "merged": merged.pk})
    contexts = list(Context.objects.values_list("metadata", flat=True))
    assert contexts
    for metadata in contexts:
        assert set(metadata) <= ALLOWED_KEYS
        text = json.dumps(metadata, ensure_ascii=False)
        for personal in ("王芳", "Fang Wang", "Hangzhou", "Secret Li"):
            assert personal not in text
