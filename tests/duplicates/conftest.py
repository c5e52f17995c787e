import datetime as dt

import pytest

from crm.models import Client, Mandate, PipelineRow
from talent import services
from talent.models import Company
from tests.factories import (
    CompanyFactory,
    NonCompeteFactory,
    OutreachNoteFactory,
    RecruiterFactory,
    TeamFactory,
    UserFactory,
)

NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture
def admin(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def desk(db):
    """A team with a lead and a member, and an outsider on another team."""
    team = TeamFactory(name="Shanghai desk")
    lead = RecruiterFactory(team=team)
    team.lead = lead
    team.save()
    return {
        "team": team,
        "lead": lead,
        "member": RecruiterFactory(team=team),
        "outsider": RecruiterFactory(team=TeamFactory(name="Beijing desk")),
    }


def on_mandate(candidate, *, owner, company: Company | None = None) -> PipelineRow:
    client = Client.objects.create(company=company or CompanyFactory(), fee_percent=25)
    mandate = Mandate.objects.create(client=client, title="Head of pre-training", owner=owner, opened_on=NOW.date())
    return PipelineRow.objects.create(mandate=mandate, candidate=candidate, stage_changed_at=NOW)


def full_record(*, actor, owner, native_name: str, english_name: str, email: str, company: Company, **fields):
    """A candidate with a row in every table that points at candidates."""
    candidate = services.candidate_create(
        actor=actor,
        owner=owner,
        native_name=native_name,
        english_name=english_name,
        aliases=[{"name": "Lu"}, {"name": f"{english_name} alias"}],
        contacts=[{"kind": "email", "value": email}],
        **fields,
    )
    stint = services.employment_create(
        candidate=candidate,
        company=company,
        title="Engineer",
        start_date=dt.date(2019, 1, 1),
        end_date=dt.date(2025, 12, 31),
    )
    window = NonCompeteFactory(
        candidate=candidate,
        employer=company,
        employment=stint,
        starts_on=dt.date(2026, 1, 1),
        contractual_end=dt.date(2026, 11, 26),
    )
    candidate.education.create(institution="Tsinghua University", degree="PhD")
    OutreachNoteFactory(candidate=candidate, author=owner, follow_up_on=dt.date(2026, 12, 1))
    on_mandate(candidate, owner=owner)
    return candidate, window
