"""The History button of a candidate in the admin: the recorded changes, for those cleared for the candidate."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import OutreachNoteFactory

pytestmark = pytest.mark.django_db


def may_view_candidates(user) -> None:
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_candidate", "change_candidate"]))


def history_page(candidate) -> str:
    return f"/admin/talent/candidate/{candidate.pk}/history/"


def test_the_history_page_shows_who_when_via_and_the_values_before_and_after(client, firm, public):
    firm.api("rec").patch(f"/api/v1/candidates/{public.pk}/", {"city": "Hangzhou"})
    client.force_login(firm.admin)
    response = client.get(history_page(public))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>city</strong>: Beijing → Hangzhou" in page
    assert "rec (key “rec sync”)" in page
    assert f"candidate #{public.pk} updated" in page


def test_a_cleared_staff_member_sees_the_page_without_others_confidential_notes(client, firm, public):
    secret = OutreachNoteFactory(candidate=public, author=firm.outsider, is_confidential=True, summary="secret")
    shared = OutreachNoteFactory(candidate=public, author=firm.outsider, summary="shared")
    may_view_candidates(firm.recruiter.user)
    client.force_login(firm.recruiter.user)
    response = client.get(history_page(public))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"note #{shared.pk} created" in page
    assert f"note #{secret.pk} created" not in page


def test_an_uncleared_staff_member_is_refused_without_the_name(client, firm, hidden):
    may_view_candidates(firm.outsider.user)
    client.force_login(firm.outsider.user)
    response = client.get(history_page(hidden), follow=True)
    assert response.redirect_chain and response.redirect_chain[-1][0] == "/admin/"
    page = response.content.decode()
    for name in ("李娜", "Na Li"):
        assert name not in page
    assert "History:" not in page
