"""The embedded PostgreSQL used when DATABASE_URL is not set.

The `pgserver` package ships PostgreSQL binaries; the cluster lives under
`var/postgres` and keeps running between commands (web, worker, scheduler and
tests share it), so every process simply asks for its URI.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
DATA_DIR = VAR_DIR / "postgres"
DATABASE_NAME = "talentbase"


def _server(cleanup_mode: str | None = None):
    # pgserver keeps run-time files in the user's runtime directory; give it
    # one under var/ rather than falling back to /tmp with a warning.
    runtime_dir = VAR_DIR / "run"
    runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    runtime_dir.chmod(0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime_dir))
    import pgserver

    return pgserver.get_server(DATA_DIR, cleanup_mode=cleanup_mode)


def embedded_database_url() -> str:
    server = _server()
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return server.get_uri(DATABASE_NAME)


def stop_embedded_server() -> None:
    if DATA_DIR.exists():
        _server(cleanup_mode="stop").cleanup()
