"""The OpenAPI schema is valid and documents every answer an operation can give (the fuzzing is test_schemathesis)."""

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

ERROR_SHAPE = {"$ref": "#/components/schemas/Error"}
METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def operations() -> list[tuple[str, str, dict]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in METHODS and path.startswith("/api/v1/")
    ]


@pytest.mark.django_db
def test_schema_is_valid_openapi(tmp_path):
    call_command("spectacular", "--validate", "--file", str(tmp_path / "schema.yml"))


def test_every_operation_documents_its_errors_in_the_error_shape(operations):
    for path, method, operation in operations:
        expected = {"400", "401", "403", "404", "429", "500"}
        if method in ("post", "put", "patch"):
            expected |= {"411", "413"}
        responses = operation["responses"]
        assert expected <= set(responses), (method, path)
        for code in expected:
            assert responses[code]["content"]["application/json"]["schema"] == ERROR_SHAPE, (method, path, code)


# A spreadsheet upload is the one body that is a file.
FILE_UPLOADS = {("post", "/api/v1/imports/"): {"multipart/form-data"}}


def test_bodies_are_json_only_but_the_spreadsheet_upload(operations):
    uploads = set()
    for path, method, operation in operations:
        if "requestBody" in operation:
            expected = FILE_UPLOADS.get((method, path), {"application/json"})
            assert set(operation["requestBody"]["content"]) == expected, (method, path)
            if (method, path) in FILE_UPLOADS:
                uploads.add((method, path))
    assert uploads == set(FILE_UPLOADS)


def test_the_schema_generates_without_a_single_warning(tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
