import datetime as dt

import pytest

from tests.factories import RecruiterFactory

TODAY = dt.date(2026, 11, 24)
_EMBEDDED_STARTED = pytest.StashKey[bool]()


def pytest_configure(config: pytest.Config) -> None:
    # Before pytest-django creates the test database: the embedded server
    # (without DATABASE_URL) and the broker folders, as every program does.
    from config.celery import runtime_prepare

    config.stash[_EMBEDDED_STARTED] = runtime_prepare()


def pytest_unconfigure(config: pytest.Config) -> None:
    # Leave the embedded server as this run found it: stopped if it started it.
    if config.stash.get(_EMBEDDED_STARTED, False):
        from config.embedded_postgres import server_stop

        server_stop()


@pytest.fixture(scope="session", autouse=True)
def _close_rate_counters(django_db_setup, django_db_blocker):
    # The rate counters keep a connection of their own; it must be gone before the test database is dropped.
    yield
    from accounts import ratelimit

    ratelimit.close()


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def recruiter(db):
    return RecruiterFactory()


# Statements that are not the endpoint's own work: the savepoints of ATOMIC_REQUESTS and, without
# Redis, the throttle counters in the database cache table.
_PLUMBING = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "talentbase_cache")


def endpoint_queries(captured) -> list[str]:
    """The SQL of a CaptureQueriesContext, less transaction and cache plumbing."""
    return [query["sql"] for query in captured.captured_queries if not any(p in query["sql"] for p in _PLUMBING)]
