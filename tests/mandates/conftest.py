"""A small search firm with clients: a company group, aliases, one mandate per client, and API keys."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
import time_machine
from rest_framework.test import APIClient

from accounts import ratelimit
from accounts.models import ApiToken
from accounts.services import token_create
from crm.mandates import services
from crm.models import Client, Mandate
from talent.models import Company, CompanyAlias
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    EmploymentFactory,
    RecruiterFactory,
    TeamFactory,
    UserFactory,
)

NOW = dt.datetime(2026, 11, 24, 4, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _setup(settings, db):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ratelimit.reset()
    with time_machine.travel(NOW, tick=False):
        yield
    ratelimit.reset()


def api(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@dataclass
class World:
    admin: object
    lead: object
    recruiter: object
    outsider: object
    group: Company
    cloud: Company
    rival: Company
    bytedance: Company
    client_bd: Client
    client_group: Client
    mandate_bd: Mandate
    mandate_group: Mandate
    keys: dict = field(default_factory=dict)

    def api(self, who: str) -> APIClient:
        return api(self.keys[who])

    def candidate(self, **fields):
        fields.setdefault("owner", self.recruiter)
        return CandidateFactory(**fields)


@pytest.fixture
def world(db) -> World:
    team, other = TeamFactory(name="Pretraining desk"), TeamFactory(name="Infra desk")
    lead = RecruiterFactory(team=team, user=UserFactory(username="lead"))
    team.lead = lead
    team.save()
    recruiter = RecruiterFactory(team=team, user=UserFactory(username="rec"))
    outsider = RecruiterFactory(team=other, user=UserFactory(username="outsider"))
    admin = UserFactory(username="boss", is_superuser=True, is_staff=True)
    group = CompanyFactory(name="Zeta Group")
    cloud = CompanyFactory(name="Zeta Cloud", parent=group)
    rival = CompanyFactory(name="Rival AI")
    bytedance = Company.objects.get(name="ByteDance")
    CompanyAlias.objects.get_or_create(company=bytedance, name="字节")
    client_bd = services.client_create(
        actor=admin,
        company=bytedance,
        fee_kind=Client.FeeKind.PERCENTAGE,
        fee_percent=Decimal("25"),
        fee_currency="CNY",
        guarantee_days=90,
        off_limits=Client.OffLimits.BLOCK,
        off_limits_months=12,
        sectors=["Large Language Models"],
        contacts=[{"name": "Wei Zhang", "email": "wei@bytedance.example"}],
    )
    client_group = services.client_create(
        actor=admin,
        company=group,
        fee_kind=Client.FeeKind.FIXED,
        fee_fixed=Decimal("500000"),
        fee_currency="CNY",
        guarantee_days=60,
        off_limits=Client.OffLimits.WARN,
        off_limits_subsidiaries=True,
        off_limits_months=6,
    )
    mandate_bd = services.mandate_create(
        actor=lead.user, client=client_bd, title="Head of pre-training", opened_on=dt.date(2026, 9, 1), team=team
    )
    mandate_group = services.mandate_create(
        actor=outsider.user, client=client_group, title="Inference lead", opened_on=dt.date(2026, 10, 1)
    )
    world = World(
        admin=admin,
        lead=lead,
        recruiter=recruiter,
        outsider=outsider,
        group=group,
        cloud=cloud,
        rival=rival,
        bytedance=bytedance,
        client_bd=client_bd,
        client_group=client_group,
        mandate_bd=mandate_bd,
        mandate_group=mandate_group,
    )
    for who, user in {"admin": admin, "lead": lead.user, "rec": recruiter.user, "outsider": outsider.user}.items():
        world.keys[who] = token_create(user=user, name="t", scope=ApiToken.Scope.RECRUITER)[1]
    world.keys["client_bd"] = services.client_key_create(actor=admin, client=client_bd, name="portal")[1]
    world.keys["client_group"] = services.client_key_create(actor=admin, client=client_group, name="portal")[1]
    return world


def employed_at(candidate, company, start=dt.date(2021, 1, 1)):
    return EmploymentFactory(candidate=candidate, company=company, start_date=start)
