"""The changes feed: which candidates' statuses changed after a cursor.

Triggers append a row to talent_statuschange, tagged with the writing
transaction's id (txid), for every write a status depends on. Sequence ids
alone cannot be a cursor: a transaction may take id 5, commit after another
took and committed id 6, and a reader who saw 6 would skip 5. So rows are
ordered by (txid, id) and a reader serves only rows whose txid is below a
horizon: the oldest transaction of this database still running at its
snapshot (its xmin, less transactions proven to run in other databases). Every
transaction below the horizon has ended and every transaction that starts
later gets a higher txid, so the served prefix can never grow behind the
cursor: a cursor at (txid, id) has seen all there will ever be up to that
point. A long transaction holds the feed back while it runs, never makes it
skip.

The feed then returns each touched candidate's *current* status (or a
delete), so a client that applies changes in order holds an exact mirror.
"""

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q

from crm.models import OutreachNote
from crm.status.payload import StatusViewer, candidate_status, status_candidates
from talent.duplicates.selectors import merged_into_many
from talent.models import NonCompete, StatusChange, StatusClock

ONE_DAY = dt.timedelta(days=1)
CURSOR_VERSION = 1
# Log rows read per query while collecting `limit` distinct candidates.
SCAN_BATCH = 1000


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Position:
    """A place in the log: after every row ordered at or before (txid, id)."""

    txid: int
    id: int


START = Position(txid=0, id=0)


@dataclass(frozen=True)
class Cursor:
    position: Position
    rights: str


