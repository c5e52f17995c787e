"""Property: whatever edits happen between sweeps, each recipient's last notice states the window's current fact."""

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.services import recruiter_update_preferences
from crm.models import Notification
from crm.reminders.planning import window_fact
from talent.models import NonCompete
from talent.services import noncompete_update
from tests.factories import RecruiterFactory
from tests.reminders.conftest import window_for

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
ZONES = ["Asia/Shanghai", "America/Los_Angeles", "Europe/Berlin", "Pacific/Kiritimati"]

edits = st.one_of(
    st.tuples(st.just("move"), st.integers(min_value=-10, max_value=10).filter(bool)),
    st.tuples(st.sampled_from(["waive", "release"]), st.integers(min_value=-3, max_value=3)),
    st.tuples(st.just("reinstate"), st.just(0)),
    st.tuples(st.just("zone"), st.integers(min_value=0, max_value=2 * len(ZONES) - 1)),
    st.tuples(st.just("wait"), st.integers(min_value=1, max_value=60)),
)


def apply_edit(edit: tuple[str, int], *, window: NonCompete, recipients: list, now: dt.datetime) -> None:
    kind, value = edit
    today = now.date()
    if kind == "move":
        noncompete_update(window=window, contractual_end=window.contractual_end + dt.timedelta(days=value))
    elif kind in ("waive", "release"):
        status = NonCompete.Status.WAIVED if kind == "waive" else NonCompete.Status.RELEASED
        noncompete_update(window=window, status=status, ended_on=today + dt.timedelta(days=value))
    elif kind == "reinstate" and window.status != NonCompete.Status.ACTIVE:
        noncompete_update(window=window, status=NonCompete.Status.ACTIVE, ended_on=None)
    elif kind == "zone":
        recruiter_update_preferences(recruiter=recipients[value % 2], timezone=ZONES[value // 2])


def told(recipient) -> list[Notification]:
    return list(Notification.objects.filter(recipient=recipient).select_related("reminder").order_by("id"))


def check_nothing_told_twice(notices: list[Notification]) -> None:
    seen: set[tuple] = set()
    previous_fact = None
    for notice in notices:
        reminder = notice.reminder
        if reminder.fact != previous_fact:
            # A new fact: the notice that first states it is marked as correcting the old one.
            if previous_fact is not None:
                assert reminder.corrects is not None and reminder.corrects.fact == previous_fact, notice.title
                assert notice.title.startswith("End date changed") or "End date changed" in notice.body
            seen = set()
            previous_fact = reminder.fact
        said = (reminder.kind, reminder.milestone)
        assert said not in seen, f"{reminder.fact} {said} told twice"
        seen.add(said)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first_end_in=st.integers(min_value=1, max_value=20),
    steps=st.lists(st.tuples(edits, st.integers(min_value=1, max_value=36)), min_size=1, max_size=12),
)
def test_the_last_notice_states_the_current_fact_and_no_fact_is_told_twice(at, sweep, first_end_in, steps):
    with transaction.atomic():
        now = START
        with at(now):
            owner = RecruiterFactory(timezone="Asia/Shanghai", reminder_milestones=[7, 1, 0])
            watcher = RecruiterFactory(timezone="America/Los_Angeles", reminder_milestones=[3, 0])
            window = window_for(owner, START.date() + dt.timedelta(days=first_end_in), jurisdiction="OTHER")
            window.candidate.watchers.add(watcher)
        sweep(now + dt.timedelta(minutes=1))
        for edit, hours in steps:
            with at(now):
                apply_edit(edit, window=window, recipients=[owner, watcher], now=now)
            now += dt.timedelta(hours=hours)
            sweep(now)
        # Let every reminder of the current fact come due, then settle.
        fact = window_fact(NonCompete.objects.get(pk=window.pk))
        if fact is not None:
            now = max(now, dt.datetime.combine(fact.day + dt.timedelta(days=2), dt.time(12), tzinfo=dt.UTC))
        sweep(now)
        sweep(now + dt.timedelta(minutes=1))

        for recipient in (owner, watcher):
            notices = told(recipient)
            check_nothing_told_twice(notices)
            if notices and fact is not None:
                assert notices[-1].reminder.fact == fact.label, [n.title for n in notices]
        transaction.set_rollback(True)
