from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from crm.privacy.retention import retention_anonymise


class Command(BaseCommand):
    help = (
        "Anonymise (erase, without suppressing contacts) every candidate a reviewer decided to anonymise "
        "with retention_review and that stayed inactive since."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--years", type=int, help="Override TALENTBASE_RETENTION_YEARS.")

    def handle(self, *args, years: int | None, **options) -> None:
        if years is not None and years < 0:
            raise CommandError("--years cannot be negative.")
        report = retention_anonymise(actor=None, now=timezone.now(), years=years)
        self.stdout.write(f"Anonymised {len(report.erased)} candidate(s): {', '.join(map(str, report.erased)) or '-'}")
