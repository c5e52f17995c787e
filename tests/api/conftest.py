"""A small firm: two teams, every role, and candidates of every visibility."""

from dataclasses import dataclass, field

import pytest
from rest_framework.test import APIClient

from accounts import ratelimit
from accounts.models import ApiToken
from accounts.services import token_create
from talent.models import Company
from tests.factories import (
    CandidateFactory,
    EmploymentFactory,
    NonCompeteFactory,
    OutreachNoteFactory,
    RecruiterFactory,
    TeamFactory,
    UserFactory,
)

# Every list endpoint a recruiter uses.
LISTS = [
    "/api/v1/companies/",
    "/api/v1/ladders/",
    "/api/v1/bands/",
    "/api/v1/candidates/",
    "/api/v1/employments/",
    "/api/v1/noncompetes/",
    "/api/v1/notes/",
    "/api/v1/recruiters/",
    "/api/v1/teams/",
    "/api/v1/tokens/",
    "/api/v1/notifications/",
    "/api/v1/watchlist/",
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # PBKDF2 costs ~0.4 s a user; these tests are not about passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttles(db):
    ratelimit.reset()
    yield
    ratelimit.reset()


def client_with_key(raw: str | None) -> APIClient:
    client = APIClient()
    if raw is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@dataclass
class Firm:
    admin: object
    lead: object
    recruiter: object
    other_team: object
    api_client_user: object
    candidates: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)
    company: object = None

    def client(self, role: str) -> APIClient:
        return client_with_key(self.keys.get(role))


@pytest.fixture
def firm(db) -> Firm:
    team_a, team_b = TeamFactory(name="Team A"), TeamFactory(name="Team B")
    lead = RecruiterFactory(team=team_a, user=UserFactory(username="lead"))
    team_a.lead = lead
    team_a.save()
    recruiter = RecruiterFactory(team=team_a, user=UserFactory(username="rec_a"))
    other_team = RecruiterFactory(team=team_b, user=UserFactory(username="rec_b"))
    team_b.lead = other_team
    team_b.save()
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    api_client_user = UserFactory(username="hr_system")
    firm = Firm(admin=admin, lead=lead, recruiter=recruiter, other_team=other_team, api_client_user=api_client_user)
    firm.company = Company.objects.get(name="Alibaba")

    firm.candidates = {
        "own": CandidateFactory(owner=recruiter, native_name="王芳", english_name="Fang Wang"),
        "team": CandidateFactory(
            owner=lead, native_name="李娜", english_name="Na Li", is_confidential=True, pseudonym="Heron"
        ),
        "other": CandidateFactory(owner=other_team, native_name="刘洋", english_name="Yang Liu"),
        "confidential": CandidateFactory(
            owner=other_team, native_name="陈静", english_name="Jing Chen", is_confidential=True, pseudonym="Falcon"
        ),
    }
    for name, candidate in firm.candidates.items():
        candidate.contacts.create(kind="email", value=f"{name}@secret.example")
        candidate.aliases.create(name=f"{name}-alias")
        EmploymentFactory(candidate=candidate, company=firm.company)
        NonCompeteFactory(
            candidate=candidate, employer=firm.company, monthly_compensation=9000, compensation_currency="CNY"
        )
        author = candidate.owner
        firm.notes[(name, "open")] = OutreachNoteFactory(candidate=candidate, author=author, summary=f"open {name}")
        firm.notes[(name, "secret")] = OutreachNoteFactory(
            candidate=candidate, author=author, is_confidential=True, summary=f"secret {name}"
        )

    users = {"admin": admin, "lead": lead.user, "recruiter": recruiter.user, "other_team": other_team.user}
    for role, user in users.items():
        firm.keys[role] = token_create(user=user, name="tests", scope=ApiToken.Scope.RECRUITER)[1]
    firm.keys["api_client"] = token_create(user=api_client_user, name="sync", scope=ApiToken.Scope.STATUS_READ)[1]
    firm.keys["recruiter_status_key"] = token_create(
        user=recruiter.user, name="status", scope=ApiToken.Scope.STATUS_READ
    )[1]
    return firm
