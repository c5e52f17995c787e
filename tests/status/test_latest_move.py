import pytest

from tests.status.conftest import client_for, status_key
from tests.talent.moves.careers import career

pytestmark = pytest.mark.django_db


def moved(candidate=None, **fields):
    stints = career(
        candidate,
        ("Zero One Everything", "2023-03-01", "2024-09-30"),
        ("ByteDance Seed", "2024-10-14", None),
        **fields,
    )
    return stints[0].candidate


def test_the_status_names_the_latest_move(outsider):
    candidate = moved(owner=outsider)
    status = client_for(outsider.user).get(f"/api/v1/status/{candidate.pk}/").json()
    assert status["latest_move"]["summary"] == "left Zero One Everything, joined ByteDance Seed, 2024-10"
    assert status["latest_move"]["from"]["name"] == "Zero One Everything"
    assert status["latest_move"]["moved_on"] == "2024-10-14"


def test_a_confidential_candidates_move_is_for_recruiters_by_pseudonym_not_api_clients(owner, outsider, api_user):
    candidate = moved(owner=owner, is_confidential=True, pseudonym="Falcon")
    status = client_for(outsider.user).get(f"/api/v1/status/{candidate.pk}/").json()
    assert status["name"] == "Falcon" and status["latest_move"]["to"]["name"] == "ByteDance Seed"
    for client in (client_for(api_user), client_for(owner.user, token=status_key(owner.user))):
        status = client.get(f"/api/v1/status/{candidate.pk}/").json()
        assert status["latest_move"] is None


def test_no_move_yet_is_null(outsider):
    candidate = career(None, ("MiniMax", "2023-03-01", None), owner=outsider)[0].candidate
    assert client_for(outsider.user).get(f"/api/v1/status/{candidate.pk}/").json()["latest_move"] is None
