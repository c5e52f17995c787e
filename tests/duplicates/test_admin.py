import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from talent.models import Candidate, CandidateMerge, DuplicatePair
from tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db


def pair_of(a, b) -> DuplicatePair:
    return DuplicatePair.objects.create(low_id=a.pk, high_id=b.pk, reasons=["english_name"], score=60)


def test_the_admin_lists_pairs_in_a_fixed_number_of_queries(client, admin):
    client.force_login(admin)
    pair_of(CandidateFactory(), CandidateFactory())
    with CaptureQueriesContext(connection) as one:
        assert client.get("/admin/talent/duplicatepair/").status_code == 200
    for _ in range(4):
        pair_of(CandidateFactory(), CandidateFactory())
    with CaptureQueriesContext(connection) as five:
        response = client.get("/admin/talent/duplicatepair/")
    assert response.content.decode().count("Compare and merge") == 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_the_side_by_side_merge_view_merges_with_the_values_chosen(client, admin, desk):
    client.force_login(admin)
    low = CandidateFactory(owner=desk["lead"], english_name="Louis Yang", city="Hangzhou")
    high = CandidateFactory(owner=desk["lead"], english_name="Luyu Yang", city="Shanghai")
    pair = pair_of(low, high)
    page = client.get(f"/admin/talent/duplicatepair/{pair.pk}/merge/")
    assert page.status_code == 200
    assert "Hangzhou" in page.content.decode() and "Shanghai" in page.content.decode()

    response = client.post(
        f"/admin/talent/duplicatepair/{pair.pk}/merge/",
        {"keep": "high", "english_name": "high", "city": "low", "owner": "low"},
    )
    assert response.status_code == 302, response.content
    survivor = Candidate.objects.get(pk=high.pk)
    assert (survivor.english_name, survivor.city) == ("Luyu Yang", "Hangzhou")
    assert CandidateMerge.objects.get().merged_id == low.pk
    assert set(survivor.aliases.values_list("name", flat=True)) == {"Louis Yang"}

    # The merged-away id opens the survivor, saying so.
    merged_page = client.get(f"/admin/talent/candidate/{low.pk}/change/", follow=True)
    assert merged_page.redirect_chain == [(f"/admin/talent/candidate/{high.pk}/change/", 302)]
    assert f"Candidate #{low.pk} was merged into this candidate" in merged_page.content.decode()


def test_a_merged_away_confidential_id_stays_unknown_in_the_admin_to_the_uncleared(client, admin, desk):
    survivor = CandidateFactory(owner=desk["lead"], english_name="Ming Lu")
    merged = CandidateFactory(owner=desk["lead"], english_name="Ming Lu", is_confidential=True, pseudonym="Heron")
    CandidateMerge.objects.create(
        survivor_id=survivor.pk,
        merged_id=merged.pk,
        merged_was_confidential=True,
        merged_by=admin,
        merged_at=timezone.now(),
    )
    merged.delete()
    desk["outsider"].user.is_staff = True
    desk["outsider"].user.save()
    client.force_login(desk["outsider"].user)
    response = client.get(f"/admin/talent/candidate/{merged.pk}/change/", follow=True)
    assert f"/{survivor.pk}/" not in str(response.redirect_chain)
    assert "merged" not in response.content.decode()


def test_a_recruiter_not_cleared_for_both_does_not_see_the_pair(client, desk):
    hidden = CandidateFactory(owner=desk["lead"], is_confidential=True, pseudonym="Heron")
    mine = CandidateFactory(owner=desk["outsider"])
    low, high = sorted([mine, hidden], key=lambda c: c.pk)
    pair = pair_of(low, high)
    desk["outsider"].user.is_staff = True
    desk["outsider"].user.save()
    client.force_login(desk["outsider"].user)
    assert client.get(f"/admin/talent/duplicatepair/{pair.pk}/merge/").status_code == 404
    assert "Heron" not in client.get("/admin/talent/duplicatepair/").content.decode()
