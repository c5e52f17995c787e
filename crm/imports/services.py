"""Import jobs: upload, dry run, run in batches, resume, the error file, and forgetting an erased person.

A job works through its rows in batches of `batch_size`, the dry run (state
planning) and the run (queued, running) alike. Each batch is one transaction
that writes the candidates, marks its rows and moves the progress, so a batch
is all or nothing and a row marked done is never done again. A worker holds
a PostgreSQL session lock on the job while it works: it dies with the
worker's connection, so a job whose lock is free and whose heartbeat is old
lost its worker, and `imports_resume` sends it to another one, which goes on
from the first row not done.
"""

import csv
import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce

from accounts.roles import recruiter_of
from crm.imports.applying import apply_plan
from crm.imports.files import read_table
from crm.imports.planning import contact_match_keys, plan_row
from crm.imports.rows import default_mapping, mapping_errors, read_row
from crm.models.imports import ImportAction, ImportJob, ImportResult, ImportRow, ImportSource, ImportState
from talent import access
from talent.history import recorded

# Session advisory locks of import jobs: this number in the high half of the key, the job id in the low half.
LOCK_NAMESPACE = 0x1A5_0B
# A job queued or running without a heartbeat for this long, and whose lock is free, lost its worker.
STALE_AFTER = dt.timedelta(minutes=2)
BUSY, MORE, FINISHED = "busy", "more", "finished"
ERASED = "Removed on erasure."
PLANNING_STATES = (ImportState.PLANNING,)
RUNNING_STATES = (ImportState.QUEUED, ImportState.RUNNING)


def _lock_key(job_id: int) -> int:
    return (LOCK_NAMESPACE << 32) + job_id


@contextmanager
def job_lock(job_id: int) -> Iterator[bool]:
    """Whether this connection holds the job's session lock (held until the block ends or the connection dies)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_lock_key(job_id)])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_lock_key(job_id)])


def _job_options(*, actor, source: ImportSource | None, mapping: dict | None, headers: list[str]) -> dict:
    mapping = mapping or (source.mapping if source else None) or default_mapping(headers)
    errors = mapping_errors(mapping)
    if not errors and not set(mapping) & set(headers):
        errors.append("None of the mapped columns is in the file.")
    if errors:
        raise ValidationError({"mapping": errors})
    owner = source.owner if source and (source.owner or source.team) else recruiter_of(actor)
    team = source.team if source else None
    if owner is None and team is None:
        raise ValidationError({"source": "Choose a source with an owner or a team for the imported people."})
    access.check_custody_on_create(actor, owner=owner, team=team)
    return {
        "source": source,
        "mapping": {header: target for header, target in mapping.items() if header in headers},
        "candidate_source": source.candidate_source
        if source
        else ImportSource._meta.get_field("candidate_source").default,
        "source_detail": source.source_detail if source else "",
        "lawful_basis": source.lawful_basis if source else ImportSource._meta.get_field("lawful_basis").default,
        "create_unknown_companies": source.create_unknown_companies if source else False,
        "on_name_match": source.on_name_match if source else ImportSource._meta.get_field("on_name_match").default,
        "owner": owner,
        "team": team,
    }


@transaction.atomic
def import_job_create(
    *,
    actor,
    file_name: str,
    data: bytes,
    source: ImportSource | None = None,
    mapping: dict | None = None,
    dry_run: bool = True,
    batch_size: int | None = None,
    now: dt.datetime,
) -> ImportJob:
    """Read the file into a job's rows (the file itself is not kept): planning for a dry run, else queued."""
    if recruiter_of(actor) is None and not actor.is_superuser:
        raise PermissionDenied("Only recruiters and admins may import candidates.")
    if len(data) > settings.IMPORT_MAX_FILE_BYTES:
        raise ValidationError({"file": f"The file is larger than {settings.IMPORT_MAX_FILE_BYTES} bytes."})
    table = read_table(file_name=file_name, data=data)
    options = _job_options(actor=actor, source=source, mapping=mapping, headers=table.headers)
    job = ImportJob(
        uploaded_by=actor,
        file_name=file_name[:255],
        file_format=table.file_format,
        batch_size=batch_size or settings.IMPORT_BATCH_SIZE,
        rows_total=len(table.rows),
        state=ImportState.PLANNING if dry_run else ImportState.QUEUED,
        queued_at=None if dry_run else now,
        heartbeat_at=now,
        **options,
    )
    job.full_clean()
    job.save()
    columns = [(index, header) for index, header in enumerate(table.headers) if header in job.mapping]
    ImportRow.objects.bulk_create(
        (
            ImportRow(job=job, number=line, cells={header: cells[index] for index, header in columns})
            for line, cells in table.rows
        ),
        batch_size=2000,
    )
    return job


