"""What a reminder says, in the app and by e-mail."""

import datetime as dt
import functools
from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from crm.models import Reminder
from crm.reminders.planning import fact_day
from crm.reminders.schedule import local_today
from talent.access import public_name
from talent.models import Candidate
from talent.noncompetes import legal_end


@dataclass(frozen=True)
class ReminderMessage:
    subject: str
    body: str
    admin_url: str
    api_url: str


@functools.cache
def _path_template(name: str, fallback: str) -> str:
    """The URL path of a candidate page with `{}` for its id (reversing on every message is slow)."""
    try:
        return reverse(name, args=[_ID_PLACEHOLDER]).replace(str(_ID_PLACEHOLDER), "{}")
    except NoReverseMatch:
        return fallback


_ID_PLACEHOLDER = 987654321


def candidate_links(candidate_id: int) -> tuple[str, str]:
    """Links to the candidate: the admin change page and the API detail."""
    admin_path = _path_template("admin:talent_candidate_change", "/admin/talent/candidate/{}/change/")
    api_path = _path_template("candidate-detail", "/api/v1/candidates/{}/")
    return (
        f"{settings.SITE_URL}{admin_path.format(candidate_id)}",
        f"{settings.SITE_URL}{api_path.format(candidate_id)}",
    )


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def reminder_message(reminder: Reminder, *, now: dt.datetime) -> ReminderMessage:
    recipient = reminder.recipient
    if reminder.kind == Reminder.Kind.FOLLOW_UP:
        note = reminder.note
        candidate: Candidate = note.candidate
    elif reminder.kind == Reminder.Kind.NOTICE:
        candidate = reminder.candidate
    else:
        window = reminder.noncompete
        candidate = window.candidate
    name = public_name(recipient.user, candidate)
    admin_url, api_url = candidate_links(candidate.pk)
    today = local_today(now, recipient.timezone)
    late = f"\n(Late: this reminder was due {reminder.fires_on:%Y-%m-%d}.)" if reminder.late else ""
    links = f"\n\nIn Talentbase: {admin_url}\nAPI: {api_url}\n"

    if reminder.kind == Reminder.Kind.FOLLOW_UP:
        subject = f"Follow up with {name} today"
        body = (
            f"You planned to follow up with {name} on {reminder.fires_on:%Y-%m-%d}.\n"
            f"Your note ({note.get_channel_display()}, {note.happened_at:%Y-%m-%d}): {note.summary[:300]}{late}"
        )
        return ReminderMessage(subject, body + links, admin_url, api_url)

    if reminder.kind == Reminder.Kind.NOTICE:
        due = reminder.end_on
        subject = f"Tell {name} that we hold their data by {due:%Y-%m-%d}"
        body = (
            f"{name} has not been told that the firm holds their data. GDPR art. 14(3)(a) gives one month "
            f"from collecting it (PIPL art. 17: before processing): tell them by {due:%Y-%m-%d}, then record "
            f"the day and channel in the candidate's Privacy section.{late}"
        )
        return ReminderMessage(subject, body + links, admin_url, api_url)

    employer = window.employer.name
    correction = ""
    if reminder.corrects is not None:
        correction = (
            f"End date changed: now {fact_day(reminder.fact):%Y-%m-%d}, was {fact_day(reminder.corrects.fact):%Y-%m-%d}"
        )
    if reminder.kind == Reminder.Kind.FREE:
        how = window.get_status_display().lower()
        subject = f"{name} is free: the non-compete with {employer} ended early"
        body = (
            f"Candidate: {name}\nEmployer: {employer}\nStatus: {how}\n"
            f"The restriction ended on {reminder.fires_on:%Y-%m-%d} instead of {legal_end(window):%Y-%m-%d}; "
            "no more non-compete reminders will follow for this window unless it is reinstated."
        )
        if correction:
            body = f"{correction}.\n{body}"
        return ReminderMessage(subject, body + links, admin_url, api_url)

    end = reminder.end_on
    days_left = (end - today).days
    if days_left > 0:
        when = f"ends in {_days(days_left)}"
    elif days_left == 0:
        when = "ends today"
    else:
        when = f"ended {_days(-days_left)} ago"
    subject = f"{name}: non-compete with {employer} {when} ({end:%Y-%m-%d})"
    body = (
        f"Candidate: {name}\nEmployer: {employer}\nJurisdiction: {window.get_jurisdiction_display()}\n"
        f"Enforceable end: {end:%Y-%m-%d} (free from the day after)\nDays left: {max(days_left, 0)}{late}"
    )
    if correction:
        subject = f"{correction}: {subject}"
        body = f"{correction}.\n{body}"
    return ReminderMessage(subject, body + links, admin_url, api_url)


def message_id(reminder: Reminder) -> str:
    """The same for every attempt, so mail clients fold a repeated hand-off into one message."""
    return f"<reminder.{reminder.key.replace(':', '.')}@{settings.REMINDERS_EMAIL_DOMAIN}>"
