"""api.renderers.JSONRenderer writes what DRF's renderer writes, faster, and never fails where DRF's would not."""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ErrorDetail
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from api.renderers import JSONRenderer

SAMPLE = {
    "name": "陆明 (Ming Lu)",
    "line": "a\u2029b",
    "when": dt.datetime(2026, 11, 26, 9, 30, 5, 123000, tzinfo=dt.UTC),
    "on": dt.date(2027, 2, 28),
    "pay": Decimal("2400000.50"),
    "errors": [ErrorDetail("Give at least one candidate id.", code="invalid")],
    "lazy": gettext_lazy("This field is required."),
    "nothing": None,
    "nested": [{"ok": True, "n": 2**63 - 1}],
}


def test_it_writes_the_bytes_drf_writes_but_for_the_line_separators_drf_escapes():
    ours = JSONRenderer().render(SAMPLE)
    theirs = DRFJSONRenderer().render(SAMPLE)
    assert ours == theirs.replace(b"\\u2029", "\u2029".encode())


def test_an_integer_beyond_64_bits_echoed_from_a_query_still_renders():
    assert JSONRenderer().render({"missing": [10**30]}) == b'{"missing":[1000000000000000000000000000000]}'


def test_the_api_answers_with_it(client, db):
    response = client.get("/api/v1/status/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["status"] == 401