@transaction.atomic
def import_job_queue(*, actor, job: ImportJob, now: dt.datetime) -> ImportJob:
    """Queue the real run of a dry-run job (or the rest of a failed one)."""
    updated = ImportJob.objects.filter(pk=job.pk, state__in=(ImportState.PREVIEWED, ImportState.FAILED)).update(
        state=ImportState.QUEUED, queued_at=now, heartbeat_at=now, error="", finished_at=None
    )
    if not updated:
        raise ValidationError({"state": "Only an import whose dry run is done, or that failed, can be run."})
    job.refresh_from_db()
    return job


def _plan_batch(job: ImportJob, now: dt.datetime) -> bool:
    """Plan the next batch of the dry run; whether rows remain."""
    rows = list(job.rows.select_for_update().filter(action="").order_by("number")[: job.batch_size])
    earlier: dict[str, int] = {}
    for row in rows:
        data = read_row(row.cells, job.mapping)
        plan = plan_row(job=job, data=data, actor=job.uploaded_by, earlier=earlier)
        row.action, row.reasons, row.candidate = plan.action, plan.reasons, plan.candidate
        if plan.action == ImportAction.CREATE:
            earlier.update(dict.fromkeys(contact_match_keys(data), row.number))
    ImportRow.objects.bulk_update(rows, ["action", "reasons", "candidate"])
    remaining = job.rows.filter(action="").exists()
    ImportJob.objects.filter(pk=job.pk).update(
        rows_planned=F("rows_planned") + len(rows),
        heartbeat_at=now,
        state=ImportState.PLANNING if remaining else ImportState.PREVIEWED,
    )
    return remaining


def _run_batch(job: ImportJob, now: dt.datetime) -> bool:
    """Write the next batch of rows as planned again now; whether rows remain."""
    actor = job.uploaded_by
    rows = list(job.rows.select_for_update().filter(done=False).order_by("number")[: job.batch_size])
    for row in rows:
        data = read_row(row.cells, job.mapping)
        plan = plan_row(job=job, data=data, actor=actor, lock=True)
        row.action = plan.action
        try:
            row.result, candidate, row.reasons = apply_plan(job=job, data=data, plan=plan, actor=actor)
        except (ValidationError, PermissionDenied, IntegrityError) as error:
            messages = getattr(error, "messages", None) or [str(error)]
            row.result, candidate, row.reasons = ImportResult.FAILED, None, [*plan.reasons, *messages]
        row.candidate, row.done = candidate, True
    ImportRow.objects.bulk_update(rows, ["action", "result", "reasons", "candidate", "done"])
    remaining = job.rows.filter(done=False).exists()
    ImportJob.objects.filter(pk=job.pk).update(
        rows_done=F("rows_done") + len(rows),
        heartbeat_at=now,
        state=ImportState.RUNNING if remaining else ImportState.DONE,
        started_at=Coalesce(F("started_at"), now),
        finished_at=None if remaining else now,
    )
    return remaining


