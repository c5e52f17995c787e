import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from accounts.models import Recruiter, Team
from crm.models import Notification, OutreachNote
from tests.factories import CandidateFactory, OutreachNoteFactory, RecruiterFactory, UserFactory
from tests.talent.test_admin import candidate_form

pytestmark = pytest.mark.django_db

NOTES_URL = reverse("admin:crm_outreachnote_changelist")
ADD_NOTE_URL = reverse("admin:crm_outreachnote_add")


def note_form(candidate, author, **fields) -> dict:
    return {
        "candidate": candidate.pk,
        "author": author.pk,
        "happened_at_0": "2026-11-01",
        "happened_at_1": "12:00:00",
        "channel": "wechat",
        "direction": "outbound",
        "summary": "Coffee chat.",
        "interest": "unknown",
        "declined_reason": "",
        "follow_up_on": "",
        **fields,
    }


def candidate_page(candidate, **inlines) -> dict:
    """The candidate change form as posted, unchanged but for the inline rows given."""
    return candidate_form(
        native_name=candidate.native_name,
        english_name=candidate.english_name,
        city=candidate.city,
        country=candidate.country,
        owner=candidate.owner_id or "",
        team=candidate.team_id or "",
        **inlines,
    )


def inline_note(**fields) -> dict:
    return {
        "happened_at_0": "2026-11-01",
        "happened_at_1": "12:00:00",
        "channel": "wechat",
        "direction": "outbound",
        "summary": "Coffee chat.",
        "interest": "unknown",
        "declined_reason": "",
        "follow_up_on": "",
        **fields,
    }


def listed(client, **params) -> set[int]:
    response = client.get(NOTES_URL, params)
    assert response.status_code == 200
    return {note.pk for note in response.context["cl"].result_list}


def test_new_note_is_written_by_the_current_recruiter_by_default(admin_client, admin_user):
    me = RecruiterFactory(user=admin_user)

    form = admin_client.get(ADD_NOTE_URL).context["adminform"].form

    assert form["author"].value() == me.pk


def test_note_logged_on_the_candidate_page_is_written_by_the_current_recruiter(admin_client, admin_user):
    me, colleague = RecruiterFactory(user=admin_user), RecruiterFactory()
    candidate = CandidateFactory(owner=me)
    data = candidate_page(candidate, outreach_notes=[{**inline_note(), "author": colleague.pk}])

    response = admin_client.post(reverse("admin:talent_candidate_change", args=[candidate.pk]), data)

    assert response.status_code == 302
    assert candidate.outreach_notes.get().author == me


def test_note_is_saved(admin_client, admin_user):
    me = RecruiterFactory(user=admin_user)
    candidate = CandidateFactory()

    response = admin_client.post(ADD_NOTE_URL, note_form(candidate, me, interest="warm", follow_up_on="2027-01-15"))

    assert response.status_code == 302
    note = OutreachNote.objects.get()
    assert (note.author, note.candidate, note.follow_up_on) == (me, candidate, dt.date(2027, 1, 15))


