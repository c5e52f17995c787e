"""The admin shows times in the signed-in recruiter's own zone (the API keeps UTC)."""

from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.roles import recruiter_of


class RecruiterTimezoneMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        recruiter = None if request.path.startswith("/api/") else recruiter_of(request.user)
        if recruiter is not None:
            timezone.activate(ZoneInfo(recruiter.timezone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
