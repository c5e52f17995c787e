"""Planning: turn today's facts into pending Reminder rows, and drop pending rows the facts no longer support.

A window (or note) is planned when it is new or changed since the last run
(its own `updated_at`, its candidate's or a recipient's), or when one of its
milestones enters the planning horizon (today + REMINDERS_HORIZON_DAYS). Rows
are only created up to the horizon, so a million windows cost a handful of
rows per day, not millions of future rows.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from accounts.models import Recruiter
from crm.models import OutreachNote, Reminder, ReminderPlanCursor
from crm.privacy.notice import may_owe_notice
from crm.reminders.schedule import due_instant, local_today
from talent.models import Candidate, NonCompete
from talent.noncompetes import ENDED_EARLY, legal_end
from talent.privacy_rules import NOTICE_SOON_DAYS, notice_due_on

CURSOR_NAME = "reminders"
# Any value that identifies this planner among the advisory locks of the database.
PLANNER_LOCK_ID = 0x7A1E_0004
CHUNK = 500


@dataclass(frozen=True)
class PlannedReminder:
    key: str
    group_key: str
    kind: str
    recipient_id: int
    fires_on: dt.date
    due_at: dt.datetime
    fact: str = ""
    telling: int = 0
    end_on: dt.date | None = None
    milestone: int | None = None
    noncompete_id: int | None = None
    note_id: int | None = None
    candidate_id: int | None = None


@dataclass(frozen=True)
class PlanWindow:
    """The days a planning run covers: reminders firing from `since_day` to `horizon_day`, planned at `now`."""

    since_day: dt.date
    horizon_day: dt.date
    now: dt.datetime


@dataclass(frozen=True)
class PlanResult:
    windows: int = 0
    notes: int = 0
    skipped: bool = False
    notices: int = 0


@dataclass(frozen=True)
class WindowFact:
    """What a window's reminders are about: it ends on `day`, or it ended early on `day`."""

    kind: str  # "end" or "free"
    day: dt.date

    @property
    def label(self) -> str:
        return f"{self.kind} {self.day.isoformat()}"


def fact_day(label: str) -> dt.date:
    return dt.date.fromisoformat(label.split(" ")[1])


def window_fact(window: NonCompete) -> WindowFact | None:
    """The window's current fact, or None when it never binds.

    A waiver, release or termination on or before the legal end (the last day
    included) is an early end: the recipient hears "free now" even when it
    falls on the day the window would have ended anyway, because what they
    were told ("ends today") is no longer why the candidate is free, and a
    waiver decides what compensation is owed. One recorded after the legal end
    changes nothing: the window had already run its course.
    """
    if window.status in ENDED_EARLY and window.ended_on is not None and window.ended_on <= legal_end(window):
        return WindowFact("free", window.ended_on)
    if window.enforceable_end is None:
        return None
    return WindowFact("end", window.enforceable_end)


def _wants_reminders(recruiter: Recruiter | None) -> bool:
    return recruiter is not None and (recruiter.email_reminders or recruiter.in_app_reminders)


def _window_recipients(window: NonCompete) -> list[Recruiter]:
    candidate = window.candidate
    recipients = {r.pk: r for r in candidate.watchers.all()}
    if candidate.owner is not None:
        recipients[candidate.owner.pk] = candidate.owner
    return [r for _, r in sorted(recipients.items()) if _wants_reminders(r)]


def facts_told(sent: Iterable[Reminder]) -> list[str]:
    """The facts a recipient was told about one window, in the order told, repeats folded."""
    told: list[str] = []
    for reminder in sorted(sent, key=lambda r: (r.sent_at, r.pk)):
        if not told or told[-1] != reminder.fact:
            told.append(reminder.fact)
    return told


