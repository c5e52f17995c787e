"""A small firm for history: two teams, a confidential candidate, a confidential mandate, and keys of every scope."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from pghistory.models import Context
from rest_framework.test import APIClient

from accounts import ratelimit
from accounts.models import ApiToken
from accounts.services import token_create
from crm.mandates import services as mandate_services
from crm.models import Client
from tests.factories import CandidateFactory, CompanyFactory, RecruiterFactory, TeamFactory, UserFactory

NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttles(db):
    ratelimit.reset()
    yield
    ratelimit.reset()


def api(raw: str | None = None) -> APIClient:
    client = APIClient()
    if raw is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def history_url(candidate) -> str:
    return f"/api/v1/candidates/{candidate.pk}/history/"


def context_of(event) -> dict:
    """The metadata of the context an event was written in ({} when none was open)."""
    if event.pgh_context_id is None:
        return {}
    return Context.objects.get(pk=event.pgh_context_id).metadata


@dataclass
class Firm:
    admin: object
    lead: object
    recruiter: object
    outsider: object
    client: object = None
    keys: dict = field(default_factory=dict)
    key_ids: dict = field(default_factory=dict)

    def api(self, who: str) -> APIClient:
        return api(self.keys[who])


@pytest.fixture
def firm(db) -> Firm:
    team, other = TeamFactory(name="Pretraining desk"), TeamFactory(name="Infra desk")
    lead = RecruiterFactory(team=team, user=UserFactory(username="lead", is_staff=True))
    team.lead = lead
    team.save()
    recruiter = RecruiterFactory(team=team, user=UserFactory(username="rec", is_staff=True))
    outsider = RecruiterFactory(team=other, user=UserFactory(username="outsider", is_staff=True))
    other.lead = outsider
    other.save()
    admin = UserFactory(username="boss", is_superuser=True, is_staff=True)
    firm = Firm(admin=admin, lead=lead, recruiter=recruiter, outsider=outsider)
    firm.client = mandate_services.client_create(
        actor=admin,
        company=CompanyFactory(name="Zeta Group"),
        fee_kind=Client.FeeKind.FIXED,
        fee_fixed=Decimal("500000"),
        fee_currency="CNY",
        guarantee_days=60,
        off_limits=Client.OffLimits.WARN,
        off_limits_months=6,
    )
    for who, user in {"admin": admin, "lead": lead.user, "rec": recruiter.user, "outsider": outsider.user}.items():
        token, raw = token_create(user=user, name=f"{who} sync", scope=ApiToken.Scope.RECRUITER)
        firm.keys[who], firm.key_ids[who] = raw, token.pk
    firm.keys["status"] = token_create(user=recruiter.user, name="status", scope=ApiToken.Scope.STATUS_READ)[1]
    firm.keys["client"] = mandate_services.client_key_create(actor=admin, client=firm.client, name="portal")[1]
    return firm


@pytest.fixture
def public(firm):
    return CandidateFactory(owner=firm.recruiter, native_name="王芳", english_name="Fang Wang", city="Beijing")


@pytest.fixture
def hidden(firm):
    """Confidential, run by the lead's team: the outsider sees it by pseudonym only."""
    return CandidateFactory(
        owner=firm.lead, native_name="李娜", english_name="Na Li", is_confidential=True, pseudonym="Heron"
    )