def import_job_step(*, job_id: int, now: dt.datetime) -> bool:
    """One batch of whatever the job has to do, all or nothing; whether work remains."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().select_related("uploaded_by").filter(pk=job_id).first()
        if job is None:
            return False
        if job.state in PLANNING_STATES:
            return _plan_batch(job, now)
        if job.state in RUNNING_STATES:
            with recorded("import", user=job.uploaded_by, import_job=job.pk):
                return _run_batch(job, now)
        return False


def import_job_work(*, job_id: int, clock: Callable[[], dt.datetime], budget_seconds: float | None = None) -> str:
    """Work batches under the job's lock until it is finished (FINISHED), the budget is spent (MORE), or
    another worker holds the lock (BUSY). A batch that fails leaves nothing written and fails the job."""
    deadline = None if budget_seconds is None else time.monotonic() + budget_seconds
    with job_lock(job_id) as held:
        if not held:
            return BUSY
        while True:
            try:
                remaining = import_job_step(job_id=job_id, now=clock())
            except Exception as error:
                ImportJob.objects.filter(pk=job_id).update(
                    state=ImportState.FAILED, error=f"A batch failed and was rolled back: {error}"[:2000]
                )
                raise
            if not remaining:
                return FINISHED
            if deadline is not None and time.monotonic() > deadline:
                return MORE


def imports_resume(*, now: dt.datetime, dispatch: Callable[[int], None]) -> list[int]:
    """Send again the jobs whose worker died: planning, queued or running, no recent heartbeat, lock free."""
    stale = ImportJob.objects.filter(
        state__in=(*PLANNING_STATES, *RUNNING_STATES), heartbeat_at__lt=now - STALE_AFTER
    ).values_list("pk", flat=True)
    resumed = []
    for job_id in stale:
        with job_lock(job_id) as free:
            if not free:
                continue
        ImportJob.objects.filter(pk=job_id).update(heartbeat_at=now)
        dispatch(job_id)
        resumed.append(job_id)
    return resumed


def import_counts(job: ImportJob) -> dict[str, dict[str, int]]:
    """Rows per planned action and per result."""
    counts = job.rows.aggregate(
        **{f"plan_{a}": Count("pk", filter=Q(action=a)) for a in ImportAction.values},
        **{f"result_{r}": Count("pk", filter=Q(result=r)) for r in ImportResult.values if r},
    )
    return {
        "planned": {a: counts[f"plan_{a}"] for a in ImportAction.values},
        "results": {r: counts[f"result_{r}"] for r in ImportResult.values if r},
    }


def error_rows(job: ImportJob):
    """Rows refused or failed: by the run when it ran them, else by the dry run's plan."""
    return job.rows.filter(
        Q(result__in=(ImportResult.REFUSED, ImportResult.FAILED)) | Q(result="", action=ImportAction.REFUSE)
    ).order_by("number")


class _Echo:
    def write(self, value: str) -> str:
        return value


def error_csv_lines(job: ImportJob) -> Iterator[str]:
    """The error file, line by line: the file's line, what happened and why, then the row's mapped cells."""
    headers = list(job.mapping)
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(["line", "outcome", "reasons", *headers])
    for row in error_rows(job).iterator(chunk_size=2000):
        outcome = row.result or f"planned: {row.action}"
        yield writer.writerow([row.number, outcome, " | ".join(row.reasons), *(row.cells.get(h, "") for h in headers)])


@transaction.atomic
def forget_import_rows(*, candidate_ids: Iterable[int] = (), strings: Iterable[str] = ()) -> int:
    """Erasure: blank the rows that made or matched the person, or that hold any of `strings` (their names,
    contacts), in their cells or reasons. Line numbers and outcomes stay, so a job's counts still add up."""
    condition = Q(candidate_id__in=list(candidate_ids))
    for text in strings:
        if text and text.strip():
            condition |= Q(cells__icontains=text.strip()) | Q(reasons__icontains=text.strip())
    return ImportRow.objects.filter(condition).update(cells={}, reasons=[ERASED], candidate=None)


def erase_import_rows(*, candidate_ids, names, contacts) -> int:
    """The erasure hook (crm.privacy.erasure): the person's import rows keep nothing of them."""
    return forget_import_rows(candidate_ids=candidate_ids, strings=[*names, *(value for _kind, value in contacts)])
