"""Counting events per key in fixed time windows, shared by every process and node.

Throttles and failed sign-ins count here. With Redis configured (CACHE_URL, or a
Redis broker) the counters are Redis keys, incremented atomically. Without it
they are rows of accounts.RateCounter, incremented by one atomic upsert on a
connection of their own: a count must survive the rollback of the request that
made it (ATOMIC_REQUESTS rolls back a refused key or an invalid body), and a
per-process memory would let every worker grant the full rate.
"""

import datetime as dt
import math
import os
import re
import threading
import weakref
from dataclasses import dataclass

import psycopg
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

from accounts.models import RateCounter

APPLICATION_NAME = "talentbase-rate-counters"
PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)\s*$")


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int  # seconds

    @classmethod
    def parse(cls, text: str) -> "Rate":
        match = _RATE.match(text or "")
        if not match:
            raise ImproperlyConfigured(f"A rate looks like 1000/hour (per second, minute, hour or day), got {text!r}")
        return cls(limit=int(match.group(1)), period=PERIODS[match.group(2)])


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    retry_after: int  # seconds until the window ends


def hit(key: str, rate: Rate, *, now: float) -> Verdict:
    """Count one event for `key`; allowed while the window's count stays within the limit."""
    window_key, retry_after, expires = _window(key, rate, now)
    count = _store().increment(window_key, expires=expires, ttl=rate.period + 1)
    return Verdict(allowed=count <= rate.limit, count=count, retry_after=retry_after)


def exhausted(key: str, rate: Rate, *, now: float) -> Verdict:
    """Whether `key` has used up its window, without counting an event."""
    window_key, retry_after, _ = _window(key, rate, now)
    count = _store().read(window_key)
    return Verdict(allowed=count < rate.limit, count=count, retry_after=retry_after)


def reset() -> None:
    """Forget every count (tests, and an operator lifting a lock-out)."""
    _store().clear()


def close() -> None:
    """Close the counters' own database connections (before a test database is dropped)."""
    _DATABASE.close()


def _window(key: str, rate: Rate, now: float) -> tuple[str, int, dt.datetime]:
    window = int(now // rate.period)
    end = (window + 1) * rate.period
    retry_after = max(math.ceil(end - now), 1)
    return f"ratelimit:{key}:{rate.period}:{window}", retry_after, dt.datetime.fromtimestamp(end, dt.UTC)


class _RedisStore:
    # INCR and, for a new window, EXPIRE in one atomic round trip: the cache API's add() then incr() took
    # two on every request (bench/README.md), and an expiry falling between them could leave a key forever.
    _INCREMENT = (
        "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n"
    )

    def __init__(self) -> None:
        self._clients: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _client(self):
        """A redis-py client on the cache's connection pool, one per cache backend (so per thread).

        Django's RedisCache builds a new client (with its ~170 response callbacks) for every call, which
        was a third of the cost of reading or counting.
        """
        backend = cache._cache
        client = self._clients.get(backend)
        if client is None:
            client = self._clients[backend] = backend.get_client(write=True)
        return client

    def increment(self, key: str, *, expires: dt.datetime, ttl: int) -> int:
        key = cache.make_and_validate_key(key)
        return int(self._client().eval(self._INCREMENT, 1, key, ttl))

    def read(self, key: str) -> int:
        # Counters are plain Redis integers (Django's Redis serializer stores ints as they are, too).
        return int(self._client().get(cache.make_and_validate_key(key)) or 0)

    def clear(self) -> None:
        cache.clear()  # the cache is its own Redis database (config.settings)

    def close(self) -> None:
        pass


class _DatabaseStore:
    """Rows of accounts.RateCounter, on one autocommit connection per process, shared by its threads."""

    table = RateCounter._meta.db_table

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conn: psycopg.Connection | None = None
        self._pid: int | None = None

    def _execute(self, sql: str, params: list, *, fetch: bool = False) -> tuple | None:
        with self._lock:
            try:
                cursor = self._connection().execute(sql, params)
            except psycopg.OperationalError:
                # The server restarted or dropped us: one fresh connection, one more try.
                self._conn.close()
                cursor = self._connection().execute(sql, params)
            return cursor.fetchone() if fetch else None

    def _connection(self) -> psycopg.Connection:
        if self._conn is None or self._conn.closed or self._pid != os.getpid():
            # The parameters of Django's default database (the test database under tests).
            options = connections["default"].get_connection_params()
            options.pop("cursor_factory", None)
            options.pop("context", None)
            options["application_name"] = APPLICATION_NAME
            self._conn, self._pid = psycopg.connect(**options, autocommit=True), os.getpid()
        return self._conn

    def increment(self, key: str, *, expires: dt.datetime, ttl: int) -> int:
        (count,) = self._execute(
            f"INSERT INTO {self.table} (key, count, expires_at) VALUES (%s, 1, %s) "
            f"ON CONFLICT (key) DO UPDATE SET count = {self.table}.count + 1 RETURNING count",
            [key, expires],
            fetch=True,
        )
        if count == 1:
            # A new window: drop the finished ones now and then.
            self._execute(f"DELETE FROM {self.table} WHERE expires_at < now()", [])
        return count

    def read(self, key: str) -> int:
        row = self._execute(f"SELECT count FROM {self.table} WHERE key = %s", [key], fetch=True)
        return row[0] if row else 0

    def clear(self) -> None:
        self._execute(f"DELETE FROM {self.table}", [])

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
            self._conn = None


_REDIS = _RedisStore()
_DATABASE = _DatabaseStore()


def _store() -> _RedisStore | _DatabaseStore:
    redis = "redis" in settings.CACHES["default"]["BACKEND"].lower()
    return _REDIS if redis else _DATABASE
