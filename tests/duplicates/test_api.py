import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from talent import services
from talent.models import Candidate, DuplicatePair
from tests.conftest import endpoint_queries
from tests.factories import CandidateFactory
from tests.status.conftest import client_for

pytestmark = pytest.mark.django_db

DUPLICATES = "/api/v1/duplicates/"
MERGE = "/api/v1/duplicates/merge/"


def twins(actor, owner, email_a: str, email_b: str, **fields):
    a = services.candidate_create(
        actor=actor, owner=owner, english_name="Louis Yang", contacts=[{"kind": "email", "value": email_a}], **fields
    )
    b = services.candidate_create(
        actor=actor, owner=owner, english_name="L. Yang", contacts=[{"kind": "email", "value": email_b}]
    )
    return a, b


def test_the_list_shows_pairs_with_reasons_and_score(admin, desk):
    a, b = twins(admin, desk["lead"], "louis.yang@gmail.com", "louisyang@gmail.com")
    body = client_for(desk["member"].user).get(DUPLICATES).json()
    assert [(r["low"]["id"], r["high"]["id"], r["reasons"], r["score"]) for r in body["results"]] == [
        (a.pk, b.pk, ["email"], 95)
    ]
    assert body["results"][0]["low"]["display_name"] == "Louis Yang"


def test_a_pair_with_a_candidate_you_are_not_cleared_for_is_not_listed(admin, desk):
    twins(admin, desk["lead"], "louis.yang@gmail.com", "louisyang@gmail.com", is_confidential=True, pseudonym="Falcon")
    assert client_for(desk["outsider"].user).get(DUPLICATES).json()["results"] == []
    assert len(client_for(desk["member"].user).get(DUPLICATES).json()["results"]) == 1


def test_the_list_filters_by_reason_score_status_and_candidate(admin, desk):
    a, b = twins(admin, desk["lead"], "louis.yang@gmail.com", "louisyang@gmail.com")
    client = client_for(admin)
    assert len(client.get(DUPLICATES, {"reason": "email"}).json()["results"]) == 1
    assert client.get(DUPLICATES, {"reason": "phone"}).json()["results"] == []
    assert client.get(DUPLICATES, {"min_score": 96}).json()["results"] == []
    assert len(client.get(DUPLICATES, {"candidate": b.pk}).json()["results"]) == 1
    assert client.get(DUPLICATES, {"status": "dismissed"}).json()["results"] == []
    assert client.get(DUPLICATES, {"reason": "nonsense"}).status_code == 400


def test_the_list_costs_the_same_queries_for_one_pair_or_many(admin, desk):
    client = client_for(desk["lead"].user)
    twins(admin, desk["lead"], "a.b@gmail.com", "ab@gmail.com")
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(DUPLICATES).json()["results"]) == 1
    for n in range(5):
        twins(admin, desk["lead"], f"p.{n}.x@gmail.com", f"p{n}x@gmail.com")
    with CaptureQueriesContext(connection) as six:
        assert len(client.get(DUPLICATES).json()["results"]) == 6
    assert len(endpoint_queries(six)) == len(endpoint_queries(one))


def test_dismissing_needs_edit_rights_on_both(admin, desk):
    a, b = twins(admin, desk["lead"], "louis.yang@gmail.com", "louisyang@gmail.com")
    pair = DuplicatePair.objects.get()
    assert client_for(desk["outsider"].user).post(f"{DUPLICATES}{pair.pk}/dismiss/").status_code == 403
    response = client_for(desk["member"].user).post(f"{DUPLICATES}{pair.pk}/dismiss/")
    assert response.status_code == 200
    assert response.json()["status"] == "dismissed"
    assert client_for(desk["member"].user).get(DUPLICATES, {"status": "open"}).json()["results"] == []


