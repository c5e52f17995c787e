import pytest
from django.core.management import CommandError, call_command

from accounts.models import ApiToken
from accounts.models.tokens import hash_token
from tests.factories import RecruiterFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_command_prints_a_key_that_is_stored_only_hashed(capsys):
    recruiter = RecruiterFactory()
    call_command("create_api_token", recruiter.user.username, name="cli", scope="recruiter", days=30)
    raw = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(user=recruiter.user)
    assert token.key_hash == hash_token(raw)
    assert raw not in {token.key_hash, token.prefix}
    assert token.expires_at is not None


def test_command_refuses_an_unknown_user_cleanly():
    with pytest.raises(CommandError, match="No user named"):
        call_command("create_api_token", "nobody", name="cli")


def test_command_refuses_a_recruiter_scope_for_an_api_client():
    with pytest.raises(CommandError, match="Only recruiters"):
        call_command("create_api_token", UserFactory().username, name="sync", scope="recruiter")
    assert not ApiToken.objects.exists()
