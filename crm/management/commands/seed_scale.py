"""Seed the benchmark data set: a million candidates with careers, windows and notes, through COPY."""

import random
import sys
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone
from tqdm import tqdm

from crm.demo import scale
from crm.demo.reference import ensure_reference_data
from crm.management.commands.seed_demo import _iso_date

# Written once at the end, as after any bulk load: the planner needs fresh statistics.
ANALYZED_TABLES = [
    "talent_candidate",
    "talent_candidatealias",
    "talent_contactchannel",
    "talent_employment",
    "talent_noncompete",
    "crm_outreachnote",
    "talent_statuschange",
]


class Command(BaseCommand):
    help = (
        f"Bulk-write N synthetic candidates ({scale.STINTS_PER_CANDIDATE} stints, {scale.NOTES_PER_CANDIDATE} notes "
        f"each, a non-compete for {scale.NONCOMPETE_SHARE:.0%}) with PostgreSQL COPY, derived columns included."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--candidates", type=int, default=1_000_000, help="How many candidates (default 1,000,000)."
        )
        parser.add_argument("--seed", type=int, help="Random seed; the same seed writes the same people.")
        parser.add_argument("--today", type=_iso_date, help="Day the careers and windows are placed around.")
        parser.add_argument("--batch-size", type=int, default=10_000, help="Candidates per transaction.")

    def handle(self, *args, **options) -> None:
        count, batch_size = options["candidates"], options["batch_size"]
        if count < 0:
            raise CommandError("--candidates cannot be negative.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        now = timezone.now()
        today = options["today"] or timezone.localdate(now)
        seed = options["seed"] if options["seed"] is not None else random.SystemRandom().randrange(1_000_000)
        verbose = options["verbosity"] > 0

        started = time.monotonic()
        market, _ = ensure_reference_data()
        with tqdm(total=count, unit="candidates", file=sys.stderr, disable=not verbose) as progress:
            report = scale.scale_seed(
                count=count,
                seed=seed,
                today=today,
                now=now,
                market=market,
                batch_size=batch_size,
                on_batch=progress.update,
            )
        with connection.cursor() as cursor:
            for table in ANALYZED_TABLES:
                cursor.execute(f"ANALYZE {table}")
        if verbose:
            self.stdout.write(
                f"Seeded {report.candidates:,} candidates, {report.aliases:,} aliases, {report.contacts:,} contacts, "
                f"{report.employments:,} stints, {report.noncompetes:,} non-competes and {report.notes:,} notes "
                f"in {time.monotonic() - started:.0f} s (seed {seed})."
            )
