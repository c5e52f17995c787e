"""The recruiter's day, as the admin's front page shows it.

Non-compete windows of the candidates they own or watch that end within 7 and
30 days, follow-ups due today and overdue, unread notifications, and the
latest moves in their market (to or from the companies their candidates work
at). Everything is computed for a given `now` in the recruiter's own zone.
"""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.roles import recruiter_of
from crm.models import Notification, OutreachNote
from crm.privacy.notice import NoticeDue, notices_due, notices_due_count
from crm.selectors import notes_visible_to
from talent.access import candidates_cleared_for
from talent.availability import days_left_label
from talent.models import Candidate, Employment, NonCompete
from talent.moves import attach_origins, moves_for_rendering, moves_visible_to

SOON_DAYS = 7
WINDOW_DAYS = 30
MOVES_SHOWN = 10
NOTIFICATIONS_SHOWN = 10
# After an import a recruiter may owe thousands of notices: the desk lists the soonest and counts the rest.
NOTICES_SHOWN = 20
MOVES_LOOKBACK_DAYS = 365


@dataclass(frozen=True)
class EndingWindow:
    window: NonCompete
    days_left: int

    @property
    def label(self) -> str:
        return days_left_label(self.days_left)


@dataclass
class Desk:
    today: dt.date
    within_7_days: list[EndingWindow] = field(default_factory=list)
    within_30_days: list[EndingWindow] = field(default_factory=list)
    follow_ups_today: list[OutreachNote] = field(default_factory=list)
    follow_ups_overdue: list[OutreachNote] = field(default_factory=list)
    unread: list[Notification] = field(default_factory=list)
    unread_count: int = 0
    moves: list[Employment] = field(default_factory=list)
    notices_due: list[NoticeDue] = field(default_factory=list)
    notices_due_count: int = 0


def _my_candidates(user, recruiter) -> QuerySet[Candidate]:
    cleared = candidates_cleared_for(user)
    if recruiter is None:
        return cleared.none()
    return cleared.filter(Q(owner=recruiter) | Q(watchers=recruiter)).distinct()


def desk_for(user, *, now: dt.datetime) -> Desk:
    recruiter = recruiter_of(user)
    zone = ZoneInfo(recruiter.timezone) if recruiter else dt.UTC
    today = now.astimezone(zone).date()
    desk = Desk(today=today)
    mine = _my_candidates(user, recruiter)

    windows = (
        NonCompete.objects.filter(
            candidate__in=mine.values("pk"),
            enforceable_end__gte=today,
            enforceable_end__lte=today + dt.timedelta(days=WINDOW_DAYS),
        )
        .select_related("candidate", "employer")
        .order_by("enforceable_end", "pk")
    )
    for window in windows:
        ending = EndingWindow(window=window, days_left=(window.enforceable_end - today).days)
        (desk.within_7_days if ending.days_left <= SOON_DAYS else desk.within_30_days).append(ending)

    if recruiter is not None:
        # A follow-up is done once its author logs a later note on the same candidate.
        later = OutreachNote.objects.filter(
            candidate=OuterRef("candidate_id"), author=OuterRef("author_id"), happened_at__gt=OuterRef("happened_at")
        )
        due = (
            notes_visible_to(user)
            .filter(author=recruiter, follow_up_on__lte=today)
            .exclude(Exists(later))
            .select_related("candidate")
            .order_by("follow_up_on", "pk")
        )
        for note in due:
            (desk.follow_ups_today if note.follow_up_on == today else desk.follow_ups_overdue).append(note)
        unread = Notification.objects.filter(recipient=recruiter, read_at__isnull=True)
        desk.unread_count = unread.count()
        desk.unread = list(unread.order_by("-created_at", "-pk")[:NOTIFICATIONS_SHOWN])

    desk.moves = _market_moves(user, mine, today)
    desk.notices_due = notices_due(mine, today=today, limit=NOTICES_SHOWN)
    desk.notices_due_count = len(desk.notices_due)
    if desk.notices_due_count == NOTICES_SHOWN:  # a full list may have more behind it
        desk.notices_due_count = notices_due_count(mine, today=today)
    return desk


def _market_moves(user, mine: QuerySet[Candidate], today: dt.date) -> list[Employment]:
    """The latest moves to or from a company where one of `mine` works now (else any company)."""
    moves = moves_visible_to(user).filter(start_date__gt=today - dt.timedelta(days=MOVES_LOOKBACK_DAYS))
    moves = moves.filter(start_date__lte=today)
    market = Employment.objects.filter(candidate__in=mine.values("pk"), end_date__isnull=True).values("company_id")
    if market.exists():
        moves = moves.filter(Q(company_id__in=market) | Q(from_company_id__in=market))
    rows = list(moves_for_rendering(moves).order_by("-start_date", "-pk")[:MOVES_SHOWN])
    return attach_origins(rows)
