"""The API's answer for a merged-away id: a permanent redirect to the survivor, in the error shape."""

from django.http import Http404
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework.request import Request
from rest_framework.response import Response

from api.exceptions import error_body
from talent.duplicates.selectors import merged_into

MOVED = 301


def tombstone_redirect(user, request: Request, merged_id: int, location_of) -> Response:
    """301 to `location_of(survivor_id)` when `merged_id` resolves for `user`, else the usual 404.

    `user` is whose rights count (a `status:read` key reads as an API client
    whoever made it). The body keeps the project's shape (`error` with
    status, code, message) and adds `merged_into`, so a client that does not
    follow redirects still learns where the record went.
    """
    survivor_id = merged_into(user, merged_id)
    if survivor_id is None:
        raise Http404
    return _redirect(merged_id, survivor_id, request.build_absolute_uri(location_of(survivor_id)))


def _redirect(merged_id: int, survivor_id: int, location: str) -> Response:
    body = error_body(MOVED, "merged", f"Candidate #{merged_id} was merged into candidate #{survivor_id}.")
    body["error"] |= {"merged_into": survivor_id, "location": location}
    return Response(body, status=MOVED, headers={"Location": location})


MERGED_REDIRECT = OpenApiResponse(
    description="Merged into another candidate: `Location` and `error.merged_into` name the survivor.",
    examples=[
        OpenApiExample(
            "Merged",
            value={
                "error": {
                    "status": 301,
                    "code": "merged",
                    "message": "Candidate #17 was merged into candidate #42.",
                    "merged_into": 42,
                    "location": "https://talentbase.example/api/v1/candidates/42/",
                }
            },
        )
    ],
)
