import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from crm.privacy.erasure import CandidateNotFound
from crm.privacy.models import RetentionDecision
from crm.privacy.retention import retention_decide, retention_due_for_review


class Command(BaseCommand):
    help = (
        "List candidates inactive for TALENTBASE_RETENTION_YEARS and not yet reviewed, "
        "or record a decision with --keep ID / --anonymise ID (then run retention_anonymise)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--years", type=int, help="Override TALENTBASE_RETENTION_YEARS.")
        parser.add_argument("--keep", type=int, action="append", default=[], metavar="ID")
        parser.add_argument("--anonymise", type=int, action="append", default=[], metavar="ID")

    def handle(self, *args, years: int | None, keep: list[int], anonymise: list[int], **options) -> None:
        if years is not None and years < 0:
            raise CommandError("--years cannot be negative.")
        now = timezone.now()
        decisions = [(pk, RetentionDecision.KEEP) for pk in keep] + [
            (pk, RetentionDecision.ANONYMISE) for pk in anonymise
        ]
        if decisions:
            for pk, decision in decisions:
                try:
                    retention_decide(reviewer=None, candidate_id=pk, decision=decision, now=now)
                except CandidateNotFound:
                    raise CommandError(f"No candidate with id {pk}.") from None
                self.stdout.write(f"Candidate #{pk}: {decision}")
            return
        for candidate in retention_due_for_review(now=now, years=years):
            last = candidate.last_activity.astimezone(dt.UTC).date().isoformat()
            self.stdout.write(f"{candidate.pk}\tlast activity {last}")
