"""Failed sign-ins, counted per client address.

Guessing passwords (admin and API log-in forms) or API keys is throttled per
client address: after AUTH_FAILURE_RATE failures in its window, further
attempts from that address are refused until the window ends, right or wrong.
"""

import time

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.ratelimit import Rate, Verdict, exhausted, hit


class TooManyFailures(PermissionDenied):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too many failed sign-ins from your address; try again in {retry_after} seconds.")
        self.retry_after = retry_after


def client_address(request) -> str:
    """The caller's address: REMOTE_ADDR, or the address the trusted proxies in front of us saw."""
    meta = getattr(request, "META", {})
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and forwarded:
        return forwarded[-min(proxies, len(forwarded))]
    return meta.get("REMOTE_ADDR", "") or "unknown"


def _key(request) -> str:
    return f"signin-failures:{client_address(request)}"


def _rate() -> Rate:
    return Rate.parse(settings.AUTH_FAILURE_RATE)


def check_not_locked_out(request) -> None:
    """Raises TooManyFailures while the caller's address has used up its failures."""
    verdict: Verdict = exhausted(_key(request), _rate(), now=time.time())
    if not verdict.allowed:
        raise TooManyFailures(verdict.retry_after)


def record_failure(request) -> None:
    hit(_key(request), _rate(), now=time.time())


class ThrottledModelBackend(ModelBackend):
    """Django's username and password check, refused from an address that keeps failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None:
            check_not_locked_out(request)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and request is not None and username is not None:
            record_failure(request)
        return user


class SignInForm(AuthenticationForm):
    """The log-in form (admin and browsable API) that says plainly when an address is locked out."""

    def clean(self):
        try:
            check_not_locked_out(self.request)
        except TooManyFailures as error:
            raise ValidationError(str(error), code="too_many_failures") from None
        return super().clean()


class AdminSignInForm(SignInForm, AdminAuthenticationForm):
    pass
