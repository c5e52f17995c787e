"""A real Celery worker (with its embedded beat) and a real SMTP sink, for end-to-end reminder tests."""

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
import zoneinfo
from collections.abc import Callable
from email import message_from_bytes
from pathlib import Path
from urllib.parse import quote

from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

DEADLINE_SECONDS = 60


def wait_for(condition: Callable[[], bool], *, what: str, timeout: float = DEADLINE_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout}s waiting for {what}")
        time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    """Collects every message handed to it; `messages` are email.message.Message objects.

    Addresses in `refuse` are answered 550 at RCPT TO, as a mail server that
    does not know the mailbox would; `refused` counts those answers.
    """

    def __init__(self, refuse: tuple[str, ...] = ()) -> None:
        self.messages = []
        self.refuse = {address.lower() for address in refuse}
        self.refused: list[str] = []
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address.lower() in self.refuse:
            self.refused.append(address)
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"

    def __enter__(self) -> "SmtpSink":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    @property
    def port(self) -> int:
        return self.controller.port

    def message_ids(self) -> list[str]:
        return [m["Message-ID"] for m in self.messages]


def database_url() -> str:
    """The URL of the database this test runs against (the test database), for another process."""
    db = connection.settings_dict
    user = quote(db["USER"] or "")
    if db["PASSWORD"]:
        user = f"{user}:{quote(db['PASSWORD'])}"
    host = db["HOST"] or ""
    if host.startswith("/"):
        return f"postgresql://{user}@/{db['NAME']}?host={quote(host)}"
    return f"postgres://{user}@{host or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """`celery -A config worker -B --pool=solo` on its own queue, test database and SMTP sink.

    With `fault_step`, the worker runs through tests.reminders.faulty_worker and
    kills itself once at that step of a delivery (`fault_marker` remembers it).
    """

    def __init__(
        self,
        tmp_path: Path,
        smtp_port: int,
        *,
        fault_step: str | None = None,
        fault_marker: Path | None = None,
        **extra_env: str,
    ) -> None:
        self.tmp_path = tmp_path
        if fault_step is None:
            self.entry = ["-m", "celery"]
        else:
            marker = fault_marker or tmp_path / "no-fault"
            self.entry = ["-m", "tests.reminders.faulty_worker", fault_step, str(marker)]
        self.queue = f"talentbase-test-{uuid.uuid4().hex[:12]}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url(),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "CELERY_FILESYSTEM_BROKER_DIR": str(tmp_path / "broker"),
            "REMINDERS_SWEEP_SECONDS": "1",
            "LOG_LEVEL": "WARNING",
            **extra_env,
        }
        self.env.pop("TEST_DATABASE_NAME", None)
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        self.stop()  # what is left of an earlier start (a dead worker's beat)
        self.starts += 1
        log = (self.tmp_path / f"worker-{self.starts}.log").open("wb")
        command = [sys.executable, *self.entry, "-A", "config", "worker", "--beat", "--pool=solo"]
        command += ["-Q", self.queue, "-s", str(self.tmp_path / "beat-schedule"), "--loglevel=WARNING"]
        command += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
        self.process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def has_exited(self) -> bool:
        return self.process is not None and self.process.poll() is not None

    def stop(self) -> None:
        if self.process is None:
            return
        # The worker has its own session: kill the whole group, so the embedded
        # beat dies too, even when the worker itself already died (fault tests).
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)

    def log(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(self.tmp_path.glob("worker-*.log")))


def zone_past_nine(now: dt.datetime) -> str:
    """A zone where it is now between 10:00 and 21:59, so a reminder for today's 09:00 is due."""
    for offset in range(-12, 15):
        name = f"Etc/GMT{-offset:+d}" if offset else "Etc/GMT"
        if 10 <= now.astimezone(zoneinfo.ZoneInfo(name)).hour <= 21:
            return name
    raise AssertionError("some zone is always between 10:00 and 22:00")
