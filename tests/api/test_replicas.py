"""Read replicas: status, lists and search read from one; authentication, writes and the feed never do."""

import pytest
from django.db import connections, router
from django.test.utils import CaptureQueriesContext

from api.replicas import ReplicaRouter, reading_from_replicas
from talent.models import Candidate
from tests.conftest import endpoint_queries
from tests.test_settings import settings_under


def test_without_the_block_every_read_stays_on_the_primary():
    assert ReplicaRouter(["replica_1"]).db_for_read(Candidate) == "default"


def test_in_the_block_reads_go_to_a_replica_and_writes_never_do():
    replicas = ReplicaRouter(["replica_1", "replica_2"])
    with reading_from_replicas():
        assert {replicas.db_for_read(Candidate) for _ in range(50)} == {"replica_1", "replica_2"}
        assert replicas.db_for_write(Candidate) == "default"
    assert replicas.db_for_read(Candidate) == "default"


def test_without_replicas_the_block_changes_nothing():
    with reading_from_replicas():
        assert ReplicaRouter([]).db_for_read(Candidate) == "default"


def test_only_the_primary_is_migrated():
    replicas = ReplicaRouter(["replica_1"])
    assert replicas.allow_migrate("default", "talent") is True
    assert replicas.allow_migrate("replica_1", "talent") is False


def test_replica_urls_become_aliases_that_mirror_the_primary_in_tests(monkeypatch):
    databases = settings_under(
        monkeypatch, DATABASE_REPLICA_URLS="postgres://reader@replica-a:5432/tb, postgres://reader@replica-b/tb"
    ).DATABASES

    assert [alias for alias in databases if alias != "default"] == ["replica_1", "replica_2"]
    assert databases["replica_2"]["HOST"] == "replica-b"
    assert databases["replica_1"]["TEST"] == {"MIRROR": "default"}
    assert not databases["replica_1"].get("ATOMIC_REQUESTS")


def test_a_replica_url_must_be_postgresql(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URLS"):
        settings_under(monkeypatch, DATABASE_REPLICA_URLS="mysql://reader@replica/tb")


@pytest.fixture(scope="module", autouse=True)
def _replica_alias(django_db_setup):
    """A second connection to the test database, registered as replica_1 (a test mirror of default)."""
    primary = connections["default"].settings_dict
    connections.settings["replica_1"] = {**primary, "ATOMIC_REQUESTS": False, "TEST": {"MIRROR": "default"}}
    yield
    connections["replica_1"].close()
    del connections["replica_1"]
    del connections.settings["replica_1"]


@pytest.fixture
def replica(transactional_db):
    project_router = next(r for r in router.routers if isinstance(r, ReplicaRouter))
    project_router.replicas = ["replica_1"]
    yield connections["replica_1"]
    project_router.replicas = []


def _queries_by_database(client, method: str, path: str, **kwargs):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica_1"]) as rep,
    ):
        response = getattr(client, method)(path, **kwargs)
    return response, endpoint_queries(primary), endpoint_queries(rep)


REPLICA_DATABASES = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", "replica_1"]
)


@REPLICA_DATABASES
@pytest.mark.parametrize(
    "path", ["/api/v1/candidates/", "/api/v1/candidates/?search=fang", "/api/v1/status/?ids={own},{other}"]
)
def test_lists_search_and_status_read_from_the_replica_after_the_key_is_checked_on_the_primary(firm, replica, path):
    ids = {name: candidate.pk for name, candidate in firm.candidates.items()}
    response, primary, rep = _queries_by_database(firm.client("recruiter"), "get", path.format(**ids))

    assert response.status_code == 200, primary
    assert any("crm_apitoken" in sql for sql in primary), primary
    assert not any("talent_candidate" in sql for sql in primary)
    assert any("talent_candidate" in sql for sql in rep)


@REPLICA_DATABASES
def test_a_candidate_page_reads_from_the_replica(firm, replica):
    response, primary, rep = _queries_by_database(
        firm.client("recruiter"), "get", f"/api/v1/candidates/{firm.candidates['own'].pk}/"
    )

    assert response.status_code == 200
    assert response.json()["english_name"] == "Fang Wang"
    assert any("talent_candidate" in sql for sql in rep)


@REPLICA_DATABASES
def test_the_changes_feed_and_writes_stay_on_the_primary(firm, replica):
    client = firm.client("recruiter")
    feed, _, feed_on_replica = _queries_by_database(client, "get", "/api/v1/status/changes/")
    write, _, write_on_replica = _queries_by_database(
        client,
        "patch",
        f"/api/v1/candidates/{firm.candidates['own'].pk}/",
        data={"city": "Hangzhou"},
        format="json",
    )

    assert feed.status_code == 200 and write.status_code == 200
    assert feed_on_replica == [] and write_on_replica == []