def window_reminders(window: NonCompete, *, days: PlanWindow, history: Iterable[Reminder]) -> list[PlannedReminder]:
    """The reminders the window's current fact calls for, up to the horizon, given what was sent (`history`).

    The telling numbers the facts a recipient has been told: it stays while the
    fact does and grows when the fact changes after the recipient heard the old
    one, so the new fact gets fresh keys even when it was told once before
    (an end moved and moved back). A recipient who believes another fact and
    has no reminder of the new one due yet gets a correction at once.
    """
    fact = window_fact(window)
    if fact is None:
        return []
    sent: dict[int, list[Reminder]] = defaultdict(list)
    for reminder in history:
        if reminder.state == Reminder.State.SENT and reminder.kind != Reminder.Kind.FOLLOW_UP:
            sent[reminder.recipient_id].append(reminder)
    natural_end = legal_end(window)
    planned = []
    for recipient in _window_recipients(window):
        told = facts_told(sent[recipient.pk])
        believes_other = bool(told) and told[-1] != fact.label
        telling = len(told) if believes_other or not told else len(told) - 1
        common = {
            "group_key": f"nc:{window.pk}:r{recipient.pk}",
            "recipient_id": recipient.pk,
            "fact": fact.label,
            "telling": telling,
            "noncompete_id": window.pk,
        }
        prefix = f"nc:{window.pk}:t{telling}:{fact.kind}{fact.day.isoformat()}"
        rows = []
        if fact.kind == "free":
            if (natural_end >= days.since_day or believes_other) and fact.day <= days.horizon_day:
                rows.append(
                    PlannedReminder(
                        key=f"{prefix}:r{recipient.pk}",
                        kind=Reminder.Kind.FREE,
                        fires_on=fact.day,
                        due_at=due_instant(fact.day, recipient.timezone),
                        end_on=natural_end,
                        **common,
                    )
                )
        else:
            if fact.day >= days.since_day:
                for milestone in sorted(set(recipient.reminder_milestones), reverse=True):
                    fires_on = fact.day - dt.timedelta(days=milestone)
                    if fires_on <= days.horizon_day:
                        rows.append(
                            PlannedReminder(
                                key=f"{prefix}:m{milestone}:r{recipient.pk}",
                                kind=Reminder.Kind.MILESTONE,
                                fires_on=fires_on,
                                due_at=due_instant(fires_on, recipient.timezone),
                                end_on=fact.day,
                                milestone=milestone,
                                **common,
                            )
                        )
            if believes_other and not any(row.due_at <= days.now for row in rows):
                # Due at once, not at the next 09:00: the recipient may act on the old date today.
                rows.append(
                    PlannedReminder(
                        key=f"{prefix}:fix:r{recipient.pk}",
                        kind=Reminder.Kind.CORRECTION,
                        fires_on=local_today(days.now, recipient.timezone),
                        due_at=days.now,
                        end_on=fact.day,
                        **common,
                    )
                )
        planned.extend(rows)
    return planned


def note_reminders(note: OutreachNote, *, days: PlanWindow) -> list[PlannedReminder]:
    day = note.follow_up_on
    if day is None or not (days.since_day <= day <= days.horizon_day) or not _wants_reminders(note.author):
        return []
    author = note.author
    return [
        PlannedReminder(
            key=f"note:{note.pk}:{day.isoformat()}:r{author.pk}",
            group_key=f"note:{note.pk}:r{author.pk}",
            kind=Reminder.Kind.FOLLOW_UP,
            recipient_id=author.pk,
            fires_on=day,
            due_at=due_instant(day, author.timezone),
            fact=f"follow_up {day.isoformat()}",
            note_id=note.pk,
        )
    ]


# Only records whose recorded basis says the data came from elsewhere are reminded of; a record with no
# basis recorded (older records) shows on the desk instead of filling every owner's inbox at once.
NOTICE_REMINDED_BASES = (Candidate.LawfulBasis.PUBLIC, Candidate.LawfulBasis.LEGITIMATE_INTEREST)


def notice_reminders(candidate: Candidate, *, days: PlanWindow) -> list[PlannedReminder]:
    """A week before the day the person must be told (talent.privacy_rules), to the candidate's owner."""
    due = notice_due_on(candidate) if candidate.lawful_basis in NOTICE_REMINDED_BASES else None
    owner = candidate.owner
    if due is None or not _wants_reminders(owner):
        return []
    fires_on = due - dt.timedelta(days=NOTICE_SOON_DAYS)
    if not (days.since_day <= fires_on <= days.horizon_day):
        return []
    return [
        PlannedReminder(
            key=f"notice:{candidate.pk}:{due.isoformat()}:r{owner.pk}",
            group_key=f"notice:{candidate.pk}:r{owner.pk}",
            kind=Reminder.Kind.NOTICE,
            recipient_id=owner.pk,
            fires_on=fires_on,
            due_at=due_instant(fires_on, owner.timezone),
            fact=f"notice {due.isoformat()}",
            end_on=due,
            candidate_id=candidate.pk,
        )
    ]


