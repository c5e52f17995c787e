import base64
import datetime as dt

import psycopg
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.status.feed import status_clock_sweep
from talent.models import Candidate, Company, Employment, StatusChange, StatusClock
from tests.conftest import endpoint_queries
from tests.factories import CandidateFactory, CompanyFactory, EmploymentFactory, NonCompeteFactory, OutreachNoteFactory
from tests.status.conftest import client_for, status_key

pytestmark = pytest.mark.django_db(transaction=True)

CHANGES = "/api/v1/status/changes/"


class Mirror:
    """What a client polling the changes feed holds."""

    def __init__(self, client, *, limit: int = 2):
        self.client, self.limit = client, limit
        self.cursor: str | None = None
        self.statuses: dict[int, dict] = {}
        self.seen: list[int] = []

    def poll(self) -> None:
        self.seen = []
        while True:
            params = {"limit": self.limit} | ({"cursor": self.cursor} if self.cursor else {})
            response = self.client.get(CHANGES, params)
            assert response.status_code == 200, response.content
            body = response.json()
            assert len(body["changes"]) <= self.limit
            for change in body["changes"]:
                self.seen.append(change["id"])
                if change["change"] == "upsert":
                    self.statuses[change["id"]] = change["status"]
                else:
                    assert change["status"] is None
                    self.statuses.pop(change["id"], None)
            self.cursor = body["next_cursor"]
            if not body["has_more"]:
                return

    def assert_matches_server(self) -> None:
        server = {}
        for pk in Candidate.objects.values_list("pk", flat=True):
            response = self.client.get(f"/api/v1/status/{pk}/")
            assert response.status_code == 200
            server[pk] = response.json()
        assert self.statuses == server


@pytest.fixture
def clock():
    with time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        yield traveller


@pytest.mark.parametrize("viewer", ["other_recruiter", "api_client", "owner_with_status_key"])
def test_a_client_polling_the_feed_holds_an_exact_mirror(viewer, clock, owner, outsider, api_user):
    client = {
        "other_recruiter": lambda: client_for(outsider.user),
        "api_client": lambda: client_for(api_user),
        "owner_with_status_key": lambda: client_for(owner.user, token=status_key(owner.user)),
    }[viewer]()
    acme, nimbus = CompanyFactory(name="Acme Labs"), CompanyFactory(name="Nimbus AI")
    ming = CandidateFactory(owner=owner, native_name="陆明", english_name="Ming Lu")
    EmploymentFactory(candidate=ming, company=acme)
    wei = CandidateFactory(owner=owner)
    wei_job = EmploymentFactory(candidate=wei, company=acme, start_date=dt.date(2021, 1, 1))
    mirror = Mirror(client)
    mirror.poll()
    mirror.assert_matches_server()

    # Created and renamed.
    newcomer = CandidateFactory(owner=owner)
    ming.english_name = "Ming Lu Jr."
    ming.save()
    mirror.poll()
    assert mirror.statuses[newcomer.pk]["id"] == newcomer.pk
    assert mirror.statuses[ming.pk]["english_name"] == "Ming Lu Jr."

    # Changed jobs, and is bound by a non-compete until 30 November.
    wei_job.end_date = dt.date(2026, 11, 15)
    wei_job.save()
    EmploymentFactory(candidate=wei, company=nimbus, title="Founder", start_date=dt.date(2026, 11, 16))
    window = NonCompeteFactory(
        candidate=wei, employer=acme, starts_on=dt.date(2026, 11, 16), contractual_end=dt.date(2026, 11, 30)
    )
    window.restricted_companies.add(nimbus)
    mirror.poll()
    assert mirror.statuses[wei.pk]["availability"]["state"] == "in_noncompete"
    assert mirror.statuses[wei.pk]["noncompete"]["restricted_companies"] == [{"id": nimbus.pk, "name": "Nimbus AI"}]

    # Made confidential, contacted, deleted (one the client saw, one it never did), a company renamed.
    ming.pseudonym, ming.is_confidential = "Falcon", True
    ming.save()
    OutreachNoteFactory(candidate=wei, author=outsider, follow_up_on=dt.date(2026, 11, 26))
    newcomer.delete()
    CandidateFactory(owner=owner).delete()
    Company.objects.filter(pk=acme.pk).update(name="Acme Research")
    mirror.poll()
    assert newcomer.pk not in mirror.statuses
    assert mirror.statuses[ming.pk]["identity_hidden"] is True
    assert mirror.statuses[ming.pk]["name"] == "Falcon"
    assert mirror.statuses[ming.pk]["company"]["name"] == "Acme Research"
    mirror.assert_matches_server()

    # Nothing written: the window ends by the clock, and so does the follow-up.
    clock.move_to(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC))
    status_clock_sweep(today=dt.date(2026, 12, 1))  # as the scheduler does after midnight
    mirror.poll()
    assert wei.pk in mirror.seen
    assert mirror.statuses[wei.pk]["availability"] == {"state": "employed", "until": None, "days_left": None}
    assert mirror.statuses[wei.pk]["noncompete"] is None
    mirror.assert_matches_server()

    mirror.poll()
    assert mirror.seen == []


