"""The embedded PostgreSQL: an address known without a server, started on demand, stopped by its data folder."""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import dj_database_url
import psutil
import psycopg
import pytest

from config import embedded_postgres
from config.embedded_postgres import database_url, ensure_started, server_running, server_start, server_stop

BASE_DIR = Path(__file__).resolve().parent.parent


def test_the_address_follows_from_the_data_folder_alone():
    parsed = dj_database_url.parse(database_url(Path("/srv/talent base/var/postgres")))

    assert parsed["OPTIONS"] == {"host": "/srv/talent base/var/postgres"}
    assert (parsed["NAME"], parsed["USER"], parsed["PASSWORD"]) == ("talentbase", "postgres", "")


def test_with_database_url_nothing_is_started(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@db.internal:5432/talentbase")
    monkeypatch.setattr(embedded_postgres, "server_start", lambda *args: pytest.fail("started a server"))

    assert ensure_started() is False


def postgres_processes_of(data_dir: Path) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if str(data_dir) in (process.info["cmdline"] or []):
            found.append(process)
    return found


@pytest.fixture
def data_dir():
    """A throwaway cluster folder, short enough for a socket path; stopped and removed afterwards."""
    parent = Path(tempfile.mkdtemp(prefix="tb-pg-", dir="/tmp"))
    folder = parent / "postgres"
    yield folder
    server_stop(folder)
    shutil.rmtree(parent)


def test_a_server_left_running_by_an_exited_process_is_stopped_by_its_data_folder(data_dir, monkeypatch):
    # Started by a process that is gone now, like the web, worker and scheduler of `make run`.
    script = "import sys, pathlib, config.embedded_postgres as e; print(e.server_start(pathlib.Path(sys.argv[1])))"
    started = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)], cwd=BASE_DIR, capture_output=True, text=True, timeout=120
    )
    assert started.stdout.strip() == "True", started.stderr
    # pgserver's list of handles names processes long gone after such a run; stopping must not depend on it.
    (data_dir / ".handle_pids.json").write_text(json.dumps([4_000_000, 4_000_001]))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(embedded_postgres, "DATA_DIR", data_dir)

    assert ensure_started() is False  # already running
    with psycopg.connect(database_url(data_dir)) as connection:
        assert connection.execute("SELECT current_database()").fetchone() == ("talentbase",)

    assert server_stop(data_dir) is True
    assert not server_running(data_dir)
    assert postgres_processes_of(data_dir) == []
    assert server_stop(data_dir) is False

    assert ensure_started() is True  # the same cluster, started again
    assert server_start(data_dir) is False
    assert server_stop(data_dir) is True
