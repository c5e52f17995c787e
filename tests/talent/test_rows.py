"""talent.serializers.rows renders exactly what DRF's generic field machinery renders for the same shapes."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIRequestFactory

from accounts.models import Recruiter
from crm.exports.datasets import candidate_rows
from talent.access import candidate_rights
from talent.availability import candidate_availability, current_employment
from talent.models import Candidate, CandidateAlias, ContactChannel, NonCompete
from talent.serializers import CandidateSerializer
from talent.serializers.reference import company_ref
from talent.serializers.rows import CANDIDATE_PRIVATE_BLANKS
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    EmploymentFactory,
    NonCompeteFactory,
    RecruiterFactory,
    UserFactory,
    level,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 24)


class GenericCandidateSerializer(CandidateSerializer):
    """CandidateSerializer rendered field by field by DRF, its computed fields as plain method fields."""

    display_name = serializers.SerializerMethodField()
    identity_cleared = serializers.SerializerMethodField()
    current = serializers.SerializerMethodField()
    availability = serializers.SerializerMethodField()

    def get_display_name(self, candidate: Candidate) -> str:
        return candidate.display_name if self._cleared(candidate) else candidate.pseudonym

    def get_identity_cleared(self, candidate: Candidate) -> bool:
        return self._cleared(candidate)

    def get_current(self, candidate: Candidate) -> dict | None:
        stint = current_employment(list(candidate.employments.all()))
        if stint is None:
            return None
        return {
            "company": company_ref(stint.company),
            "title": stint.title,
            "level": stint.level.code if stint.level else None,
            "band": stint.level.band.code if stint.level and stint.level.band else None,
            "since": stint.start_date.isoformat(),
        }

    def get_availability(self, candidate: Candidate) -> dict:
        state = candidate_availability(candidate, self.context["today"])
        return {
            "state": state.state.value,
            "until": state.until.isoformat() if state.until else None,
            "days_left": state.days_left,
            "noncompete": state.noncompete.pk if state.noncompete else None,
        }

    def to_representation(self, candidate: Candidate) -> dict:
        cleared = candidate_rights(self.context["request"].user, candidate).identity_cleared
        self.context["candidate_cleared"] = cleared
        data = serializers.ModelSerializer.to_representation(self, candidate)
        if not cleared:
            data.update(CANDIDATE_PRIVATE_BLANKS)
        return data


@pytest.fixture
def varied_candidates():
    """The demo market plus the rare shapes it may not hold: pay, consent, German law, early ends, no level."""
    call_command("seed_demo", candidates=60, seed=5, today=TODAY.isoformat(), verbosity=0)
    owner = Recruiter.objects.order_by("pk").first()
    rich = CandidateFactory(
        owner=owner,
        is_confidential=True,
        pseudonym="Heron",
        current_compensation=Decimal("2400000.5"),
        current_compensation_currency="CNY",
        current_compensation_period="annual",
        expected_compensation=Decimal("3000000"),
        expected_compensation_currency="CNY",
        expected_compensation_period="annual",
        willing_to_relocate=False,
        expertise=["llm", "rlhf"],
        lawful_basis="consent",
        consent_given_on=dt.date(2026, 1, 2),
        consent_channel="email",
        collected_on=dt.date(2026, 1, 1),
        notified_on=dt.date(2026, 1, 3),
        notice_channel="email",
        hold="not_looking",
    )
    CandidateAlias.objects.create(candidate=rich, name="风清", kind="huaming", company=CompanyFactory())
    ContactChannel.objects.create(candidate=rich, kind="email", value="heron@example.com", is_primary=True)
    # Watchers and restricted companies come in their models' order (username, name), not by id.
    rich.watchers.add(owner, RecruiterFactory(user=UserFactory(username="aaa.watcher")))
    berlin = CompanyFactory(name="Aleph Alpha Test", country="DE")
    stint = EmploymentFactory(
        candidate=rich, company=berlin, start_date=dt.date(2019, 1, 1), end_date=dt.date(2026, 6, 30), level=None
    )
    german = NonCompeteFactory(
        candidate=rich,
        employer=berlin,
        employment=stint,
        jurisdiction="DE",
        starts_on=dt.date(2026, 7, 1),
        contractual_end=dt.date(2028, 12, 31),
        monthly_compensation=Decimal("4000"),
        compensation_currency="EUR",
        last_monthly_pay=Decimal("9000.1"),
        last_monthly_pay_currency="EUR",
        restricted_sectors=["LLM"],
        notes="Half pay only.",
    )
    german.restricted_companies.add(CompanyFactory(name="Zhipu Test"), CompanyFactory(name="Baichuan Test"))
    p9 = level("Alibaba", "P9")
    EmploymentFactory(candidate=rich, company=p9.company, level=p9, start_date=dt.date(2026, 9, 1))
    released = NonCompeteFactory(candidate=rich, starts_on=dt.date(2025, 1, 1), contractual_end=dt.date(2026, 12, 31))
    NonCompete.objects.filter(pk=released.pk).update(status="released", ended_on=dt.date(2025, 6, 1))
    return Candidate.objects.count()


def _rendered(serializer_class, user, today: dt.date) -> list:
    request = APIRequestFactory().get("/api/v1/candidates/")
    request.user = user
    rows = candidate_rows(user).order_by("pk")
    return serializer_class(rows, many=True, context={"request": request, "today": today}).data


@pytest.mark.parametrize("today", [TODAY, dt.date(2027, 3, 1), dt.date(2030, 1, 1)])
def test_every_candidate_renders_as_the_generic_serializer_does_for_every_kind_of_caller(varied_candidates, today):
    recruiters = list(Recruiter.objects.select_related("user").order_by("pk"))
    callers = [get_user_model().objects.get(username="demo"), *(r.user for r in recruiters[:4])]
    redacted = 0
    for user in callers:
        fast = _rendered(CandidateSerializer, user, today)
        generic = _rendered(GenericCandidateSerializer, user, today)
        assert len(fast) == varied_candidates
        for mine, theirs in zip(fast, generic, strict=True):
            assert list(mine) == list(theirs)
            assert JSONRenderer().render(mine) == JSONRenderer().render(theirs), mine["id"]
        redacted += sum(not row["identity_cleared"] for row in fast)
    # The comparison covered candidates shown by pseudonym as well as by name.
    assert 0 < redacted < varied_candidates * len(callers)


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/St_Johns"])
def test_times_render_in_the_active_time_zone_as_the_generic_serializer_does(varied_candidates, zone):
    """The admin activates the recruiter's zone (accounts.middleware), and its exports render candidates."""
    user = get_user_model().objects.get(username="demo")
    with timezone.override(ZoneInfo(zone)):
        fast = _rendered(CandidateSerializer, user, TODAY)
        generic = _rendered(GenericCandidateSerializer, user, TODAY)
    assert JSONRenderer().render(fast) == JSONRenderer().render(generic)
    assert not fast[0]["created_at"].endswith("Z")


def test_the_rare_shapes_were_rendered(varied_candidates):
    rows = _rendered(CandidateSerializer, get_user_model().objects.get(username="demo"), TODAY)
    heron = next(row for row in rows if row["pseudonym"] == "Heron")
    assert heron["current_compensation"] == "2400000.50"
    assert heron["willing_to_relocate"] is False
    assert heron["aliases"][0]["company"] is not None
    # 4,000 a month is less than half of the last 9,000.10: the German window does not bind.
    assert "not_met" in {w["half_pay_test"] for w in heron["noncompetes"]}
    assert {w["status"] for w in heron["noncompetes"]} == {"active", "released"}
    assert any(s["level_detail"] is None for s in heron["employments"])
    assert heron["current"]["level"] == "P9"
    assert len(heron["watchers"]) == 2
    assert any(len(w["restricted_companies"]) == 2 for w in heron["noncompetes"])
