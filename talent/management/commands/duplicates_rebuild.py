from django.core.management.base import BaseCommand

from talent.duplicates import duplicates_rebuild


class Command(BaseCommand):
    help = "Recompute every candidate's duplicate keys and every likely pair (dismissals stay)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, batch_size: int, **options) -> None:
        def progress(done: int, total: int) -> None:
            self.stderr.write(f"\rkeys: {done}/{total}", ending="")

        report = duplicates_rebuild(batch_size=batch_size, progress=progress)
        self.stderr.write("")
        self.stdout.write(f"{report.candidates} candidates, {report.keys} keys, {report.pairs} likely pairs")
