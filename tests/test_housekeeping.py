"""Nothing happens on import; programs prepare the host at start-up; run-time files stay under var/."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import config.celery
from config.embedded_postgres import DATA_DIR

BASE_DIR = Path(__file__).resolve().parent.parent

# Runs in a fresh interpreter: records every audited event that creates or
# changes files, starts a process or opens a connection while settings load.
IMPORT_WATCHED = r"""
import json, os, sys

CHANGES = {"os.mkdir", "os.rmdir", "os.remove", "os.rename", "os.chmod", "os.chown", "os.symlink", "os.link",
           "os.truncate", "shutil.rmtree", "shutil.copyfile", "shutil.move"}
PROCESSES = {"subprocess.Popen", "os.posix_spawn", "os.spawn", "os.exec", "os.system", "os.fork", "os.forkpty"}
WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND
events = []

def watch(event, args):
    if event == "open":
        path, mode, flags = args
        if (mode is not None and set(str(mode)) & set("wax+")) or (mode is None and flags & WRITES):
            events.append(f"open {path} {mode or flags}")
    elif event in CHANGES or event in PROCESSES or event == "socket.connect":
        events.append(f"{event} {args!r:.200}")

sys.addaudithook(watch)
from django.conf import settings

database = settings.DATABASES["default"]
print(json.dumps({"events": events, "host": database["HOST"], "name": database["NAME"]}))
"""


@pytest.fixture(scope="module")
def settings_import() -> dict:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CELERY_", "CACHE_URL"))}
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    result = subprocess.run(
        [sys.executable, "-B", "-c", IMPORT_WATCHED],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_importing_settings_without_database_url_creates_no_folder_and_starts_no_server(settings_import):
    assert settings_import["events"] == []


def test_without_database_url_settings_name_the_embedded_server_by_its_data_folder(settings_import):
    assert settings_import["host"] == str(DATA_DIR)
    assert settings_import["name"] == "talentbase"


def test_the_filesystem_broker_keeps_its_exchange_tables_under_its_own_folder(tmp_path):
    # Started in an empty folder: kombu's default would write ./control there.
    script = (
        "from config.celery import app, runtime_prepare\n"
        "runtime_prepare()\n"
        "with app.connection_for_write() as connection:\n"
        "    connection.SimpleQueue('housekeeping-probe').close()\n"
    )
    environment = {
        **os.environ,
        "PYTHONPATH": str(BASE_DIR),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or "postgres://unused@127.0.0.1:1/unused",
        "CELERY_FILESYSTEM_BROKER_DIR": str(tmp_path / "broker"),
    }
    environment.pop("CELERY_BROKER_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broker"]
    assert (tmp_path / "broker" / "control" / "housekeeping-probe.exchange").is_file()


def test_manage_py_prepares_the_host_before_it_runs_a_command(monkeypatch):
    import manage

    calls = []
    monkeypatch.setattr(config.celery, "runtime_prepare", lambda: calls.append("prepare"))
    monkeypatch.setattr("django.core.management.execute_from_command_line", lambda argv: calls.append(argv[1]))
    monkeypatch.setattr(sys, "argv", ["manage.py", "check"])

    manage.main()

    assert calls == ["prepare", "check"]


def test_a_starting_worker_or_beat_prepares_the_host(monkeypatch):
    from celery import signals

    calls = []
    monkeypatch.setattr(config.celery, "runtime_prepare", lambda: calls.append("prepare"))

    # What loader.init_worker sends when `celery worker` or `celery beat` starts.
    signals.import_modules.send(sender=config.celery.app)

    assert calls == ["prepare"]
