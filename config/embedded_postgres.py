"""The embedded PostgreSQL used when DATABASE_URL is not set.

The `pgserver` package ships PostgreSQL binaries; the cluster lives in
`var/postgres` and keeps running between commands (web, worker, scheduler and
tests share it). Its address follows from the folder alone (the socket is in
the data folder), so settings compute it without starting anything; the
programs that need the server call `ensure_started()` at start-up, and
`make stop-db` stops it by its data folder, whoever started it.
"""

import contextlib
import fcntl
import importlib.util
import os
import pwd
import shlex
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / "var" / "postgres"
DATABASE_NAME = "talentbase"
DATABASE_USER = "postgres"
# PostgreSQL refuses to run as root; as root the cluster belongs to this
# unprivileged user, the one pgserver itself uses.
SYSTEM_USER = "pgserver"
# A Unix socket path must fit in sockaddr_un (104 bytes on macOS, 108 on Linux).
SOCKET_PATH_MAX = 103
TIMEOUT_SECONDS = 60


def database_url(data_dir: Path = DATA_DIR, database: str = DATABASE_NAME) -> str:
    """The server's address: trust authentication over the socket in its data folder."""
    return f"postgresql://{DATABASE_USER}@/{database}?host={quote(str(data_dir))}"


def ensure_started() -> bool:
    """Start the embedded server and create its database if missing; nothing when DATABASE_URL is set.

    Returns whether this call started the server.
    """
    if os.environ.get("DATABASE_URL"):
        return False
    return server_start(DATA_DIR)


def server_start(data_dir: Path = DATA_DIR, database: str = DATABASE_NAME) -> bool:
    """Initialise and start the cluster in `data_dir` unless it runs, then create `database` if missing."""
    if len(os.fsencode(data_dir / ".s.PGSQL.5432")) > SOCKET_PATH_MAX:
        raise RuntimeError(f"{data_dir} is too deep for a Unix socket; use a shorter path or set DATABASE_URL.")
    with _lock(data_dir):
        postmaster = _live_postmaster(data_dir)
        socket_dir = postmaster[4] if postmaster is not None and len(postmaster) > 4 else str(data_dir)
        if socket_dir != str(data_dir):
            raise RuntimeError(
                f"The PostgreSQL server of {data_dir} listens in {socket_dir}, not in its data folder; "
                "stop it (make stop-db) and start again."
            )
        started = postmaster is None
        if started:
            _start(data_dir)
        _database_create(data_dir, database)
    return started


def server_stop(data_dir: Path = DATA_DIR) -> bool:
    """Stop the server of `data_dir` (open sessions are cut, nothing committed is lost).

    Returns whether one was running; raises if it still runs afterwards.
    """
    if not data_dir.exists():
        return False
    with _lock(data_dir):
        if _live_postmaster(data_dir) is None:
            return False
        _run("pg_ctl", "stop", "-D", str(data_dir), "-m", "fast", "-w", "-t", str(TIMEOUT_SECONDS), cwd=data_dir)
        if _live_postmaster(data_dir) is not None:
            raise RuntimeError(f"The PostgreSQL server of {data_dir} is still running after pg_ctl stop.")
    return True


def server_running(data_dir: Path = DATA_DIR) -> bool:
    return _live_postmaster(data_dir) is not None


def _live_postmaster(data_dir: Path) -> list[str] | None:
    """The lines of postmaster.pid if they name a live postmaster of `data_dir` (not a stale file, not a reused pid)."""
    try:
        lines = (data_dir / "postmaster.pid").read_text().splitlines()
        pid = int(lines[0])
    except (FileNotFoundError, IndexError, ValueError):
        return None
    import psutil  # a dependency of pgserver

    try:
        command_line = psutil.Process(pid).cmdline()
    except psutil.Error:
        return None
    return lines if str(data_dir) in command_line else None


@contextlib.contextmanager
def _lock(data_dir: Path) -> Iterator[None]:
    """One process at a time starts or stops a cluster (make run starts web, worker and scheduler together)."""
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(data_dir.parent / f".{data_dir.name}.lock", "w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        yield


def _start(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700, exist_ok=True)
    if os.geteuid() == 0:
        _hand_to_system_user(data_dir)
    if not (data_dir / "PG_VERSION").exists():
        _run("initdb", "-D", str(data_dir), "--auth=trust", "--encoding=utf8", "-U", DATABASE_USER, cwd=data_dir)
    log = data_dir / "log"
    # No TCP listener: the socket in the data folder is the only way in.
    options = f"-h '' -k {shlex.quote(str(data_dir))}"
    arguments = ["start", "-D", str(data_dir), "-w", "-t", str(TIMEOUT_SECONDS), "-l", str(log), "-o", options]
    try:
        _run("pg_ctl", *arguments, cwd=data_dir)
    except RuntimeError as error:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise RuntimeError(f"{error}\nServer log ({log}):\n{tail}") from None


def _hand_to_system_user(data_dir: Path) -> None:
    """As root, as pgserver does: the system user owns the data folder and can reach it and the binaries."""
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", SYSTEM_USER], check=True, capture_output=True)
    for folder in [*data_dir.parents, *_bin_dir().parents]:
        mode = folder.stat().st_mode
        if mode & stat.S_IXOTH == 0:
            folder.chmod(mode | stat.S_IXOTH | stat.S_IXGRP)
    shutil.chown(data_dir, SYSTEM_USER, SYSTEM_USER)


def _database_create(data_dir: Path, database: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=str(data_dir), user=DATABASE_USER, dbname="postgres", autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def _bin_dir() -> Path:
    # Located without importing pgserver, whose import sets up run-time folders of its own.
    spec = importlib.util.find_spec("pgserver")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pgserver is not installed; install requirements.txt or set DATABASE_URL.")
    return Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"


def _run(program: str, *args: str, cwd: Path) -> None:
    user = SYSTEM_USER if os.geteuid() == 0 else None
    result = subprocess.run(
        [str(_bin_dir() / program), *args],
        cwd=cwd,
        user=user,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS + 30,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{program} {shlex.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )


if __name__ == "__main__":
    # `python -m config.embedded_postgres stop`, for make stop-db.
    if sys.argv[1:] != ["stop"]:
        sys.exit("usage: python -m config.embedded_postgres stop")
    stopped = server_stop()
    print(f"Stopped the embedded PostgreSQL in {DATA_DIR}." if stopped else "The embedded PostgreSQL is not running.")
