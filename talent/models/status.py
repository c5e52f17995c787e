from django.db import models
from django.db.models.functions import Now


class StatusChange(models.Model):
    """A write that may have changed a candidate's status, appended by database triggers.

    The triggers (migration 0005) fire on every table the status payload reads,
    so no code path can forget to log. `txid` is the writing transaction's id
    (pg_current_xact_id); the changes feed serves a row only once every
    transaction with a lower id has ended, which is what lets a cursor never
    skip a change committed late. `candidate_id` is not a foreign key: the row
    must outlive the candidate to announce its deletion.
    """

    candidate_id = models.BigIntegerField()
    txid = models.BigIntegerField()
    created_at = models.DateTimeField(db_default=Now())

    class Meta:
        indexes = [
            models.Index(fields=["txid", "id"], name="status_change_position_idx"),
            models.Index(fields=["candidate_id", "-id"], name="status_change_candidate_idx"),
        ]

    def __str__(self) -> str:
        return f"Status change of candidate #{self.candidate_id} in transaction {self.txid}"


class StatusClock(models.Model):
    """The last day whose clock-driven status changes (windows ending or starting) were logged.

    A single row, locked by crm.status.feed.status_clock_sweep so that the
    sweep runs once per day however many workers and feed readers call it.
    """

    swept_through = models.DateField()

    def __str__(self) -> str:
        return f"Status changes logged through {self.swept_through.isoformat()}"
