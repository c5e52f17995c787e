import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.models import Recruiter, Team
from crm.demo.vocabulary import COMPANIES, DEMO_PASSWORD, DEMO_USERNAME
from crm.desk import desk_for
from crm.models import OutreachNote
from talent.models import Candidate, Company, ContactChannel, Employment, NonCompete
from talent.noncompetes import departure_of, enforceable_end

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 24)
User = get_user_model()


@pytest.fixture
def seeded():
    call_command("seed_demo", candidates=50, seed=1, today=TODAY.isoformat(), verbosity=0)


def test_seeding_creates_the_market_the_teams_and_fifty_candidates(seeded):
    assert Company.objects.filter(name__in=[name for name, *_ in COMPANIES]).count() == len(COMPANIES)
    assert Company.objects.get(name="ByteDance").ladders.exists()
    assert set(Team.objects.values_list("name", flat=True)) >= {"Beijing", "Shanghai", "Mountain View"}
    assert Team.objects.filter(lead__isnull=True).count() == 0
    assert Recruiter.objects.filter(timezone="America/Los_Angeles").exists()
    assert Candidate.objects.count() == 50
    assert Employment.objects.count() >= 100
    assert NonCompete.objects.exists()
    assert OutreachNote.objects.exists()


def test_derived_fields_are_set_although_bulk_create_skips_save(seeded):
    for window in NonCompete.objects.all():
        assert window.enforceable_end == enforceable_end(window)
    assert not Candidate.objects.filter(search_text="").exists()
    assert not Company.objects.filter(search_text="").exists()
    assert not Candidate.objects.exclude(native_name="").filter(pinyin="").exists()


def test_some_windows_end_this_week(seeded):
    assert NonCompete.objects.filter(enforceable_end__range=(TODAY, TODAY + dt.timedelta(days=7))).exists()


# 02:00 UTC is the same day in Beijing; 17:00 UTC is already the next day there.
@pytest.mark.parametrize("hour", [2, 17])
def test_the_demo_login_desk_shows_windows_ending_within_30_days(seeded, hour):
    desk = desk_for(User.objects.get(username=DEMO_USERNAME), now=dt.datetime(2026, 11, 24, hour, 0, tzinfo=dt.UTC))
    ending = desk.within_7_days + desk.within_30_days
    assert ending and all(0 <= e.days_left <= 30 for e in ending)


def test_a_36_month_chinese_clause_is_capped_at_24_months(seeded):
    capped = [
        w
        for w in NonCompete.objects.filter(jurisdiction="CN")
        if w.contractual_end >= w.starts_on + relativedelta(months=36) - dt.timedelta(days=1)
    ]
    assert capped
    for window in capped:
        # Two years after the job the clause came from ended (Labor Contract Law art. 24).
        assert window.enforceable_end == departure_of(window) + relativedelta(months=24)


def test_a_california_clause_is_void_and_a_german_one_binds(seeded):
    assert NonCompete.objects.filter(jurisdiction="US-CA", enforceable_end__isnull=True).exists()
    assert NonCompete.objects.filter(jurisdiction="DE", enforceable_end__isnull=False).exists()


def test_waived_released_unpaid_and_founder_stories_are_present(seeded):
    assert NonCompete.objects.filter(status=NonCompete.Status.WAIVED, ended_on__isnull=False).exists()
    assert NonCompete.objects.filter(status=NonCompete.Status.RELEASED, ended_on__isnull=False).exists()
    assert NonCompete.objects.filter(
        compensation_paid=False, unpaid_since__lte=TODAY - relativedelta(months=3)
    ).exists()
    assert Employment.objects.filter(end_date__isnull=True, title__contains="ounder").exists()


def test_levels_belong_to_the_stints_company(seeded):
    stints = Employment.objects.filter(level__isnull=False).select_related("level")
    assert stints.exists()
    assert all(stint.level.company_id == stint.company_id for stint in stints)


def test_careers_are_ordered_and_open_only_at_the_end(seeded):
    for candidate in Candidate.objects.prefetch_related("employments"):
        stints = sorted(candidate.employments.all(), key=lambda e: e.start_date)
        assert 2 <= len(stints) <= 4
        for earlier, later in zip(stints, stints[1:], strict=False):
            assert earlier.end_date is not None and earlier.end_date < later.start_date


def test_confidential_candidates_have_pseudonyms_and_declines_have_reasons(seeded):
    assert Candidate.objects.filter(is_confidential=True).exists()
    assert not Candidate.objects.filter(is_confidential=True, pseudonym="").exists()
    assert not OutreachNote.objects.filter(interest="declined", declined_reason="").exists()
    assert OutreachNote.objects.filter(follow_up_on__gt=TODAY).exists()


def test_same_seed_invents_the_same_people(seeded):
    first = list(Candidate.objects.order_by("id").values_list("native_name", "english_name"))
    Candidate.objects.all().delete()
    call_command("seed_demo", candidates=50, seed=1, today=TODAY.isoformat(), verbosity=0)
    assert list(Candidate.objects.order_by("id").values_list("native_name", "english_name")) == first


def test_if_empty_makes_a_second_run_a_no_op(seeded, capsys):
    call_command("seed_demo", candidates=50, seed=2, if_empty=True)
    assert Candidate.objects.count() == 50
    assert "nothing seeded" in capsys.readouterr().out


def test_a_second_run_adds_candidates_without_unique_clashes(seeded):
    call_command("seed_demo", candidates=50, seed=1, today=TODAY.isoformat(), verbosity=0, batch_size=7)
    assert Candidate.objects.count() == 100
    assert ContactChannel.objects.values("kind", "value").distinct().count() == ContactChannel.objects.count()


def test_demo_login_works(seeded, client):
    assert client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    assert client.login(username="sarah.kim", password=DEMO_PASSWORD)


def test_summary_line_reports_the_rate(capsys):
    call_command("seed_demo", candidates=3, seed=1, today=TODAY.isoformat())
    out = capsys.readouterr().out
    assert "Seeded 3 candidates" in out
    assert "candidates/s" in out
    assert f"Demo login: demo / talentbase-demo at {settings.SITE_URL}/admin/" in out
