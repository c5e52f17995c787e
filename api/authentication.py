"""API-key authentication: `Authorization: Bearer <key>` (or `Token <key>`), and sessions.

Only the SHA-256 of a key is stored, so a lookup hashes what the client sent.
Both classes name the caller (and the key) in the history context that
talent.history's middleware opened for the request: DRF authenticates inside
the view, after every middleware has run.
"""

import pghistory
from django.contrib.auth import get_user_model
from django.db import router
from django.utils import timezone
from drf_spectacular.authentication import SessionScheme as SpectacularSessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from accounts.models import ApiToken
from accounts.models.tokens import hash_token
from accounts.services import token_touch
from accounts.signin import TooManyFailures, check_not_locked_out, record_failure
from api.statements import Statement

KEYWORDS = ("bearer", "token")


def name_caller(user, **key) -> None:
    """Adds who is calling to the open history context (ids, username and key name only; no-op without one)."""
    pghistory.context(user=user.pk, username=user.get_username(), **key)


class SignInLockedOut(exceptions.Throttled):
    default_detail = "Too many failed sign-ins from your address."
    extra_detail_singular = "Try again in {wait} second."
    extra_detail_plural = "Try again in {wait} seconds."


def _attnames(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


_TOKEN_FIELDS, _USER_FIELDS = _attnames(ApiToken), _attnames(get_user_model())
# Every request with a key reads it with its user: the statement is compiled once (api.statements).
_KEY_WITH_USER = Statement(
    lambda key_hash: ApiToken.objects.filter(key_hash=key_hash).values(
        *_TOKEN_FIELDS, *(f"user__{name}" for name in _USER_FIELDS)
    )
)


def token_with_user(key_hash: str) -> ApiToken | None:
    """The key with this hash and its user (as `select_related("user")` would read them), or None."""
    db = router.db_for_read(ApiToken)
    rows = _KEY_WITH_USER.rows(db, key_hash=key_hash)
    if not rows:
        return None
    row = rows[0]
    token = ApiToken.from_db(db, _TOKEN_FIELDS, [row[name] for name in _TOKEN_FIELDS])
    token.user = get_user_model().from_db(db, _USER_FIELDS, [row[f"user__{name}"] for name in _USER_FIELDS])
    return token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Authenticates a request by API key; `request.auth` is then the ApiToken."""

    def authenticate(self, request: Request) -> tuple | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the key as 'Authorization: Bearer <key>'.")
        try:
            check_not_locked_out(request)
        except TooManyFailures as error:
            raise SignInLockedOut(wait=error.retry_after) from None
        try:
            return self.authenticate_key(header[1].decode())
        except UnicodeDecodeError:
            record_failure(request)
            raise exceptions.AuthenticationFailed("Invalid API key.") from None
        except exceptions.AuthenticationFailed:
            # Guessing keys counts against the caller's address like guessing passwords.
            record_failure(request)
            raise

    def authenticate_key(self, raw: str) -> tuple:
        token = token_with_user(hash_token(raw))
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid API key.")
        now = timezone.now()
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("This API key has been revoked.")
        if token.expires_at is not None and token.expires_at <= now:
            raise exceptions.AuthenticationFailed("This API key has expired.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("The user of this API key is inactive.")
        token_touch(token=token, now=now)
        name_caller(token.user, api_key=token.pk, api_key_name=token.name)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication (CSRF-checked), naming the signed-in user in the history context."""

    def authenticate(self, request: Request) -> tuple | None:
        result = super().authenticate(request)
        if result is not None:
            name_caller(result[0])
        return result


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "apiKey"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "An API key created at POST /api/v1/tokens/ or in the admin, sent as `Authorization: Bearer <key>` "
                "(`Token <key>` is accepted too). Scope `recruiter` acts with the user's own rights; scope "
                "`status:read` may only read the status endpoints."
            ),
        }


class SessionScheme(SpectacularSessionScheme):
    """The session cookie, documented as for DRF's own class."""

    target_class = SessionAuthentication
