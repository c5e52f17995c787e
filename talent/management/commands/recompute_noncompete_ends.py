"""Recompute every stored non-compete end, after a rule in talent.noncompete_rules changed."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from talent.history import recorded
from talent.services import RecomputeReport, noncompetes_recompute_ends


class Command(BaseCommand):
    help = (
        "Recompute the enforceable end of every non-compete window with the current rules. Windows whose end "
        "moved, and their candidates, are marked changed, so the reminder planner re-plans them on its next run. "
        "Each batch commits on its own: after a failure, run the command again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="Windows per transaction (default 500).")

    @recorded("command", command="recompute_noncompete_ends")
    def handle(self, *args, **options) -> None:
        batch_size = options["batch_size"]
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        done = RecomputeReport()

        def progress(report: RecomputeReport) -> None:
            nonlocal done
            done = report
            if options["verbosity"] > 1:
                self.stdout.write(f"{report.checked:,} windows checked, {report.changed:,} changed so far")

        try:
            report = noncompetes_recompute_ends(batch_size=batch_size, on_batch=progress)
        except DatabaseError as error:
            raise CommandError(
                f"Stopped by a database error after {done.checked:,} windows ({done.changed:,} changed, saved); "
                f"run the command again to finish. {error}"
            ) from error
        if options["verbosity"] > 0:
            self.stdout.write(f"{report.checked:,} windows checked, {report.changed:,} enforceable ends changed.")