def cursor_encode(cursor: Cursor) -> str:
    raw = json.dumps([CURSOR_VERSION, cursor.position.txid, cursor.position.id, cursor.rights], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def cursor_decode(text: str) -> Cursor:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        version, txid, row_id, rights = json.loads(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        raise InvalidCursor("This cursor is not one the feed gave out.") from None
    valid = (
        version == CURSOR_VERSION and all(type(n) is int and n >= 0 for n in (txid, row_id)) and isinstance(rights, str)
    )
    if not valid:
        raise InvalidCursor("This cursor is not one the feed gave out.")
    return Cursor(Position(txid, row_id), rights)


@dataclass(frozen=True)
class ChangedCandidates:
    candidate_ids: list[int]
    position: Position
    has_more: bool


# The lowest transaction id that may still add log rows: the oldest one running
# in this database (or this session's own), else the first not yet started.
# Transaction ids are cluster-wide, so a plain pg_snapshot_xmin would let a long
# transaction in *another* database on the same server stall the feed; one is
# skipped only on proof that it cannot write here: a relation lock of the same
# virtual transaction in another database, or an autovacuum worker (whose
# ANALYZE takes a transaction id).
# A transaction in doubt counts as ours: the feed waits, never skips.
HORIZON_SQL = """
WITH snapshot AS (SELECT pg_current_snapshot() AS taken),
running AS (SELECT xid::text::bigint AS xid FROM snapshot, pg_snapshot_xip(taken) AS xid),
holders AS (
    SELECT transactionid::text::bigint AS xid, virtualtransaction, pid
      FROM pg_locks
     WHERE locktype = 'transactionid' AND mode = 'ExclusiveLock' AND granted
),
elsewhere AS (
    SELECT holder.xid
      FROM holders AS holder
      JOIN pg_locks AS relation ON relation.virtualtransaction = holder.virtualtransaction
     WHERE relation.locktype = 'relation'
       AND relation.database NOT IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
    UNION
    SELECT holder.xid
      FROM holders AS holder
      JOIN pg_stat_activity AS backend ON backend.pid = holder.pid
     WHERE backend.backend_type = 'autovacuum worker'
)
SELECT LEAST(
    (SELECT pg_snapshot_xmax(taken)::text::bigint FROM snapshot),
    (SELECT min(xid) FROM running WHERE mod(xid, 4294967296) NOT IN (SELECT xid FROM elsewhere)),
    pg_current_xact_id_if_assigned()::text::bigint
)
"""


def _served_horizon() -> int:
    """Log rows with a txid below this are final: their transactions have ended."""
    with connection.cursor() as cursor:
        cursor.execute(HORIZON_SQL)
        return cursor.fetchone()[0]


def changed_candidates(*, after: Position, limit: int) -> ChangedCandidates:
    """Up to `limit` distinct candidates logged after `after`, in log order, and where that leaves off."""
    horizon = _served_horizon()
    seen: dict[int, None] = {}
    position = after
    while True:
        rows = list(
            StatusChange.objects.filter(
                Q(txid__gt=position.txid) | Q(txid=position.txid, id__gt=position.id), txid__lt=horizon
            )
            .order_by("txid", "id")
            .values_list("txid", "id", "candidate_id")[:SCAN_BATCH]
        )
        for txid, row_id, candidate_id in rows:
            if candidate_id not in seen and len(seen) == limit:
                return ChangedCandidates(list(seen), position, has_more=True)
            seen[candidate_id] = None
            position = Position(txid, row_id)
        if len(rows) < SCAN_BATCH:
            return ChangedCandidates(list(seen), position, has_more=False)


def status_changes(*, viewer: StatusViewer, cursor: Cursor | None, limit: int, today: dt.date) -> dict:
    """The next page of the feed for `viewer`.

    A cursor given out under other rights (the viewer was made admin, changed
    team, or it is someone else's) restarts from the beginning: replaying
    every candidate is the one way to reach an exact mirror again.
    """
    rights = viewer.rights_fingerprint()
    after = cursor.position if cursor is not None and cursor.rights == rights else START
    changed = changed_candidates(after=after, limit=limit)
    candidates = status_candidates(viewer, changed.candidate_ids, today=today)
    statuses = {candidate.pk: candidate_status(candidate, viewer=viewer, today=today) for candidate in candidates}
    # A candidate merged into another is gone under its old id: its tombstone names the survivor.
    gone = [pk for pk in changed.candidate_ids if pk not in statuses]
    survivors = merged_into_many(viewer.identity_user, gone) if gone else {}
    return {
        "changes": [
            {"id": pk, "change": "upsert", "status": statuses[pk]}
            if pk in statuses
            else {"id": pk, "change": "delete", "status": None, "merged_into": survivors.get(pk)}
            for pk in changed.candidate_ids
        ],
        "next_cursor": cursor_encode(Cursor(changed.position, rights)),
        "has_more": changed.has_more,
    }


def status_clock_sweep(*, today: dt.date) -> int:
    """Log the candidates whose status changes with the calendar alone, through `today`.

    A window whose enforceable end was yesterday leaves the candidate free
    today; one starting today binds; a follow-up date that passed yesterday
    is no longer the next one. Nothing is written for those, so this logs
    them, once per day: the clock row is locked, and days already swept are
    skipped. Returns the number of candidates logged.
    """
    if StatusClock.objects.filter(swept_through__gte=today).exists():
        return 0
    with transaction.atomic():
        StatusClock.objects.get_or_create(pk=1, defaults={"swept_through": today - ONE_DAY})
        clock = StatusClock.objects.select_for_update().get(pk=1)
        if clock.swept_through >= today:
            return 0
        first_day = clock.swept_through + ONE_DAY
        ended = NonCompete.objects.filter(enforceable_end__range=(first_day - ONE_DAY, today - ONE_DAY))
        started = NonCompete.objects.filter(starts_on__range=(first_day, today), enforceable_end__isnull=False)
        followed_up = OutreachNote.objects.filter(follow_up_on__range=(first_day - ONE_DAY, today - ONE_DAY))
        candidate_ids = sorted(
            {
                *ended.values_list("candidate_id", flat=True),
                *started.values_list("candidate_id", flat=True),
                *followed_up.values_list("candidate_id", flat=True),
            }
        )
        if candidate_ids:
            with connection.cursor() as cursor:
                cursor.execute("SELECT talent_status_log(%s::bigint[])", [candidate_ids])
        clock.swept_through = today
        clock.save(update_fields=["swept_through"])
    return len(candidate_ids)
