"""Rebuild the search tokens of every candidate (talent.search), e.g. after the token rules changed."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from talent.search.refresh import BATCH_SIZE, candidate_search_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the search tokens of every candidate from its names, aliases, pseudonym, employers (with "
        "their aliases), titles and expertise. Each batch commits on its own and rows already current are not "
        "rewritten: after a failure, run the command again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help=f"Candidates per batch (default {BATCH_SIZE:,})."
        )

    def handle(self, *args, **options) -> None:
        batch_size = options["batch_size"]
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        verbose = options["verbosity"] > 0
        on_terminal = verbose and self.stdout.isatty()
        done = 0

        def progress(checked: int, total: int) -> None:
            nonlocal done
            done = checked
            if verbose:
                share = 100 * checked // total if total else 100
                self.stdout.write(
                    f"{checked:,} / {total:,} candidates ({share}%)", ending="\r" if on_terminal else "\n"
                )

        try:
            written = candidate_search_rebuild(batch_size=batch_size, progress=progress)
        except DatabaseError as error:
            raise CommandError(
                f"Stopped by a database error after {done:,} candidates (saved); run the command again to finish. "
                f"{error}"
            ) from error
        if verbose:
            if on_terminal:
                self.stdout.write("")
            self.stdout.write(f"{done:,} candidates checked, {written:,} rows of search tokens written.")