def test_a_recruiter_moved_into_the_owners_team_gets_the_names_on_the_next_poll(clock, owner, outsider):
    secret = CandidateFactory(owner=owner, english_name="Ming Lu", pseudonym="Falcon", is_confidential=True)
    mirror = Mirror(client_for(outsider.user))
    mirror.poll()
    assert mirror.statuses[secret.pk]["name"] == "Falcon"
    outsider.team = owner.team
    outsider.save()
    mirror.poll()
    assert mirror.statuses[secret.pk]["identity_hidden"] is False
    mirror.assert_matches_server()


def test_team_members_lose_the_name_when_the_owner_moves_to_another_team(clock, owner, teammate, outsider):
    secret = CandidateFactory(owner=owner, english_name="Ming Lu", pseudonym="Falcon", is_confidential=True)
    mirror = Mirror(client_for(teammate.user))
    mirror.poll()
    assert mirror.statuses[secret.pk]["english_name"] == "Ming Lu"
    owner.team = outsider.team
    owner.save()
    mirror.poll()
    assert mirror.statuses[secret.pk]["identity_hidden"] is True
    mirror.assert_matches_server()


def _connect() -> psycopg.Connection:
    settings = connection.settings_dict
    params = {"dbname": settings["NAME"], "user": settings["USER"], "host": settings["HOST"]}
    params |= {"password": settings["PASSWORD"]} if settings["PASSWORD"] else {}
    params |= {"port": settings["PORT"]} if settings["PORT"] else {}
    return psycopg.connect(**params)


def test_a_change_committed_late_by_an_earlier_transaction_is_not_skipped(clock, api_user):
    slow, quick = CandidateFactory(english_name="Slow"), CandidateFactory(english_name="Quick")
    mirror = Mirror(client_for(api_user), limit=100)
    mirror.poll()
    first, second = _connect(), _connect()
    try:
        first.execute("UPDATE talent_candidate SET english_name = 'Slow, renamed' WHERE id = %s", [slow.pk])
        second.execute("UPDATE talent_candidate SET english_name = 'Quick, renamed' WHERE id = %s", [quick.pk])
        second.commit()
        newest = "SELECT max(id) FROM talent_statuschange WHERE candidate_id = %s"
        slow_row, quick_row = (
            first.execute(newest, [slow.pk]).fetchone()[0],
            second.execute(newest, [quick.pk]).fetchone()[0],
        )
        assert slow_row < quick_row  # the transaction still open took the lower log id

        mirror.poll()
        assert slow.pk not in mirror.seen
        assert mirror.statuses[slow.pk]["english_name"] == "Slow"

        first.commit()
        mirror.poll()
        assert slow.pk in mirror.seen
        assert mirror.statuses[slow.pk]["english_name"] == "Slow, renamed"
        assert mirror.statuses[quick.pk]["english_name"] == "Quick, renamed"
        mirror.assert_matches_server()
    finally:
        first.close()
        second.close()