def _apply(planned: list[PlannedReminder], existing: Iterable[Reminder]) -> None:
    """Make the pending rows of some sources match `planned`; sent and skipped rows are history."""
    by_key = {r.key: r for r in existing}
    wanted = {p.key for p in planned}
    stale = [r.pk for r in by_key.values() if r.state == Reminder.State.PENDING and r.key not in wanted]
    if stale:
        Reminder.objects.filter(pk__in=stale, state=Reminder.State.PENDING).delete()
    new = []
    for p in planned:
        row = by_key.get(p.key)
        if row is None:
            new.append(
                Reminder(
                    key=p.key,
                    group_key=p.group_key,
                    kind=p.kind,
                    fact=p.fact,
                    telling=p.telling,
                    noncompete_id=p.noncompete_id,
                    note_id=p.note_id,
                    candidate_id=p.candidate_id,
                    recipient_id=p.recipient_id,
                    milestone=p.milestone,
                    fires_on=p.fires_on,
                    end_on=p.end_on,
                    due_at=p.due_at,
                    next_attempt_at=p.due_at,
                )
            )
        elif row.state == Reminder.State.PENDING and p.kind != Reminder.Kind.CORRECTION and _moved(row, p):
            Reminder.objects.filter(pk=row.pk, state=Reminder.State.PENDING).update(
                fires_on=p.fires_on, due_at=p.due_at, end_on=p.end_on, next_attempt_at=p.due_at
            )
    # A key names the fact, the telling, the milestone and the recipient, so a
    # conflicting row is this very reminder, inserted by a planner running at
    # the same time (watch_add, a delivery's replan): that row stands. A spent
    # key is never wanted again for another fact, so nothing needed is dropped.
    Reminder.objects.bulk_create(new, ignore_conflicts=True)


def _moved(row: Reminder, planned: PlannedReminder) -> bool:
    """The pending row is the planned reminder but at another instant (a time zone change)."""
    return (row.fires_on, row.due_at, row.end_on) != (planned.fires_on, planned.due_at, planned.end_on)


def _windows_query():
    return NonCompete.objects.select_related("candidate__owner", "employment").prefetch_related("candidate__watchers")


