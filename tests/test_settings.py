import os
import subprocess
import sys
from pathlib import Path

import pytest

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
        DJANGO_ALLOWED_HOSTS="talentbase.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_PRODUCTION="1", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(("name", "value"), [("DJANGO_DEBUG", "perhaps"), ("EMAIL_PORT", "twenty-five")])
def test_nonsense_settings_stop_start_up_with_a_clear_message(name, value):
    result = manage("check", **{name: value})
    assert result.returncode != 0
    assert name in result.stderr
