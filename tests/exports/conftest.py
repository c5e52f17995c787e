"""Export tests run on the API tests' firm (every role, candidates of every visibility) and read files back."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.api.conftest import _fast_passwords, _fresh_throttles, firm  # noqa: F401
from tests.mandates.conftest import world  # noqa: F401

SECRETS = ("陈静", "Jing Chen", "confidential@secret.example", "confidential-alias", "7654321")


def as_text(value) -> str:
    """A cell as the CSV writer spells it, so that CSV and XLSX read back alike."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def read_file(response) -> list[list[str]]:
    """The rows of a CSV or XLSX download, header first, every cell as text."""
    body = b"".join(response.streaming_content)
    if response["Content-Type"].startswith("text/csv"):
        assert body.startswith("\ufeff".encode())
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
    rows = [[as_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    width = len(rows[0])
    return [row + [""] * (width - len(row)) for row in rows]


def exported(client, path: str, **params) -> tuple[list[str], list[dict[str, str]]]:
    response = client.get(path, params)
    assert response.status_code == 200, response.content[:500]
    header, *rows = read_file(response)
    return header, [dict(zip(header, row, strict=True)) for row in rows]


@pytest.fixture(params=["csv", "xlsx"])
def file_format(request) -> str:
    return request.param