def test_merging_through_the_api_and_the_old_id_redirects(admin, desk):
    a, b = twins(admin, desk["lead"], "louis.yang@gmail.com", "louisyang@gmail.com")
    client = client_for(desk["lead"].user)
    response = client.post(MERGE, {"survivor": a.pk, "merged": b.pk, "fields": {"english_name": "merged"}})
    assert response.status_code == 200, response.content
    assert response.json()["merged_id"] == b.pk and response.json()["survivor"] == a.pk
    assert Candidate.objects.get(pk=a.pk).english_name == "L. Yang"

    moved = client.get(f"/api/v1/candidates/{b.pk}/")
    assert moved.status_code == 301
    assert moved["Location"].endswith(f"/api/v1/candidates/{a.pk}/")
    assert moved.json()["error"] | {"location": None} == {
        "status": 301,
        "code": "merged",
        "message": f"Candidate #{b.pk} was merged into candidate #{a.pk}.",
        "merged_into": a.pk,
        "location": None,
    }
    assert client.get(moved["Location"]).status_code == 200
    status = client.get(f"/api/v1/status/{b.pk}/")
    assert status.status_code == 301
    assert status["Location"].endswith(f"/api/v1/status/{a.pk}/")
    assert client.get("/api/v1/candidates/999999/").status_code == 404


def test_a_merged_confidential_record_does_not_resolve_for_the_uncleared(admin, desk):
    a = CandidateFactory(owner=desk["lead"], english_name="Ming Lu")
    b = CandidateFactory(owner=desk["lead"], english_name="Ming Lu", is_confidential=True, pseudonym="Heron")
    assert client_for(admin).post(MERGE, {"survivor": a.pk, "merged": b.pk}).status_code == 200
    # The survivor kept b's confidentiality by default; make it public to test the tombstone rule alone.
    Candidate.objects.filter(pk=a.pk).update(is_confidential=False)
    outsider = client_for(desk["outsider"].user)
    assert outsider.get(f"/api/v1/candidates/{a.pk}/").status_code == 200
    for url in (f"/api/v1/candidates/{b.pk}/", f"/api/v1/status/{b.pk}/"):
        response = outsider.get(url)
        assert response.status_code == 404
        assert str(a.pk) not in response.content.decode()
    assert client_for(desk["member"].user).get(f"/api/v1/candidates/{b.pk}/").status_code == 301


def test_an_uncleared_recruiter_cannot_merge_or_learn_of_a_confidential_candidate(admin, desk):
    mine = CandidateFactory(owner=desk["outsider"], english_name="Ming Lu")
    hidden = CandidateFactory(owner=desk["lead"], english_name="Ming Lu", is_confidential=True, pseudonym="Heron")
    client = client_for(desk["outsider"].user)
    missing = client.post(MERGE, {"survivor": mine.pk, "merged": 999999})
    refused = client.post(MERGE, {"survivor": mine.pk, "merged": hidden.pk})
    assert refused.status_code == missing.status_code == 404
    assert refused.json() == missing.json()
    assert Candidate.objects.filter(pk=hidden.pk).exists()


def test_a_steward_who_is_not_a_custodian_gets_403(desk):
    a, b = CandidateFactory(owner=desk["lead"]), CandidateFactory(owner=desk["lead"])
    response = client_for(desk["member"].user).post(MERGE, {"survivor": a.pk, "merged": b.pk})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


@pytest.mark.parametrize(
    "body",
    [
        {"survivor": 1, "merged": 1},
        {"survivor": "x", "merged": 2},
        {"survivor": 1, "merged": 2, "fields": {"nonsense": "merged"}},
        {"survivor": 1, "merged": 2, "fields": {"city": "both"}},
        {"survivor": 1, "merged": 2**70},
    ],
)
def test_bad_merge_requests_are_400_with_field_messages(admin, body):
    response = client_for(admin).post(MERGE, body)
    assert response.status_code == 400
    assert response.json()["error"]["fields"]


def test_status_keys_and_api_clients_cannot_use_the_duplicates_api(db):
    from tests.factories import UserFactory

    assert client_for(UserFactory()).get(DUPLICATES).status_code == 403
