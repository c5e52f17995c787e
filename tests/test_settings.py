import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-looking-production-key-0123456789",
        TALENTBASE_SUPPRESSION_KEY="another-long-random-looking-key",
        DJANGO_ALLOWED_HOSTS="talentbase.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_PRODUCTION="1", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_suppression_key():
    result = manage("check", DJANGO_PRODUCTION="1", DJANGO_SECRET_KEY="k" * 50, TALENTBASE_SUPPRESSION_KEY="")
    assert result.returncode != 0
    assert "TALENTBASE_SUPPRESSION_KEY must be set" in result.stderr


@pytest.mark.parametrize(("name", "value"), [("DJANGO_DEBUG", "perhaps"), ("EMAIL_PORT", "twenty-five")])
def test_nonsense_settings_stop_start_up_with_a_clear_message(name, value):
    result = manage("check", **{name: value})
    assert result.returncode != 0
    assert name in result.stderr


def settings_under(monkeypatch, **env: str) -> ModuleType:
    """config/settings.py executed afresh in this process with `env` (importing it has no side effects)."""
    for name in ("CACHE_URL", "CELERY_BROKER_URL", "DJANGO_MAX_BODY_BYTES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("config.settings_under_test", BASE_DIR / "config" / "settings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_without_redis_throttles_count_in_a_database_table_shared_by_every_process(monkeypatch):
    caches = settings_under(monkeypatch).CACHES

    assert caches == {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "talentbase_cache"}
    }


def test_cache_url_gives_a_redis_cache(monkeypatch):
    cache = settings_under(monkeypatch, CACHE_URL="redis://cache.internal:6379/2").CACHES["default"]

    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/2"


def test_a_redis_broker_doubles_as_the_cache_in_the_next_database_so_clearing_it_spares_the_queues(monkeypatch):
    cache = settings_under(monkeypatch, CELERY_BROKER_URL="redis://queue.internal:6379/0").CACHES["default"]

    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://queue.internal:6379/1"
    assert cache["KEY_PREFIX"]


def test_every_request_is_one_transaction(monkeypatch):
    assert settings_under(monkeypatch).DATABASES["default"]["ATOMIC_REQUESTS"] is True


def test_request_bodies_are_capped_at_one_mebibyte_unless_configured(monkeypatch):
    assert settings_under(monkeypatch).DATA_UPLOAD_MAX_MEMORY_SIZE == 1024 * 1024
    assert settings_under(monkeypatch, DJANGO_MAX_BODY_BYTES="4096").DATA_UPLOAD_MAX_MEMORY_SIZE == 4096


@pytest.mark.parametrize(("name", "value"), [("CACHE_URL", "memcached://cache:11211"), ("DJANGO_MAX_BODY_BYTES", "0")])
def test_a_cache_or_body_limit_that_cannot_work_is_refused(monkeypatch, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        settings_under(monkeypatch, **{name: value})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "asset", ["/static/admin/css/base.css", "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css"]
)
def test_the_app_serves_its_static_files_with_debug_off(settings, asset):
    from django.test import Client

    settings.DEBUG = False
    response = Client().get(asset)
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content])
