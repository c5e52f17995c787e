"""A real worker killed in the middle of an import; another one finishes it, every row done exactly once."""

import datetime as dt
import json
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from crm.imports import import_job_create, imports_resume
from crm.imports.services import job_lock
from crm.models import ImportJob
from talent.models import Candidate
from tests.imports.conftest import csv_bytes, make_scene
from tests.reminders.worker import Worker, database_url, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = {
    2: (["", "Ada One", "", "", "", "", "", "", ""], "create"),
    3: (["", "Bob Two", "", "", "", "", "", "", ""], "create"),
    4: (["", "Known Again", "known@example.com", "", "", "", "", "", "chess"], "update"),
    5: (["", "Cy Three", "", "", "", "", "", "", ""], "create"),
    6: (["", "Di Four", "", "", "", "", "", "", ""], "create"),
    7: (["", "Ed Five", "", "", "", "", "", "", ""], "create"),
}
NEW_NAMES = ["Ada One", "Bob Two", "Cy Three", "Di Four", "Ed Five"]


def send(worker: Worker, task: str, *args) -> None:
    """Send a task into the worker's broker, as the web process would (its folders may not exist yet)."""
    for folder in ("queue", "processed", "control"):
        (worker.tmp_path / "broker" / folder).mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "celery", "-A", "config", "call", task, "--args", json.dumps(list(args))]
    subprocess.run(command, cwd=settings.BASE_DIR, env=worker.env, check=True, capture_output=True, timeout=60)


def waiting_on_a_row_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def job_lock_free(job_id: int) -> bool:
    with job_lock(job_id) as free:
        return free


def kill_during_second_batch(worker: Worker, job_id: int) -> None:
    worker.start()
    send(worker, "crm.tasks.import_job_task", job_id)
    wait_for(
        lambda: ImportJob.objects.get(pk=job_id).rows_done == 2 and waiting_on_a_row_lock(),
        what="the second batch to block",
    )
    worker.stop()  # SIGKILL, mid-batch


@pytest.fixture
def workers(tmp_path):
    started = []

    def make() -> Worker:
        worker = Worker(tmp_path, 1)
        started.append(worker)
        return worker

    yield make
    for worker in started:
        worker.stop()


def test_import_resumes_after_its_worker_is_killed_and_does_every_row_once(workers):
    scene = make_scene()
    job = import_job_create(
        actor=scene.user,
        file_name="big.csv",
        data=csv_bytes(ROWS),
        source=scene.source,
        dry_run=False,
        batch_size=2,
        now=timezone.now(),
    )
    # The test holds the row of the person line 4 updates: the second batch blocks there, deterministically.
    holder = psycopg.connect(database_url())
    try:
        holder.execute("SELECT 1 FROM talent_candidate WHERE id = %s FOR UPDATE", [scene.known.pk])
        kill_during_second_batch(workers(), job.pk)
    finally:
        holder.close()  # releases the lock (a rollback), whatever happened

    wait_for(lambda: job_lock_free(job.pk), what="the dead worker's session to end")

    job.refresh_from_db()
    assert job.state == ImportJob.State.RUNNING and job.rows_done == 2
    assert list(job.rows.filter(done=True).values_list("number", flat=True)) == [2, 3]
    assert not Candidate.objects.filter(english_name="Cy Three").exists()  # its batch was rolled back

    second = workers()
    second.start()
    resumed = imports_resume(
        now=timezone.now() + dt.timedelta(minutes=10),
        dispatch=lambda job_id: send(second, "crm.tasks.import_job_task", job_id),
    )
    assert resumed == [job.pk]
    wait_for(lambda: ImportJob.objects.get(pk=job.pk).state == ImportJob.State.DONE, what=f"the job\n{second.log()}")

    job.refresh_from_db()
    assert job.rows_done == job.rows_total == 6
    assert sorted(job.rows.values_list("result", flat=True)) == ["created"] * 5 + ["updated"]
    for name in NEW_NAMES:
        assert Candidate.objects.filter(english_name=name).count() == 1
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT english_name, count(*) FROM talent_candidateevent WHERE pgh_label = 'insert' "
            "AND english_name = ANY(%s) GROUP BY english_name",
            [NEW_NAMES],
        )
        assert dict(cursor.fetchall()) == dict.fromkeys(NEW_NAMES, 1)
    scene.known.refresh_from_db()
    assert scene.known.expertise == ["chess"]
