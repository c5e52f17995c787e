"""Fill the database with the AI talent market and invented candidates, for demos and benchmarks."""

import datetime as dt
import random
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from crm.demo import vocabulary as words
from crm.demo.reference import ensure_reference_data
from crm.demo.seeding import candidates_seed
from talent.history import recorded
from talent.models import Candidate


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today must be a date such as 2026-11-24, not {value!r}.") from None


LOGIN_LINE = f"Demo login: {words.DEMO_USERNAME} / {words.DEMO_PASSWORD} at {{site}}/admin/"


class Command(BaseCommand):
    help = "Create demo companies, recruiters and N invented candidates with careers, non-competes and notes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--candidates", type=int, required=True, help="How many candidates to invent.")
        parser.add_argument("--seed", type=int, help="Random seed; the same seed invents the same people.")
        parser.add_argument("--today", type=_iso_date, help="Day the windows are placed around (default: today).")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if candidates already exist.")
        parser.add_argument("--batch-size", type=int, default=2000, help="Candidates per transaction.")

    @recorded("command", command="seed_demo")
    def handle(self, *args, **options) -> None:
        count, batch_size = options["candidates"], options["batch_size"]
        if count < 0:
            raise CommandError("--candidates cannot be negative.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        today = options["today"] or timezone.localdate()
        if isinstance(today, str):
            today = _iso_date(today)
        seed = options["seed"] if options["seed"] is not None else random.SystemRandom().randrange(1_000_000)
        verbose = options["verbosity"] > 0

        if options["if_empty"] and Candidate.objects.exists():
            ensure_reference_data()
            if verbose:
                self.stdout.write("Candidates already exist; --if-empty: nothing seeded.")
                self.stdout.write(LOGIN_LINE.format(site=settings.SITE_URL))
            return

        started = time.monotonic()
        market, created_demo = ensure_reference_data()
        with tqdm(total=count, unit="candidates", file=sys.stderr, disable=not verbose) as progress:
            report = candidates_seed(
                count=count, seed=seed, today=today, batch_size=batch_size, market=market, on_batch=progress.update
            )
        elapsed = time.monotonic() - started

        if not verbose:
            return
        rate = report.candidates / elapsed if elapsed else 0
        self.stdout.write(
            f"Seeded {report.candidates:,} candidates with {report.employments:,} stints, "
            f"{report.noncompetes:,} non-compete windows and {report.notes:,} outreach notes "
            f"in {elapsed:.1f} s ({rate:,.0f} candidates/s; seed {seed}, today {today.isoformat()})."
        )
        if created_demo:
            self.stdout.write("Created the demo superuser.")
        self.stdout.write(LOGIN_LINE.format(site=settings.SITE_URL))