def windows_plan(*, window_ids: Iterable[int], days: PlanWindow) -> int:
    ids = sorted(set(window_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        existing = list(Reminder.objects.filter(noncompete_id__in=chunk))
        history: dict[int, list[Reminder]] = defaultdict(list)
        for reminder in existing:
            history[reminder.noncompete_id].append(reminder)
        planned = []
        for window in _windows_query().filter(pk__in=chunk):
            planned.extend(window_reminders(window, days=days, history=history[window.pk]))
        _apply(planned, existing)
    return len(ids)


def notes_plan(*, note_ids: Iterable[int], days: PlanWindow) -> int:
    ids = sorted(set(note_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        planned = []
        for note in OutreachNote.objects.select_related("author").filter(pk__in=chunk):
            planned.extend(note_reminders(note, days=days))
        _apply(planned, Reminder.objects.filter(note_id__in=chunk))
    return len(ids)


def notices_plan(*, candidate_ids: Iterable[int], days: PlanWindow) -> int:
    ids = sorted(set(candidate_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        planned = []
        for candidate in Candidate.objects.select_related("owner").filter(pk__in=chunk):
            planned.extend(notice_reminders(candidate, days=days))
        _apply(planned, Reminder.objects.filter(candidate_id__in=chunk))
    return len(ids)


def _notices_firing(first_day: dt.date, last_day: dt.date) -> set[int]:
    """Candidates whose notice reminder may fire in [first_day, last_day] (notice_reminders decides)."""
    lead = dt.timedelta(days=NOTICE_SOON_DAYS)
    may_owe = may_owe_notice(Candidate.objects.filter(lawful_basis__in=NOTICE_REMINDED_BASES), by=last_day + lead)
    earliest = first_day + lead - dt.timedelta(days=31)
    return set(may_owe.filter(collected_day__gte=earliest).values_list("pk", flat=True))


def _notices_changed(since: dt.datetime) -> set[int]:
    recruiters = Recruiter.objects.filter(updated_at__gte=since).values("pk")
    changed = Q(updated_at__gte=since) | Q(owner__in=recruiters)
    pending = Q(notice_reminders__state=Reminder.State.PENDING)
    owing = Q(notified_on__isnull=True, lawful_basis__in=NOTICE_REMINDED_BASES)
    return set(Candidate.objects.filter(changed).filter(pending | owing).values_list("pk", flat=True))


def _milestones_in_use() -> set[int]:
    """Every milestone some recruiter asked for, and 0 (the day itself; also when a waiver takes effect)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT unnest(reminder_milestones) FROM crm_recruiter")
        return {0, *(row[0] for row in cursor.fetchall())}


def _windows_firing(first_day: dt.date, last_day: dt.date, milestones: set[int]) -> set[int]:
    """Windows with a milestone (for some recipient) or an early end falling in [first_day, last_day]."""
    ends = Q()
    for milestone in milestones:
        delta = dt.timedelta(days=milestone)
        ends |= Q(enforceable_end__range=(first_day + delta, last_day + delta))
    live = [NonCompete.Status.ACTIVE, *ENDED_EARLY]
    return set(NonCompete.objects.filter(ends, status__in=live).values_list("pk", flat=True))


def _windows_changed(since: dt.datetime, since_day: dt.date) -> set[int]:
    ids = set(NonCompete.objects.filter(updated_at__gte=since).values_list("pk", flat=True))
    recruiters = list(Recruiter.objects.filter(updated_at__gte=since).values_list("pk", flat=True))
    candidates = Q(candidate__updated_at__gte=since)
    if recruiters:
        candidates |= Q(candidate__owner__in=recruiters) | Q(candidate__watchers__in=recruiters)
    relevant = Q(enforceable_end__gte=since_day) | Q(reminders__state=Reminder.State.PENDING)
    ids |= set(NonCompete.objects.filter(candidates).filter(relevant).values_list("pk", flat=True).distinct())
    return ids


def _notes_changed(since: dt.datetime, since_day: dt.date) -> set[int]:
    recruiters = Recruiter.objects.filter(updated_at__gte=since).values("pk")
    changed = Q(updated_at__gte=since) | Q(author__in=recruiters, follow_up_on__gte=since_day)
    return set(OutreachNote.objects.filter(changed).values_list("pk", flat=True))


def _try_planner_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [PLANNER_LOCK_ID])
        return cursor.fetchone()[0]


def reminders_plan(*, now: dt.datetime) -> PlanResult:
    """Bring pending reminders in line with the facts changed, and the days reached, since the last run.

    Runs in one transaction under an advisory lock: a second planner at the
    same moment returns at once (`skipped`) instead of doing the work twice.
    """
    today = now.astimezone(dt.UTC).date()
    horizon_day = today + dt.timedelta(days=settings.REMINDERS_HORIZON_DAYS)
    with transaction.atomic():
        if not _try_planner_lock():
            return PlanResult(skipped=True)
        cursor = ReminderPlanCursor.objects.filter(name=CURSOR_NAME).first()
        if cursor is None:
            # First run: every window still binding, including those already
            # past a milestone (the latest passed one is delivered, late).
            days = PlanWindow(since_day=today - dt.timedelta(days=1), horizon_day=horizon_day, now=now)
            max_milestone = max(_milestones_in_use())
            window_ids = _windows_firing(days.since_day, horizon_day + dt.timedelta(days=max_milestone), {0})
            note_ids = set(
                OutreachNote.objects.filter(follow_up_on__range=(days.since_day, horizon_day)).values_list(
                    "pk", flat=True
                )
            )
            notice_ids = _notices_firing(days.since_day, horizon_day)
        else:
            # After an outage `since_day` reaches back to the last run, so the
            # milestones missed meanwhile are planned (and caught up).
            last_day = cursor.planned_at.astimezone(dt.UTC).date()
            days = PlanWindow(since_day=min(last_day, today) - dt.timedelta(days=1), horizon_day=horizon_day, now=now)
            changed_since = cursor.planned_at - dt.timedelta(seconds=settings.REMINDERS_CHANGE_SLACK_SECONDS)
            window_ids = _windows_changed(changed_since, days.since_day)
            note_ids = _notes_changed(changed_since, days.since_day)
            notice_ids = _notices_changed(changed_since)
            first_new_day = cursor.horizon_day + dt.timedelta(days=1)
            if first_new_day <= horizon_day:
                window_ids |= _windows_firing(first_new_day, horizon_day, _milestones_in_use())
                note_ids |= set(
                    OutreachNote.objects.filter(follow_up_on__range=(first_new_day, horizon_day)).values_list(
                        "pk", flat=True
                    )
                )
                notice_ids |= _notices_firing(first_new_day, horizon_day)
            horizon_day = max(horizon_day, cursor.horizon_day)
        windows = windows_plan(window_ids=window_ids, days=days)
        notes = notes_plan(note_ids=note_ids, days=days)
        notices = notices_plan(candidate_ids=notice_ids, days=days)
        ReminderPlanCursor.objects.update_or_create(
            name=CURSOR_NAME, defaults={"planned_at": now, "horizon_day": horizon_day}
        )
    return PlanResult(windows=windows, notes=notes, notices=notices)


def current_plan_window(*, now: dt.datetime) -> PlanWindow:
    today = now.astimezone(dt.UTC).date()
    return PlanWindow(
        since_day=today - dt.timedelta(days=1),
        horizon_day=today + dt.timedelta(days=settings.REMINDERS_HORIZON_DAYS),
        now=now,
    )


def candidate_reminders_plan(*, candidate: Candidate, now: dt.datetime) -> None:
    """Replan one candidate's windows at once, e.g. after its watchers changed."""
    window_ids = NonCompete.objects.filter(candidate=candidate).values_list("pk", flat=True)
    with transaction.atomic():
        windows_plan(window_ids=window_ids, days=current_plan_window(now=now))
