"""Request rates per API key (or per user for a session), by key scope.

Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] and are read on each
request, so tests can change them with the `settings` fixture.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from crm.models import ApiToken


class KeyOrUserRateThrottle(SimpleRateThrottle):
    """One bucket per API key when a key is used, else per user, else per client IP.

    The rate is the one named after the key's scope (`recruiter`,
    `status:read`), `user` for a session and `anon` for anonymous calls.
    """

    def __init__(self) -> None:
        # The rate depends on the request; it is chosen in allow_request.
        pass

    def scope_for(self, request) -> str:
        if isinstance(request.auth, ApiToken):
            return request.auth.scope
        if request.user and request.user.is_authenticated:
            return "user"
        return "anon"

    def allow_request(self, request, view) -> bool:
        self.scope = self.scope_for(request)
        self.rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        if isinstance(request.auth, ApiToken):
            ident = f"key:{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user:{request.user.pk}"
        else:
            ident = f"ip:{self.get_ident(request)}"
        return f"throttle:{ident}"
