"""One error shape for every error response of the API, 4xx and 5xx alike.

    {"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"name": ["..."]}}}

`fields` appears on 400 responses only. Model validation errors raised by
services and database integrity errors (a constraint the service did not
pre-check, e.g. under a race) become 400s too, never 500s, and so do values
the database cannot hold or compare (a time zone offset past ±16 hours, a
number past bigint in a filter). Errors raised
outside DRF's views (no URL matched, a body too large, a server error) are
given the same shape by api.middleware.
"""

import functools
from http import HTTPStatus

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import F, ProtectedError
from django.http import Http404
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler

NON_FIELD_KEY = "non_field_errors"


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


# Codes for errors that do not come from a DRF exception, where HTTP's phrase would not match DRF's code.
_STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    411: "length_required",
    413: "request_too_large",
    429: "throttled",
    500: "server_error",
}
_STATUS_MESSAGES = {
    404: "No such URL.",
    500: "A server error occurred; it has been logged. Try again later.",
}


def error_body(status: int, code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    """The error shape; a 400 always names its fields (`non_field_errors` when it is about the whole request)."""
    body = {"status": status, "code": code, "message": message}
    if status == 400:
        body["fields"] = fields or {NON_FIELD_KEY: [message]}
    return {"error": body}


def error_body_for_status(status: int) -> dict:
    """The error shape for a bare status code, with nothing of the failed response in it."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    code = _STATUS_CODES.get(status, phrase.lower().replace(" ", "_").replace("-", "_"))
    return error_body(status, code, _STATUS_MESSAGES.get(status, f"{phrase}."))


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


@functools.cache
def _constraints_by_name() -> dict[str, tuple[str, str]]:
    """Every model constraint by name: the input field to blame and the message its model gives."""
    found = {}
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            fields = list(getattr(constraint, "fields", ()) or ())
            for expression in getattr(constraint, "expressions", ()) or ():
                fields += [ref.name for ref in _field_refs(expression)]
            # The last field of a composite key is the one a caller chose (the name, not the owner).
            field = fields[-1] if fields else NON_FIELD_KEY
            found[constraint.name] = (field, str(constraint.violation_error_message % {"name": constraint.name}))
    return found


def _field_refs(expression) -> list[F]:
    if isinstance(expression, F):
        return [expression]
    return [ref for source in expression.get_source_expressions() for ref in _field_refs(source)]


def _from_integrity(error: IntegrityError) -> exceptions.ValidationError:
    """A constraint violation the service did not catch first (a race), in the words of the model that declares it."""
    constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    field, message = _constraints_by_name().get(constraint, (NON_FIELD_KEY, "Conflicts with existing data."))
    return exceptions.ValidationError({field: [message]})


def _from_data_error(error: DataError) -> exceptions.ValidationError:
    """A value PostgreSQL refused to hold or compare; its message names the value, never a table."""
    reason = str(error).splitlines()[0] if str(error) else "a value is out of range"
    return exceptions.ValidationError({NON_FIELD_KEY: [f"The database cannot use a value given: {reason}."]})


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        # Services explain their refusals (talent.access); keep the explanation.
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, DjangoValidationError):
        exc = _from_django(exc)
    elif isinstance(exc, IntegrityError):
        exc = _from_integrity(exc)
    elif isinstance(exc, DataError):
        exc = _from_data_error(exc)
    elif isinstance(exc, ProtectedError):
        exc = exceptions.ValidationError({NON_FIELD_KEY: ["Still referenced by other records; it cannot be deleted."]})
    response = exception_handler(exc, context)
    if response is None:
        return None
    fields = _fields(response.data) if isinstance(exc, exceptions.ValidationError) else None
    response.data = error_body(response.status_code, _code(exc), _message(exc, response), fields)
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
