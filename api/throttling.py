"""Request rates per API key (or per user for a session, or per address), by key scope.

Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] and are read on each
request, so tests can change them with the `settings` fixture. Counters live in
the shared cache (accounts.ratelimit), so a rate holds across every worker and
node rather than per process.
"""

import time

from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from accounts.models import ApiToken
from accounts.ratelimit import Rate, hit
from accounts.signin import client_address


class KeyOrUserRateThrottle(BaseThrottle):
    """One bucket per API key when a key is used, else per user, else per client address.

    The rate is the one named after the key's scope (`recruiter`,
    `status:read`), `user` for a session and `anon` for anonymous calls.
    """

    def __init__(self) -> None:
        self.retry_after: int | None = None

    @staticmethod
    def scope_and_ident(request) -> tuple[str, str]:
        if isinstance(request.auth, ApiToken):
            return request.auth.scope, f"key:{request.auth.pk}"
        if request.user and request.user.is_authenticated:
            return "user", f"user:{request.user.pk}"
        return "anon", f"ip:{client_address(request)}"

    def allow_request(self, request, view) -> bool:
        scope, ident = self.scope_and_ident(request)
        rate = Rate.parse(api_settings.DEFAULT_THROTTLE_RATES[scope])
        verdict = hit(f"throttle:{ident}", rate, now=time.time())
        self.retry_after = None if verdict.allowed else verdict.retry_after
        return verdict.allowed

    def wait(self) -> float | None:
        return self.retry_after
