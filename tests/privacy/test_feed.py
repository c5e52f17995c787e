import pytest
from rest_framework.test import APIClient

from crm.privacy.erasure import erase_candidate
from tests.privacy.conftest import NOW, make_person
from tests.status.conftest import status_key

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_mirror_of_the_changes_feed_sees_the_erased_candidate_deleted(firm):
    candidate = make_person(firm)
    client = APIClient()
    client.force_authenticate(user=firm.admin, token=status_key(firm.admin))

    def poll(cursor=None) -> tuple[list[dict], str]:
        changes = []
        while True:
            response = client.get("/api/v1/status/changes/", {"cursor": cursor} if cursor else {})
            assert response.status_code == 200, response.content
            body = response.json()
            changes += body["changes"]
            cursor = body["next_cursor"]
            if not body["has_more"]:
                return changes, cursor

    changes, cursor = poll()
    assert {"id": candidate.pk, "change": "upsert"}.items() <= next(
        c for c in changes if c["id"] == candidate.pk
    ).items()
    erase_candidate(actor=firm.admin, candidate_id=candidate.pk, reason="request", now=NOW)
    changes, _ = poll(cursor)
    assert [c for c in changes if c["id"] == candidate.pk] == [
        {"id": candidate.pk, "change": "delete", "status": None, "merged_into": None}
    ]
