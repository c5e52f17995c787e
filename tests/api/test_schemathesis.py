"""The API keeps to its OpenAPI schema under generated input, for every role, with every Schemathesis check.

Each operation gets a bounded, deterministic number of generated requests,
and each request is sent as every role. Path ids are mostly those of the
firm's real rows, so that detail, change and delete operations do their work
rather than answer 404. Operations that revoke keys are called with a
throwaway key of the role, so that no role loses its key midway.
"""

import datetime as dt
import json
import uuid
from decimal import Decimal

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from schemathesis.config import SchemathesisConfig

from accounts.models import ApiToken, Recruiter, Team
from accounts.services import token_create
from config.wsgi import application
from crm.exports.services import export_record_start
from crm.mandates import services as mandates
from crm.models import Client, ExportRecord, ImportJob, ImportSource, Mandate, Notification, OutreachNote, PipelineRow
from talent.models import Band, Candidate, Company, DuplicatePair, Employment, LevelLadder, NonCompete
from tests.factories import CandidateFactory

ROLES = ("admin", "lead", "recruiter", "api_client", "client")
KEY_REVOKING = {("DELETE", "/api/v1/tokens/{id}/"), ("POST", "/api/v1/tokens/{id}/revoke/")}
# The rows behind each resource's `{id}`, by the path's first segment after /api/v1/.
ROWS = {
    "bands": Band,
    "candidates": Candidate,
    "clients": Client,
    "companies": Company,
    "duplicates": DuplicatePair,
    "employments": Employment,
    "exports": ExportRecord,
    "import-sources": ImportSource,
    "imports": ImportJob,
    "ladders": LevelLadder,
    "mandates": Mandate,
    "noncompetes": NonCompete,
    "notes": OutreachNote,
    "notifications": Notification,
    "pipeline": PipelineRow,
    "recruiters": Recruiter,
    "status": Candidate,
    "teams": Team,
    "tokens": ApiToken,
    "watchlist": Candidate,
}


def _checks_config() -> SchemathesisConfig:
    """Every check, as with `--checks all`, on positive and negative data, with two checks told what the API means.

    Data the schema allows may still break a rule it cannot express (a declined note needs a reason, an id must
    name a row): the API answers that with a documented 400. And DRF and django-filter are lenient on purpose
    where a schema is strict (an empty query parameter is no filter, 0 and 1 are booleans, a number is a string),
    so `negative_data_rejection` would fail the API for accepting what it can read; malformed input of every
    other kind is still sent, and must still get a documented answer in the documented shape, never a 500.
    """
    return SchemathesisConfig.from_dict(
        {
            "checks": {
                "positive_data_acceptance": {"expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "429"]},
                "negative_data_rejection": {"enabled": False},
            }
        }
    )


def _api_schema() -> schemathesis.schemas.BaseSchema:
    """The schema as /api/schema/ serves it, generated in-process: loading it needs no request and no database."""
    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    schema = schemathesis.openapi.from_dict(document, config=_checks_config()).include(path_regex=r"^/api/v1/")
    schema.app = application
    return schema


schema = _api_schema()


@pytest.fixture
def unthrottled(settings):
    rates = dict.fromkeys(("recruiter", "status:read", "client", "user", "anon"), "100000/hour")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    # The `ignored_auth` check sends bad keys on purpose; they must not lock the test's address out.
    settings.AUTH_FAILURE_RATE = "100000/hour"


@pytest.fixture
def in_test_transaction():
    """Keep the test's connection open across WSGI calls, as Django's test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def busy_firm(firm):
    """The firm with a candidate only a team answers for, watched candidates and notifications."""
    now = timezone.now()
    desk_only = CandidateFactory(owner=None, team=firm.lead.team, english_name="Desk Only")
    for recruiter in (firm.lead, firm.recruiter):
        recruiter.watched_candidates.add(firm.candidates["own"], firm.candidates["confidential"], desk_only)
        Notification.objects.create(recipient=recruiter, title="Free soon", body="In 30 days.", created_at=now)
    # A client with a search, a pipeline, its own key; a likely duplicate; an export on record.
    client = mandates.client_create(
        actor=firm.admin, company=firm.company, fee_percent=Decimal("25"), fee_currency="CNY", guarantee_days=90
    )
    mandate = mandates.mandate_create(
        actor=firm.lead.user, client=client, title="Head of pre-training", opened_on=dt.date(2026, 9, 1)
    )
    for name in ("own", "team"):
        mandates.pipeline_add(
            actor=firm.lead.user, mandate=mandate, candidate=firm.candidates[name], override_reason="Cleared by legal."
        )
    firm.keys["client"] = mandates.client_key_create(actor=firm.admin, client=client, name="portal")[1]
    own, desk = sorted((firm.candidates["own"].pk, desk_only.pk))
    DuplicatePair.objects.create(low_id=own, high_id=desk, reasons=["english_name"], score=40)
    export_record_start(user=firm.lead.user, kind="candidates", file_format="csv", via="api", query="", now=now)
    return firm


def role_user(firm, role: str):
    return {
        "admin": firm.admin,
        "lead": firm.lead.user,
        "recruiter": firm.recruiter.user,
        "api_client": firm.api_client_user,
        "client": None,
    }[role]


def role_key(firm, role: str, case) -> str:
    if (case.method.upper(), case.path) not in KEY_REVOKING:
        return firm.keys[role]
    if role == "client":
        client = Client.objects.get()
        return mandates.client_key_create(actor=firm.admin, client=client, name=f"throwaway {uuid.uuid4()}")[1]
    scope = ApiToken.Scope.STATUS_READ if role == "api_client" else ApiToken.Scope.RECRUITER
    return token_create(user=role_user(firm, role), name=f"throwaway {uuid.uuid4()}", scope=scope)[1]


def use_real_id(case) -> None:
    """Point `{id}` at a real row most of the time; the generated id, likely unknown, otherwise."""
    generated = (case.path_parameters or {}).get("id")
    if not isinstance(generated, int):
        return
    model = ROWS[case.path.split("/")[3]]
    ids = sorted(model.objects.values_list("pk", flat=True))
    index = generated % (len(ids) + 1)
    if index < len(ids):
        case.path_parameters["id"] = ids[index]


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_keeps_to_its_schema(case, busy_firm, unthrottled, in_test_transaction):
    use_real_id(case)
    for role in ROLES:
        case.call_and_validate(headers={"Authorization": f"Bearer {role_key(busy_firm, role, case)}"})
