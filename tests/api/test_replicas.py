"""Read replicas: status, lists and search read from one; authentication, writes and the feed never do."""

import pytest

from api.replicas import ReplicaRouter, reading_from_replicas
from talent.models import Candidate
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