def test_a_rolled_back_change_leaves_nothing_to_serve(clock, api_user):
    candidate = CandidateFactory()
    mirror = Mirror(client_for(api_user))
    mirror.poll()
    with _connect() as aborted:
        aborted.execute("UPDATE talent_candidate SET english_name = 'Never' WHERE id = %s", [candidate.pk])
        aborted.rollback()
    mirror.poll()
    assert mirror.seen == []


def test_the_clock_sweep_logs_each_day_once(clock):
    ends_yesterday = NonCompeteFactory(starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2026, 11, 23))
    starts_today = NonCompeteFactory(starts_on=dt.date(2026, 11, 24), contractual_end=dt.date(2027, 5, 23))
    NonCompeteFactory(starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2026, 12, 31))  # nothing today
    before = StatusChange.objects.count()
    assert status_clock_sweep(today=dt.date(2026, 11, 24)) == 2
    assert status_clock_sweep(today=dt.date(2026, 11, 24)) == 0
    logged = StatusChange.objects.order_by("id")[before:]
    assert sorted(row.candidate_id for row in logged) == sorted(
        [ends_yesterday.candidate_id, starts_today.candidate_id]
    )


def test_the_clock_sweep_catches_up_on_missed_days(clock):
    status_clock_sweep(today=dt.date(2026, 11, 24))
    window = NonCompeteFactory(starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2026, 11, 25))
    assert status_clock_sweep(today=dt.date(2026, 11, 29)) == 1
    assert StatusChange.objects.order_by("-id").first().candidate_id == window.candidate_id


def test_a_new_employment_is_logged_by_the_database_whoever_writes_it(clock):
    candidate = CandidateFactory()
    company = CompanyFactory()
    before = StatusChange.objects.filter(candidate_id=candidate.pk).count()
    Employment.objects.bulk_create(
        [Employment(candidate=candidate, company=company, title="CTO", start_date=dt.date(2026, 11, 24))]
    )
    assert StatusChange.objects.filter(candidate_id=candidate.pk).count() == before + 1


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage!",
        "bm90IGpzb24",  # "not json"
        base64.urlsafe_b64encode(b'[1,-5,3,"ab"]').decode(),
        base64.urlsafe_b64encode(b'[9,5,3,"ab"]').decode(),
        base64.urlsafe_b64encode(b'{"a":1}').decode(),
    ],
)
def test_a_cursor_the_feed_did_not_give_out_is_400(api_user, cursor):
    assert client_for(api_user).get(CHANGES, {"cursor": cursor}).status_code == 400


@pytest.mark.parametrize("limit", ["0", "501", "many"])
def test_a_limit_out_of_range_is_400(api_user, limit):
    assert client_for(api_user).get(CHANGES, {"limit": limit}).status_code == 400


def test_reading_the_feed_writes_nothing(clock, api_user):
    # The calendar's changes are logged by the scheduler (crm.tasks.status_clock_sweep_task), not by readers.
    NonCompeteFactory(starts_on=dt.date(2026, 1, 1), contractual_end=dt.date(2026, 11, 20))
    with CaptureQueriesContext(connection) as captured:
        response = client_for(api_user).get("/api/v1/status/changes/")
    assert response.status_code == 200
    statements = [sql.lstrip().upper() for sql in endpoint_queries(captured)]
    # Only the key's once-a-minute "last used" stamp may be written.
    writes = [sql for sql in statements if sql.startswith(("INSERT", "UPDATE", "DELETE")) and "APITOKEN" not in sql]
    assert writes == []
    assert not StatusClock.objects.exists()
