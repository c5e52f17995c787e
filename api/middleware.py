"""The edge of the API: every request under /api/ is bounded and all or nothing, every error is JSON.

- A body larger than DATA_UPLOAD_MAX_MEMORY_SIZE is refused with 413 before
  anything reads it: DRF reads the request stream itself, past Django's own
  check, which only guards `request.body` and form parsing. A body without a
  Content-Length (chunked) is refused with 411, so that every body is bounded
  before it is read.
- The whole request, the rendering of its response included, is one
  transaction, rolled back when the answer is a server error. ATOMIC_REQUESTS
  wraps only the view, and a DRF response is rendered after the view returns,
  so a failure there would otherwise keep the write. Like ATOMIC_REQUESTS,
  whose reach this extends, it is off when that setting is, and for a view
  marked `transaction.non_atomic_requests`. A read (GET, HEAD, OPTIONS) has
  no write for its rendering to undo and keeps ATOMIC_REQUESTS' transaction
  around its view: wrapping it again cost two round trips (a savepoint and its
  release) and a URL resolution on every status read (bench/README.md). The
  status reads opt out of that one too (api.viewsets.ReadsWithoutTransaction).
- An error response that is not JSON (no URL matched, a server error, a
  refusal by Django's own middleware, DRF's browsable error pages) is given
  the API's error shape (api.exceptions). A server error says nothing of its
  cause; Django has already logged the exception with its traceback
  (django.request) when it turned it into a 500.
"""

from collections.abc import Callable

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve

from api.exceptions import error_body, error_body_for_status

API_PREFIX = "/api/"
# The import upload (crm.imports) takes a file up to IMPORT_MAX_FILE_BYTES, with room for the multipart form.
UPLOAD_PATH = "/api/v1/imports/"
UPLOAD_FORM_OVERHEAD = 64 * 1024
# Headers of a refused or failed response that still hold for its JSON replacement.
_KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "Vary")
READS = ("GET", "HEAD", "OPTIONS")


class ApiBoundaryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        refusal = body_refusal(request)
        if refusal is not None:
            return refusal
        if request.method in READS or not wants_one_transaction(request):
            return as_error_shape(self.get_response(request))
        with transaction.atomic(using=DEFAULT_DB_ALIAS):
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
        return as_error_shape(response)


def wants_one_transaction(request: HttpRequest) -> bool:
    """Whether ATOMIC_REQUESTS would wrap this request's view (it is on, and the view has not opted out)."""
    if not connections[DEFAULT_DB_ALIAS].settings_dict.get("ATOMIC_REQUESTS"):
        return False
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return False  # nothing will be written
    return DEFAULT_DB_ALIAS not in getattr(view, "_non_atomic_requests", set())


def body_refusal(request: HttpRequest) -> HttpResponse | None:
    """413 for a declared length over the limit, 411 for a body of unknown length; None to go on."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if request.path_info == UPLOAD_PATH and request.method == "POST":
        limit = settings.IMPORT_MAX_FILE_BYTES + UPLOAD_FORM_OVERHEAD
    declared = request.META.get("CONTENT_LENGTH") or ""
    if not declared:
        if "HTTP_TRANSFER_ENCODING" in request.META:
            message = "Send the body with a Content-Length header; chunked bodies are not accepted."
            return JsonResponse(error_body(411, "length_required", message), status=411)
        return None
    try:
        length = int(declared)
    except ValueError:
        return JsonResponse(error_body(400, "bad_request", "The Content-Length header is not a number."), status=400)
    if limit is not None and length > limit:
        message = f"The request body is larger than {limit} bytes."
        return JsonResponse(error_body(413, "request_too_large", message), status=413)
    return None


def as_error_shape(response: HttpResponse) -> HttpResponse:
    """An error response that is not JSON, replaced by the error shape; any other response as it is."""
    if response.status_code < 400 or _is_json(response):
        return response
    data = getattr(response, "data", None)
    if response.status_code < 500 and isinstance(data, dict) and "error" in data:
        body = data  # A DRF error rendered for a browser: its body is already the error shape.
    else:
        body = error_body_for_status(response.status_code)
    replacement = JsonResponse(body, status=response.status_code)
    for header in _KEPT_HEADERS:
        if response.has_header(header):
            replacement[header] = response[header]
    replacement.cookies = response.cookies
    return replacement


def _is_json(response: HttpResponse) -> bool:
    media_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")
