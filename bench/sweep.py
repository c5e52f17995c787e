"""The reminder sweep spread over Celery workers, on a seeded database: one worker, then two.

    python -m bench sweep                      # DATABASE_URL seeded (seed_scale), CELERY_BROKER_URL a Redis
    python -m bench sweep --workers 1,2 --reminders 2000

Plans once (every window of the data set), then for each worker count releases
a fresh set of due reminders, runs one sweep (claim with SKIP LOCKED, enqueue
after commit) and times until every one of them is delivered (in-app notice and
outbox row) and its e-mail sent (locmem backend) by the worker processes. The
runs use disjoint reminders, so the second starts from the same state as the first.
"""

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
# Postponed beyond any run: the reminders no run has released yet.
LATER = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)


def _environment() -> dict[str, str]:
    return dict(os.environ, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")


def _start_workers(count: int) -> list[subprocess.Popen]:
    from config.celery import app

    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo", "-n", f"bench{n}@%h"]
            + ["--loglevel", "WARNING", "--without-gossip", "--without-mingle"],
            cwd=ROOT,
            env=_environment(),
        )
        for n in range(1, count + 1)
    ]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if len(app.control.ping(timeout=1.0) or []) >= count:
            return workers
    _stop(workers)
    raise SystemExit(f"{count} Celery workers did not answer within 60 s")


def _stop(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.wait(timeout=30)


def _run(worker_count: int, reminder_ids: list[int]) -> dict:
    from django.utils import timezone

    from crm.models import Reminder, ReminderEmail
    from crm.reminders import reminders_sweep
    from crm.tasks import _enqueue_deliveries, _enqueue_emails

    now = timezone.now()
    Reminder.objects.filter(pk__in=reminder_ids).update(next_attempt_at=now - dt.timedelta(minutes=1))
    workers = _start_workers(worker_count)
    try:
        started = time.monotonic()
        sweep = reminders_sweep(now=now, dispatch=_enqueue_deliveries, dispatch_emails=_enqueue_emails)
        swept = time.monotonic()
        while Reminder.objects.filter(pk__in=reminder_ids, state=Reminder.State.PENDING).exists():
            time.sleep(0.05)
        delivered = time.monotonic()
        while ReminderEmail.objects.filter(reminder_id__in=reminder_ids, state=ReminderEmail.State.PENDING).exists():
            time.sleep(0.05)
        sent = time.monotonic()
    finally:
        _stop(workers)
    return {
        "workers": worker_count,
        "reminders": len(reminder_ids),
        "claimed": sweep.claimed,
        "sweep_s": swept - started,
        "delivered_s": delivered - started,
        "sent_s": sent - started,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench sweep", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="1,2", help="Worker counts to measure, comma-separated (default 1,2).")
    parser.add_argument("--reminders", type=int, default=2000, help="Due reminders delivered per run (default 2000).")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    os.environ.update(_environment())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.utils import timezone

    from crm.models import Reminder
    from crm.reminders.planning import reminders_plan

    started = time.monotonic()
    plan = reminders_plan(now=timezone.now())
    print(f"planning: {time.monotonic() - started:.1f} s ({plan})", flush=True)
    due = Reminder.objects.filter(state=Reminder.State.PENDING, next_attempt_at__lte=timezone.now())
    pool = list(due.order_by("pk").values_list("pk", flat=True)[: args.reminders * len(counts)])
    if len(pool) < args.reminders * len(counts):
        raise SystemExit(f"only {len(pool)} reminders are due; ask for fewer with --reminders")
    Reminder.objects.filter(pk__in=due.values("pk")).update(next_attempt_at=LATER)
    for number, count in enumerate(counts):
        result = _run(count, pool[number * args.reminders : (number + 1) * args.reminders])
        print(
            f"{count} worker(s): {result['reminders']} reminders, sweep (plan + claim + enqueue) "
            f"{result['sweep_s']:.2f} s, all delivered at {result['delivered_s']:.1f} s "
            f"({result['reminders'] / result['delivered_s']:.0f}/s), all e-mails sent at {result['sent_s']:.1f} s",
            flush=True,
        )
