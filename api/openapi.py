"""OpenAPI generation: every operation documents its error responses, and every field the values it can hold."""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import serializers

from api.exceptions import ErrorSerializer

ERROR_DESCRIPTIONS = {
    "400": "Invalid input (body, query parameters, or a rule of the data); `error.fields` holds messages per field.",
    "401": "No credentials, or an unknown, expired or revoked API key.",
    "403": "Authenticated but not allowed (role, or the key's scope).",
    "404": "No such object or URL, not visible to the caller, or a page cursor that is not valid.",
    "411": "A body sent without a Content-Length header (chunked); send its length.",
    "413": "The body is larger than the server's limit (DJANGO_MAX_BODY_BYTES, 1 MiB by default).",
    "429": "Too many requests for this key or user; retry after `Retry-After` seconds.",
    "500": "A server error; the body says nothing of its cause, which is logged. Nothing was changed.",
}
# Every operation can answer these; operations that take a body can also refuse it.
COMMON_ERROR_CODES = ("400", "401", "403", "404", "429", "500")
BODY_ERROR_CODES = ("411", "413")

ERROR_EXAMPLE = OpenApiExample(
    "Invalid input",
    value={
        "error": {
            "status": 400,
            "code": "invalid",
            "message": "The input is not valid; see `fields`.",
            "fields": {"summary": ["This field may not be blank."]},
        }
    },
    response_only=True,
    status_codes=["400"],
)


def _model_field_allows_blank(field: serializers.Field) -> bool:
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not isinstance(field.source, str) or "." in field.source:
        return False
    try:
        return model._meta.get_field(field.source).blank
    except FieldDoesNotExist:
        return False


class TalentbaseAutoSchema(AutoSchema):
    """Adds the error responses, in the shared error shape, and 304 for conditional GETs, to each operation."""

    def _map_serializer_field(self, field, direction, bypass_extensions=False) -> dict:
        # DRF drops `allow_blank` from read-only model fields, yet renders their "" as it is: a blank
        # choice or URL must still be documented as one, or the schema would promise a value we do not send.
        blankable = isinstance(field, serializers.CharField | serializers.ChoiceField)
        if blankable and field.read_only and not field.allow_blank and _model_field_allows_blank(field):
            field.allow_blank = True  # on the schema generator's own serializer instance, not one that serves requests
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def _error_codes(self) -> list[str]:
        body = BODY_ERROR_CODES if self.method in ("POST", "PUT", "PATCH") else ()
        return sorted((*COMMON_ERROR_CODES, *body))

    def _get_response_bodies(self, direction="response") -> dict:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            if code not in responses:
                examples = [ERROR_EXAMPLE] if code == "400" else []
                response = OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code], examples=examples)
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        if self.method == "GET" and "{" in self.path and "304" not in responses:
            responses["304"] = {"description": "Not modified (If-None-Match or If-Modified-Since matched)."}
        return responses


READER_SHAPE_SUFFIX = "AsRead"


def reader_shapes_any_of(result: dict, generator, request, public) -> dict:
    """A resource read in several shapes, one per kind of reader (a client key's is a subset of a recruiter's),
    is documented as `anyOf` those shapes: a payload may fit more than one, which `oneOf` would refuse."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith(READER_SHAPE_SUFFIX) and "oneOf" in component:
            component["anyOf"] = component.pop("oneOf")
    return result
