import pytest
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.models.tokens import hash_token
from tests.factories import RecruiterFactory, TeamFactory, UserFactory


@pytest.fixture
def owner(db):
    return RecruiterFactory(team=TeamFactory(name="Shanghai desk"))


@pytest.fixture
def teammate(owner):
    return RecruiterFactory(team=owner.team)


@pytest.fixture
def outsider(db):
    """A recruiter of another team: not cleared for the owner's confidential candidates."""
    return RecruiterFactory(team=TeamFactory(name="Beijing desk"))


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def api_user(db):
    """A user without a recruiter profile: an API client."""
    return UserFactory(username="hr-sync")


def status_key(user) -> ApiToken:
    return ApiToken.objects.create(
        user=user, name="status", prefix="tb_status", key_hash=hash_token(f"key-of-{user.pk}"), scope="status:read"
    )


def client_for(user, *, token: ApiToken | None = None) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=user, token=token)
    return client


@pytest.fixture
def client_of():
    return client_for
