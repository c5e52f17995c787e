import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.models import OutreachNote
from crm.status.payload import StatusViewer, candidate_status, statuses_visible_to
from talent.models import Candidate
from tests.conftest import endpoint_queries
from tests.factories import CandidateFactory, CompanyFactory, EmploymentFactory, NonCompeteFactory, OutreachNoteFactory
from tests.status.conftest import client_for, status_key

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def secret(owner):
    return CandidateFactory(
        owner=owner, native_name="陆明", english_name="Ming Lu", pseudonym="Falcon", is_confidential=True
    )


def status_of(client, candidate: Candidate) -> dict:
    response = client.get(f"/api/v1/status/{candidate.pk}/")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("who", ["owner", "teammate", "admin_user"])
def test_owner_team_and_admins_see_a_confidential_candidates_name(who, secret, request):
    user = request.getfixturevalue(who)
    status = status_of(client_for(getattr(user, "user", user)), secret)
    assert status["name"] == "陆明 (Ming Lu)"
    assert (status["native_name"], status["english_name"]) == ("陆明", "Ming Lu")
    assert status["identity_hidden"] is False


def test_other_recruiters_and_api_clients_see_only_the_pseudonym(secret, outsider, api_user):
    for client in (client_for(outsider.user), client_for(api_user)):
        status = status_of(client, secret)
        assert status["name"] == "Falcon"
        assert status["native_name"] is None and status["english_name"] is None
        assert status["identity_hidden"] is True


def test_a_status_key_reads_as_an_api_client_even_for_the_owner(secret, owner):
    status = status_of(client_for(owner.user, token=status_key(owner.user)), secret)
    assert status["identity_hidden"] is True
    assert "last_outreach" not in status and "next_follow_up_on" not in status


def test_api_client_payload_has_no_outreach_fields(outsider, api_user):
    candidate = CandidateFactory()
    OutreachNoteFactory(candidate=candidate, author=outsider, follow_up_on=dt.date(2026, 12, 1))
    status = status_of(client_for(api_user), candidate)
    assert "last_outreach" not in status and "next_follow_up_on" not in status


def test_recruiter_sees_the_last_outreach_visible_to_them_and_the_next_follow_up(outsider, teammate):
    candidate = CandidateFactory()
    OutreachNoteFactory(
        candidate=candidate,
        author=outsider,
        happened_at=dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC),
        channel=OutreachNote.Channel.PHONE,
        interest=OutreachNote.Interest.WARM,
        follow_up_on=dt.date(2026, 12, 10),
    )
    OutreachNoteFactory(  # earlier, and its follow-up date has passed
        candidate=candidate,
        author=outsider,
        happened_at=dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC),
        follow_up_on=dt.date(2026, 11, 20),
    )
    OutreachNoteFactory(  # later, but confidential to its author's team
        candidate=candidate,
        author=teammate,
        happened_at=dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC),
        is_confidential=True,
        follow_up_on=dt.date(2026, 11, 25),
    )
    status = status_of(client_for(outsider.user), candidate)
    assert status["last_outreach"] == {"at": "2026-11-01T12:00:00Z", "channel": "phone", "interest": "warm"}
    assert status["next_follow_up_on"] == "2026-12-10"
    assert status_of(client_for(teammate.user), candidate)["next_follow_up_on"] == "2026-11-25"


def test_status_shows_the_current_job_and_the_binding_noncompete(api_user):
    bytedance, moonshot = CompanyFactory(name="Acme Labs"), CompanyFactory(name="Nimbus AI")
    candidate = CandidateFactory()
    EmploymentFactory(candidate=candidate, company=bytedance, start_date=dt.date(2020, 1, 1), end_date=TODAY)
    EmploymentFactory(candidate=candidate, company=moonshot, title="Founder", start_date=dt.date(2026, 11, 1))
    window = NonCompeteFactory(
        candidate=candidate, employer=bytedance, starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2026, 11, 30)
    )
    window.restricted_companies.add(moonshot)
    status = status_of(client_for(api_user), candidate)
    assert status["company"] == {"id": moonshot.pk, "name": "Nimbus AI"}
    assert status["title"] == "Founder"
    assert status["availability"] == {"state": "in_noncompete", "until": "2026-11-30", "days_left": 6}
    assert status["noncompete"] == {
        "employer": {"id": bytedance.pk, "name": "Acme Labs"},
        "enforceable_end": "2026-11-30",
        "days_left": 6,
        "restricted_companies": [{"id": moonshot.pk, "name": "Nimbus AI"}],
    }


def test_version_ignores_the_countdown_but_changes_when_the_window_ends(api_user):
    window = NonCompeteFactory(starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2026, 11, 30))
    viewer = StatusViewer(user=api_user)

    def version_on(day: dt.date) -> str:
        candidate = statuses_visible_to(viewer, today=day).get(pk=window.candidate_id)
        return candidate_status(candidate, viewer=viewer, today=day)["version"]

    assert version_on(dt.date(2026, 11, 24)) == version_on(dt.date(2026, 11, 30))
    assert version_on(dt.date(2026, 11, 30)) != version_on(dt.date(2026, 12, 1))


def test_level_and_band_of_the_current_job_are_shown(api_user):
    from tests.factories import level

    p9 = level("Alibaba", "P9")
    candidate = CandidateFactory()
    EmploymentFactory(candidate=candidate, company=p9.company, level=p9)
    status = status_of(client_for(api_user), candidate)
    assert status["level"] == "P9"
    assert status["band"] == {"code": p9.band.code, "rank": p9.band.rank}


def test_unknown_candidate_is_404(api_user):
    assert client_for(api_user).get("/api/v1/status/999999/").status_code == 404


