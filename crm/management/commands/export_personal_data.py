from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from crm.privacy.access import personal_data_export
from crm.privacy.erasure import CandidateNotFound


class Command(BaseCommand):
    help = "Write everything held about one candidate as JSON (GDPR arts. 15/20, PIPL art. 45); recorded."

    def add_arguments(self, parser) -> None:
        parser.add_argument("candidate_id", type=int)
        parser.add_argument("--output", help="File to write (default: standard output).")

    def handle(self, *args, candidate_id: int, output: str | None, **options) -> None:
        try:
            document = personal_data_export(actor=None, candidate_id=candidate_id, now=timezone.now())
        except CandidateNotFound:
            raise CommandError(f"No candidate with id {candidate_id}.") from None
        if output:
            Path(output).write_bytes(document)
            self.stderr.write(f"Wrote {len(document)} bytes to {output}.")
        else:
            self.stdout.write(document.decode())
