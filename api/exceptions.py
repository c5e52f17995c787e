"""One error shape for every 4xx response.

    {"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"name": ["..."]}}}

`fields` appears only on 400 responses. Model validation errors raised by
services and database integrity errors (a constraint the service did not
pre-check, e.g. under a race) become 400s too, never 500s.
"""

import re

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler

NON_FIELD_KEY = "non_field_errors"
_CONSTRAINT_NAME = re.compile(r'constraint "([^"]+)"')
_CONSTRAINT_KEY = re.compile(r"Key \(([^)]+)\)")


class ErrorBodySerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status code.")
    code = serializers.CharField(help_text="Machine-readable: invalid, not_authenticated, permission_denied, ...")
    message = serializers.CharField(help_text="Human-readable summary.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Only on 400: messages per input field (`non_field_errors` for the whole input).",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [f"{key}: {message}" for key, value in detail.items() for message in _flatten(value)]
    if isinstance(detail, list):
        return [message for item in detail for message in _flatten(item)]
    return [str(detail)]


def _fields(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(key): _flatten(value) for key, value in detail.items()}
    return {NON_FIELD_KEY: _flatten(detail)}


def _from_django(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        detail = {(NON_FIELD_KEY if key == NON_FIELD_ERRORS else key): msgs for key, msgs in error.message_dict.items()}
    else:
        detail = {NON_FIELD_KEY: error.messages}
    return exceptions.ValidationError(detail)


def _from_integrity(error: IntegrityError) -> exceptions.ValidationError:
    """A constraint violation the service did not catch first, named as well as the database lets us."""
    text = str(error)
    key = _CONSTRAINT_KEY.search(text)
    field = key.group(1).split(",")[0].strip() if key else NON_FIELD_KEY
    constraint = _CONSTRAINT_NAME.search(text)
    message = f"Conflicts with the rule {constraint.group(1)}." if constraint else "Conflicts with existing data."
    return exceptions.ValidationError({field: [message]})


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = _from_django(exc)
    elif isinstance(exc, IntegrityError):
        exc = _from_integrity(exc)
    elif isinstance(exc, ProtectedError):
        exc = exceptions.ValidationError({NON_FIELD_KEY: ["Still referenced by other records; it cannot be deleted."]})
    response = exception_handler(exc, context)
    if response is None:
        return None
    body = {"status": response.status_code, "code": _code(exc), "message": _message(exc, response)}
    if response.status_code == 400:
        body["fields"] = _fields(response.data)
    response.data = {"error": body}
    return response


def _code(exc: Exception) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    return getattr(exc, "default_code", "error")


def _message(exc: Exception, response: Response) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "The input is not valid; see `fields`."
    detail = getattr(exc, "detail", None)
    if isinstance(detail, str):
        return str(detail)
    return str(getattr(exc, "default_detail", "Error."))


def api_page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 for URLs no view matched, in the API's error shape under /api/."""
    if request.path.startswith("/api/"):
        body = {"error": {"status": 404, "code": "not_found", "message": "No such URL."}}
        return JsonResponse(body, status=404)
    return page_not_found(request, exception)