def test_declined_note_without_a_reason_is_refused(admin_client, admin_user):
    me = RecruiterFactory(user=admin_user)

    response = admin_client.post(ADD_NOTE_URL, note_form(CandidateFactory(), me, interest="declined"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["declined_reason"] == ["Say why the candidate declined."]
    assert not OutreachNote.objects.exists()


def test_notes_are_filtered_by_author_channel_and_interest(admin_client):
    mine = OutreachNoteFactory(channel="phone", interest="hot")
    theirs = OutreachNoteFactory(channel="wechat", interest="cold")

    assert listed(admin_client, author__id__exact=mine.author_id) == {mine.pk}
    assert listed(admin_client, channel__exact="wechat") == {theirs.pk}
    assert listed(admin_client, interest__exact="hot") == {mine.pk}


def test_notes_are_filtered_by_follow_up(admin_client):
    today = timezone.localdate()
    overdue = OutreachNoteFactory(follow_up_on=today - dt.timedelta(days=1))
    due = OutreachNoteFactory(follow_up_on=today)
    soon = OutreachNoteFactory(follow_up_on=today + dt.timedelta(days=5))
    unplanned = OutreachNoteFactory(follow_up_on=None)

    assert listed(admin_client, follow_up="overdue") == {overdue.pk}
    assert listed(admin_client, follow_up="today") == {due.pk}
    assert listed(admin_client, follow_up="week") == {due.pk, soon.pk}
    assert listed(admin_client, follow_up="none") == {unplanned.pk}


def test_notes_have_a_date_hierarchy(admin_client):
    november = OutreachNoteFactory(happened_at=dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC))
    OutreachNoteFactory(happened_at=dt.datetime(2025, 5, 1, 12, tzinfo=dt.UTC))

    assert listed(admin_client, happened_at__year=2026) == {november.pk}


def test_notes_are_found_by_any_form_of_the_candidates_name(admin_client):
    note = OutreachNoteFactory(candidate=CandidateFactory(native_name="陽陸育"))
    OutreachNoteFactory()

    assert listed(admin_client, q="yly") == {note.pk}
    assert listed(admin_client, q="阳陆育") == {note.pk}


def test_recruiter_is_created_with_zone_and_reminder_preferences(admin_client):
    user = UserFactory(username="mei")
    team = Team.objects.create(name="AI infra")
    data = {
        "user": user.pk,
        "team": team.pk,
        "timezone": "America/Los_Angeles",
        "city": "Palo Alto",
        "reminder_milestones": "60,30,7",
        "email_reminders": "on",
    }

    response = admin_client.post(reverse("admin:accounts_recruiter_add"), data)

    assert response.status_code == 302
    recruiter = Recruiter.objects.get(user=user)
    assert (recruiter.timezone, recruiter.reminder_milestones) == ("America/Los_Angeles", [60, 30, 7])
    assert (recruiter.email_reminders, recruiter.in_app_reminders) == (True, False)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("timezone", "Mars/Olympus", "Select a valid choice. Mars/Olympus is not one of the available choices."),
        ("reminder_milestones", "30,30", "Each milestone may appear only once."),
    ],
)
def test_recruiter_with_bad_preferences_is_refused(admin_client, field, value, message):
    data = {
        "user": UserFactory().pk,
        "team": "",
        "timezone": "Asia/Shanghai",
        "reminder_milestones": "30,7",
        field: value,
    }

    response = admin_client.post(reverse("admin:accounts_recruiter_add"), data)

    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors[field]
    assert not Recruiter.objects.exists()


def test_team_is_listed_with_its_lead_and_members(admin_client):
    lead = RecruiterFactory(user=UserFactory(first_name="Mei", last_name="Lin"))
    RecruiterFactory(team=lead.team)

    response = admin_client.get(reverse("admin:accounts_team_changelist"))

    team = response.context["cl"].result_list[0]
    assert team.member_count == 2
    content = response.content.decode()
    assert lead.team.name in content


def test_team_lead_is_set_through_autocomplete(admin_client):
    lead = RecruiterFactory(user=UserFactory(username="mei.lin"))

    found = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "mei", "app_label": "accounts", "model_name": "team", "field_name": "lead"},
    ).json()["results"]
    response = admin_client.post(reverse("admin:accounts_team_add"), {"name": "Foundation models", "lead": lead.pk})

    assert [row["id"] for row in found] == [str(lead.pk)]
    assert response.status_code == 302
    assert Team.objects.get(name="Foundation models").lead == lead


def test_staff_see_only_their_own_notifications_and_no_notes_on_candidates_they_are_not_cleared_for(client):
    me, other = RecruiterFactory(), RecruiterFactory()
    me.user.is_staff = True
    me.user.save()
    me.user.user_permissions.add(*Permission.objects.filter(codename__in=["view_notification", "view_outreachnote"]))
    Notification.objects.create(recipient=me, title="Mine: window ends", body="", url="", created_at=timezone.now())
    Notification.objects.create(
        recipient=other, title="Theirs: window ends", body="", url="", created_at=timezone.now()
    )
    secret = CandidateFactory(native_name="陈秘", english_name="Secret", is_confidential=True, pseudonym="Falcon")
    OutreachNoteFactory(candidate=secret, author=other, summary="Dinner in Mountain View")
    OutreachNoteFactory(candidate=CandidateFactory(english_name="Open Person"), author=other)
    client.force_login(me.user)
    notifications = client.get("/admin/crm/notification/").content.decode()
    assert "Mine: window ends" in notifications and "Theirs" not in notifications
    notes = client.get("/admin/crm/outreachnote/").content.decode()
    assert "Open Person" in notes
    assert "陈秘" not in notes and "Secret" not in notes
