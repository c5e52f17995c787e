"""The OpenAPI schema is valid, and the API keeps to it under generated input."""

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings

from config.wsgi import application

API_PATHS = r"^/api/v1/"

schema = schemathesis.openapi.from_wsgi("/api/schema/", application).include(path_regex=API_PATHS)

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]


@pytest.mark.django_db
def test_schema_is_valid_openapi(tmp_path):
    call_command("spectacular", "--validate", "--file", str(tmp_path / "schema.yml"))


@pytest.fixture
def unthrottled(settings):
    rates = dict.fromkeys(("recruiter", "status:read", "user", "anon"), "100000/hour")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


@pytest.fixture
def in_test_transaction():
    """Keep the test's connection open across WSGI calls, as Django's test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_keeps_to_its_schema(case, firm, unthrottled, in_test_transaction):
    for role in ("recruiter", "api_client"):
        case.call_and_validate(headers={"Authorization": f"Bearer {firm.keys[role]}"}, checks=CHECKS)
