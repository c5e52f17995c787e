"""OpenAPI generation: every operation documents the common error responses."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from crm.exceptions import ErrorSerializer

ERROR_DESCRIPTIONS = {
    "400": "Invalid input; `error.fields` holds messages per field.",
    "401": "No credentials, or an unknown, expired or revoked API key.",
    "403": "Authenticated but not allowed (role, or the key's scope).",
    "404": "No such object, or not visible to the caller.",
    "429": "Too many requests for this key or user; retry after `Retry-After` seconds.",
}

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


class TalentbaseAutoSchema(AutoSchema):
    """Adds the shared error shape, and 304 for conditional GETs, to each operation."""

    def _error_codes(self) -> list[str]:
        codes = ["401", "403", "429"]
        if self.method in ("POST", "PUT", "PATCH") or self.method == "GET":
            codes.insert(0, "400")
        if "{" in self.path:
            codes.append("404")
        return sorted(codes)

    def _get_response_bodies(self, direction="response") -> dict:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            if code not in responses:
                response = OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code])
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        if self.method == "GET" and "{" in self.path and "304" not in responses:
            responses["304"] = {"description": "Not modified (If-None-Match or If-Modified-Since matched)."}
        return responses