def test_anonymous_callers_are_refused(secret):
    from rest_framework.test import APIClient

    assert APIClient().get(f"/api/v1/status/{secret.pk}/").status_code in (401, 403)


def test_matching_etag_gives_304_and_a_change_gives_200(api_user):
    candidate = CandidateFactory(english_name="Ming Lu")
    client = client_for(api_user)
    first = client.get(f"/api/v1/status/{candidate.pk}/")
    assert first["ETag"] == f'"{first.json()["version"]}"'
    assert first.has_header("Last-Modified")
    again = client.get(f"/api/v1/status/{candidate.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    Candidate.objects.filter(pk=candidate.pk).update(english_name="Ming Lu Jr.")
    changed = client.get(f"/api/v1/status/{candidate.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed.json()["english_name"] == "Ming Lu Jr."


def test_bulk_read_keeps_the_order_asked_and_lists_missing_ids(api_user):
    first, second = CandidateFactory(), CandidateFactory()
    response = client_for(api_user).get(f"/api/v1/status/?ids={second.pk},999999,{first.pk},{second.pk}")
    assert response.status_code == 200
    body = response.json()
    assert [s["id"] for s in body["statuses"]] == [second.pk, first.pk]
    assert body["missing"] == [999999]
    again = client_for(api_user).get(
        f"/api/v1/status/?ids={second.pk},999999,{first.pk}", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


@pytest.mark.parametrize(
    "ids", ["", "a,b", "0", "1,-2", "1.5", ",".join(str(n) for n in range(1, 102)), "1," + str(2**63), "9" * 30]
)
def test_bulk_read_refuses_bad_ids(api_user, ids):
    response = client_for(api_user).get("/api/v1/status/", {"ids": ids})
    assert response.status_code == 400
    assert "ids" in response.json()["error"]["fields"]


def test_bulk_read_without_ids_is_400(api_user):
    assert client_for(api_user).get("/api/v1/status/").status_code == 400


def _candidates_with_everything(count: int, author) -> list[Candidate]:
    companies = [CompanyFactory(), CompanyFactory()]
    candidates = []
    for _ in range(count):
        candidate = CandidateFactory(owner=author)
        EmploymentFactory(candidate=candidate, company=companies[0])
        window = NonCompeteFactory(candidate=candidate, employer=companies[1], starts_on=dt.date(2026, 1, 1))
        window.restricted_companies.add(companies[0])
        OutreachNoteFactory(candidate=candidate, author=author, follow_up_on=dt.date(2026, 12, 1))
        candidates.append(candidate)
    return candidates


@pytest.mark.parametrize("count", [10, 100])
def test_bulk_read_query_count_does_not_grow_with_the_ids(count, outsider):
    candidates = _candidates_with_everything(count, outsider)
    client = client_for(outsider.user)
    ids = ",".join(str(c.pk) for c in candidates)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/status/", {"ids": ids})
    assert len(endpoint_queries(captured)) <= 9
    assert response.status_code == 200
    assert len(response.json()["statuses"]) == count
    assert all(s["last_outreach"] and s["noncompete"]["restricted_companies"] for s in response.json()["statuses"])


def test_compiled_status_reads_say_what_the_orm_says_to_every_kind_of_viewer(secret, owner, outsider, api_user):
    """Statuses for viewers without outreach are read by statements compiled once
    (crm.status.payload.status_candidates); `statuses_visible_to` is the same read through the ORM. One and
    many must say the same of every candidate to every viewer (the feed: tests/status/test_feed.py)."""
    from tests.factories import level

    p9, rival = level("Alibaba", "P9"), CompanyFactory(name="Nimbus AI")
    walked = CandidateFactory(owner=owner, hold=Candidate.Hold.NOT_LOOKING)
    EmploymentFactory(candidate=walked, company=p9.company, level=p9, start_date=dt.date(2019, 1, 1), end_date=TODAY)
    EmploymentFactory(candidate=walked, company=rival, title="Founder", start_date=dt.date(2026, 11, 1))
    window = NonCompeteFactory(candidate=walked, employer=p9.company, starts_on=dt.date(2026, 6, 1))
    window.restricted_companies.add(rival, CompanyFactory(name="Acme Labs"))
    EmploymentFactory(candidate=secret, company=rival)
    NonCompeteFactory(candidate=secret, employer=rival, starts_on=dt.date(2026, 1, 1))
    bare = CandidateFactory(native_name="", english_name="", pseudonym="Osprey")
    ids = [walked.pk, secret.pk, bare.pk]
    viewers = {
        "the owner's status key": (owner.user, status_key(owner.user)),
        "an API client": (api_user, None),
        "a recruiter of another team": (outsider.user, None),
        "the owner": (owner.user, None),
    }
    for who, (user, key) in viewers.items():
        viewer = StatusViewer(user=user, reads_with_status_key=key is not None)
        by_orm = [
            candidate_status(statuses_visible_to(viewer, today=TODAY).get(pk=pk), viewer=viewer, today=TODAY)
            for pk in ids
        ]
        client = client_for(user, token=key)
        singles = [status_of(client, Candidate(pk=pk)) for pk in ids]
        bulk = client.get("/api/v1/status/", {"ids": ",".join(map(str, ids))}).json()["statuses"]
        assert singles == bulk == by_orm, who
    hidden = status_of(client_for(owner.user, token=viewers["the owner's status key"][1]), secret)
    assert hidden["name"] == "Falcon" and hidden["noncompete"] is not None
    assert status_of(client_for(owner.user), secret)["name"] == "陆明 (Ming Lu)"
