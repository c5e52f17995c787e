"""A person with every kind of data Talentbase holds, to export and to erase."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from accounts.models import ApiToken
from accounts.services import token_create
from crm import services as crm_services
from crm.mandates import services as mandate_services
from crm.models import Client, ExportRecord, Mandate, OutreachNote, PipelineRow, Reminder
from crm.reminders.delivery import reminder_deliver
from crm.reminders.planning import reminders_plan
from talent import services as talent_services
from talent.models import Candidate
from tests.factories import CompanyFactory, RecruiterFactory, TeamFactory, UserFactory

NOW = dt.datetime(2026, 11, 24, 4, 0, tzinfo=dt.UTC)

NATIVE = "阎罗珂"
ENGLISH = "Quillon Vexhaven"
RENAMED = "Quillon Q. Vexhaven"
PSEUDONYM = "Zephyr Kestrelwood"
ALIAS = "Vexo Quill"
EMAIL = "quillon.vexhaven@example.org"
PHONE = "+8613987654321"
WECHAT = "quillonvx88"
# What must not survive an erasure, anywhere.
TRACES = (NATIVE, ENGLISH, "Vexhaven", "Kestrelwood", ALIAS, EMAIL, "13987654321", WECHAT)


@dataclass
class Firm:
    admin: object
    lead: object
    owner: object
    outsider: object
    client: Client
    mandate: Mandate
    keys: dict


@pytest.fixture
def firm(db) -> Firm:
    team = TeamFactory(name="Privacy desk")
    lead = RecruiterFactory(team=team, user=UserFactory(username="lead"))
    team.lead = lead
    team.save()
    owner = RecruiterFactory(team=team, user=UserFactory(username="owner"))
    outsider = RecruiterFactory(team=TeamFactory(name="Other desk"), user=UserFactory(username="outsider"))
    admin = UserFactory(username="boss", is_superuser=True, is_staff=True)
    company = CompanyFactory(name="Lumen Labs")
    client = mandate_services.client_create(
        actor=admin, company=company, fee_kind=Client.FeeKind.PERCENTAGE, fee_percent=Decimal("25"), fee_currency="CNY"
    )
    mandate = mandate_services.mandate_create(
        actor=lead.user, client=client, title="Head of alignment", opened_on=dt.date(2026, 9, 1), team=team
    )
    keys = {
        who: token_create(user=user, name="t", scope=ApiToken.Scope.RECRUITER)[1]
        for who, user in {"admin": admin, "lead": lead.user, "owner": owner.user, "outsider": outsider.user}.items()
    }
    return Firm(admin=admin, lead=lead, owner=owner, outsider=outsider, client=client, mandate=mandate, keys=keys)


def make_person(firm: Firm, *, now: dt.datetime = NOW) -> Candidate:
    """The person, through the services: names, alias, contacts, career, window, notes, a placement, reminders."""
    actor = firm.owner.user
    candidate = talent_services.candidate_create(
        actor=actor,
        native_name=NATIVE,
        english_name=ENGLISH,
        pseudonym=PSEUDONYM,
        city="Hangzhou",
        country="CN",
        source=Candidate.Source.RESEARCH,
        work_authorization=f"{ENGLISH} holds a Chinese passport.",
        aliases=[{"name": ALIAS, "kind": "nickname"}],
        contacts=[
            {"kind": "email", "value": EMAIL.upper(), "is_primary": True},
            {"kind": "phone", "value": PHONE},
            {"kind": "wechat", "value": WECHAT},
        ],
    )
    # Edits, for history rows holding old and new values.
    talent_services.candidate_update(actor=actor, candidate=candidate, english_name=RENAMED)
    talent_services.candidate_update(actor=actor, candidate=candidate, english_name=ENGLISH, city="Shanghai")
    rival = CompanyFactory(name="Rival Robotics")
    talent_services.employment_create(
        candidate=candidate, company=rival, title="Staff scientist", start_date=dt.date(2021, 3, 1)
    )
    talent_services.noncompete_create(
        candidate=candidate,
        employer=rival,
        starts_on=dt.date(2026, 6, 1),
        contractual_end=dt.date(2027, 6, 1),
        jurisdiction="CN",
    )
    note = crm_services.outreach_note_log(
        author=firm.owner,
        candidate=candidate,
        happened_at=now - dt.timedelta(days=3),
        channel=OutreachNote.Channel.WECHAT,
        summary=f"Coffee with {ENGLISH} ({NATIVE}); reach on {WECHAT}.",
        follow_up_on=(now + dt.timedelta(days=2)).date(),
    )
    crm_services.outreach_note_update(note=note, summary=f"{NATIVE} is open to a lab lead role.")
    row = mandate_services.pipeline_add(actor=firm.lead.user, mandate=firm.mandate, candidate=candidate, now=now)
    for stage in ("submitted", "client_interview", "offer"):
        mandate_services.pipeline_move(actor=firm.lead.user, row=row, to_stage=stage, now=now)
        row = PipelineRow.objects.get(pk=row.pk)
    mandate_services.placement_record(
        actor=firm.lead.user,
        row=row,
        start_date=dt.date(2027, 7, 1),
        compensation=Decimal("2000000.00"),
        compensation_currency="CNY",
        now=now,
    )
    # Reminders, delivered: notifications and e-mails that name the person.
    reminders_plan(now=now)
    for reminder in Reminder.objects.filter(state=Reminder.State.PENDING):
        reminder_deliver(reminder_id=reminder.pk, now=reminder.due_at + dt.timedelta(minutes=1))
    LogEntry.objects.log_actions(
        user_id=firm.admin.pk, queryset=Candidate.objects.filter(pk=candidate.pk), action_flag=CHANGE
    )
    ExportRecord.objects.create(
        user=actor,
        username=actor.username,
        kind="candidates",
        file_format="csv",
        via="api",
        query=f"search={ENGLISH.replace(' ', '+')}",
        row_count=1,
        started_at=now,
    )
    assert ContentType.objects.get_for_model(Candidate)
    return Candidate.objects.get(pk=candidate.pk)
