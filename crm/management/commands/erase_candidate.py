from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from crm.privacy.erasure import CandidateNotFound, erase_candidate
from crm.privacy.models import ErasureReason


class Command(BaseCommand):
    help = (
        "Erase a candidate everywhere, in one transaction (GDPR art. 17, PIPL art. 47); "
        "the contacts go on the suppression list. Cannot be undone."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("candidate_id", type=int)
        parser.add_argument("--reason", required=True, choices=ErasureReason.values)
        parser.add_argument(
            "--no-suppress",
            action="store_true",
            help="Do not add the contacts to the suppression list (the person did not ask to be forgotten).",
        )

    def handle(self, *args, candidate_id: int, reason: str, no_suppress: bool, **options) -> None:
        try:
            record = erase_candidate(
                actor=None,
                candidate_id=candidate_id,
                reason=reason,
                now=timezone.now(),
                suppress_contacts=not no_suppress,
            )
        except CandidateNotFound:
            raise CommandError(f"No candidate with id {candidate_id}.") from None
        self.stdout.write(f"Erased candidate #{candidate_id} (erasure record {record.pk}): {record.counts}")
