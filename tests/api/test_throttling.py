"""Rates hold across processes, and guessing passwords or keys is throttled per address."""

import importlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test import Client

from tests.factories import UserFactory

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def tight_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "recruiter": "4/hour"},
    }
    settings.AUTH_FAILURE_RATE = "3/hour"


def _requests_in_another_process(key: str, count: int) -> list[int]:
    """Status codes of `count` requests made with `key` by a separate Python process on the same database."""
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST'] or ''}:{database['PORT'] or 5432}/{database['NAME']}"
    if not database["HOST"] or database["HOST"].startswith("/"):
        url = f"postgres://{database['USER']}@/{database['NAME']}?host={database['HOST']}&port={database['PORT']}"
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        f"c = Client(HTTP_AUTHORIZATION='Bearer {key}');"
        f"print(json.dumps([c.get('/api/v1/bands/').status_code for _ in range({count})]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": url,
        "API_RATE_RECRUITER": "4/hour",
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def shipped_ladders():
    # `firm` uses the shipped companies and ladders, which a flush by an earlier transactional test removes.
    importlib.import_module("talent.migrations.0003_default_ladders").load(django_apps, None)


@pytest.mark.django_db(transaction=True)
def test_a_rate_holds_across_worker_processes(shipped_ladders, firm, tight_rates):
    # Two of the four requests an hour are spent by another process (another gunicorn worker, another node).
    assert _requests_in_another_process(firm.keys["recruiter"], 2) == [200, 200]
    client = firm.client("recruiter")
    assert [client.get("/api/v1/bands/").status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.django_db
def test_failed_api_keys_lock_out_the_address_even_with_a_good_key(firm, tight_rates):
    bad = Client(HTTP_AUTHORIZATION="Bearer tb_guess", REMOTE_ADDR="203.0.113.9")
    assert [bad.get("/api/v1/bands/").status_code for _ in range(3)] == [401, 401, 401]
    locked = bad.get("/api/v1/bands/", HTTP_AUTHORIZATION=f"Bearer {firm.keys['recruiter']}")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0
    assert locked.json()["error"]["code"] == "throttled"
    assert re.fullmatch(
        r"Too many failed sign-ins from your address\. Try again in \d+ seconds?\.", locked.json()["error"]["message"]
    )
    # Another address is not affected.
    other = Client(HTTP_AUTHORIZATION=f"Bearer {firm.keys['recruiter']}", REMOTE_ADDR="198.51.100.7")
    assert other.get("/api/v1/bands/").status_code == 200


@pytest.mark.django_db
def test_failed_admin_sign_ins_lock_out_the_address_with_a_clear_message(tight_rates):
    UserFactory(username="boss", is_staff=True, is_superuser=True)
    client = Client(REMOTE_ADDR="203.0.113.10")
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "boss", "password": "wrong"})
        assert response.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post("/admin/login/", {"username": "boss", "password": "correct-horse-battery"})
    assert "_auth_user_id" not in client.session
    assert "Too many failed sign-ins" in response.content.decode()
    fresh = Client(REMOTE_ADDR="198.51.100.8")
    response = fresh.post("/admin/login/", {"username": "boss", "password": "correct-horse-battery"})
    assert response.status_code == 302 and "_auth_user_id" in fresh.session


@pytest.mark.django_db
def test_a_refused_request_still_counts_against_the_rate(firm, tight_rates):
    # Invalid bodies roll their request back (ATOMIC_REQUESTS); the count must survive that.
    client = firm.client("recruiter")
    codes = [client.post("/api/v1/notes/", {"summary": ""}, format="json").status_code for _ in range(5)]
    assert codes == [400, 400, 400, 400, 429]


@pytest.mark.django_db(transaction=True)
def test_rate_counters_share_one_connection_however_many_threads_count(settings):
    import threading

    from django.db import connection

    from accounts import ratelimit

    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        pytest.skip("With Redis the counters are Redis keys, not database rows.")
    rate, now = ratelimit.Rate(limit=1000, period=3600), time.time()
    threads = [
        threading.Thread(target=ratelimit.hit, args=(f"thread-{n}", rate), kwargs={"now": now}) for n in range(20)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [ratelimit.APPLICATION_NAME]
        )
        assert cursor.fetchone()[0] == 1
    assert ratelimit.exhausted("thread-7", rate, now=now).count == 1


def test_a_redis_window_counts_in_one_step_and_expires_with_its_window(settings):
    from django.core.cache import cache

    from accounts import ratelimit

    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        pytest.skip("the counters are in the database without Redis (tested above)")
    ratelimit.reset()
    rate = ratelimit.Rate(limit=2, period=60)
    verdicts = [ratelimit.hit("key:test", rate, now=6000.5) for _ in range(3)]
    assert [(v.count, v.allowed) for v in verdicts] == [(1, True), (2, True), (3, False)]
    assert ratelimit.exhausted("key:test", rate, now=6010.0).count == 3  # cache.get reads the count back
    assert ratelimit.hit("key:test", rate, now=6060.0).count == 1  # the next window starts afresh
    stored = cache.make_and_validate_key("ratelimit:key:test:60:100")
    assert 0 < cache._cache.get_client(stored).ttl(stored) <= 61
