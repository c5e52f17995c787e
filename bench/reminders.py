"""Benchmark of the reminder sweep over 1,000,000 non-compete windows, 10,000 of them due.

Creates a throwaway database `talentbase_bench` on the configured server
(DATABASE_URL or the embedded one), seeds it with SQL (generate_series),
times planning, claiming, delivery (in-app notice and outbox row) and sending
the outbox (locmem e-mail), then a sweep with nothing due, prints the claim
query's plan, and drops the database.

    python -m bench            # or: python -m bench.reminders --windows 1000000 --due 10000
"""

import argparse
import datetime as dt
import os
import time

import django

BENCH_DB = "talentbase_bench"


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    django.setup()


def _admin_sql(sql: str) -> None:
    from django.db import connection

    with connection._nodb_cursor() as cursor:
        cursor.execute(sql)


def _fill_value(data_type: str) -> str:
    if data_type == "ARRAY":
        return "'{}'"
    if data_type == "boolean":
        return "false"
    if data_type.startswith("timestamp"):
        return "now()"
    if data_type in ("integer", "bigint", "smallint", "numeric"):
        return "0"
    if data_type == "date":
        return "current_date"
    return "''"


def _insert(table: str, given: dict[str, str], source: str) -> None:
    """INSERT ... SELECT with `given` column expressions; other NOT NULL columns get a neutral value."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s "
            "AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO' AND is_generated = 'NEVER'",
            [table],
        )
        columns = dict(given)
        for name, data_type in cursor.fetchall():
            columns.setdefault(name, _fill_value(data_type))
        names = ", ".join(f'"{c}"' for c in columns)
        cursor.execute(f"INSERT INTO {table} ({names}) SELECT {', '.join(columns.values())} FROM {source}")


def _seed(windows: int, due: int, today: dt.date) -> None:
    recruiters = 100
    candidates = max(windows // 10, 1)
    from django.db import connection

    with connection.cursor() as cursor:
        # Row triggers of other features (status change log) would dominate a bulk seed.
        cursor.execute("SET session_replication_role = replica")
    _insert(
        "auth_user",
        {"username": "'bench' || i", "email": "'bench' || i || '@example.com'"},
        f"generate_series(1, {recruiters}) i",
    )
    _insert(
        "crm_recruiter",
        {
            "user_id": "u.id",
            "timezone": "'Asia/Shanghai'",
            "reminder_milestones": "'{7,1,0}'",
            "email_reminders": "true",
            "in_app_reminders": "true",
        },
        "auth_user u WHERE u.username LIKE 'bench%'",
    )
    _insert("talent_company", {"name": "'Bench Co'", "kind": "'ai_startup'"}, "generate_series(1, 1)")
    _insert(
        "talent_candidate",
        {"english_name": "'Bench ' || i", "owner_id": f"(SELECT min(id) FROM crm_recruiter) + i % {recruiters}"},
        f"generate_series(1, {candidates}) i",
    )
    # `due` windows end in 7 days (their 7-day reminder is due today); the rest end long
    # before or long after today, outside every milestone.
    end = (
        f"CASE WHEN i <= {due} THEN DATE '{today + dt.timedelta(days=7)}' "
        f"WHEN i % 2 = 0 THEN DATE '{today}' - 2 - (i % 1500) ELSE DATE '{today}' + 41 + (i % 900) END"
    )
    _insert(
        "talent_noncompete",
        {
            "candidate_id": f"(SELECT min(id) FROM talent_candidate) + i % {candidates}",
            "employer_id": "(SELECT min(id) FROM talent_company)",
            "starts_on": f"({end}) - 365",
            "contractual_end": end,
            "enforceable_end": end,
            "jurisdiction": "'OTHER'",
            "status": "'active'",
            "compensation_paid": "true",
            "created_at": "now() - interval '1 day'",
            "updated_at": "now() - interval '1 day'",
        },
        f"generate_series(1, {windows}) i",
    )
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("ANALYZE")


def _timed(label: str, fn):
    started = time.perf_counter()
    result = fn()
    print(f"{label:<58} {time.perf_counter() - started:8.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--windows", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--deliver", type=int, default=1_000, help="how many claimed reminders to deliver (0: all)")
    args = parser.parse_args()
    _setup_django()

    from django.core import mail
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment

    from crm.models import Reminder
    from crm.reminders import (
        emails_claim,
        reminder_deliver,
        reminder_email_send,
        reminders_claim,
        reminders_plan,
        reminders_sweep,
    )
    from crm.reminders.sweep import claimable_reminders

    setup_test_environment()  # locmem outbox
    now = dt.datetime.now(dt.UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    original_name = connection.settings_dict["NAME"]
    _admin_sql(f"DROP DATABASE IF EXISTS {BENCH_DB}")
    _admin_sql(f"CREATE DATABASE {BENCH_DB}")
    connection.close()
    connection.settings_dict["NAME"] = BENCH_DB
    try:
        _timed("migrate", lambda: call_command("migrate", verbosity=0))
        _timed(
            f"seed {args.windows:,} windows ({args.due:,} due) with SQL",
            lambda: _seed(args.windows, args.due, now.date()),
        )
        plan = _timed("first planning (every window still binding)", lambda: reminders_plan(now=now))
        print(f"  planned {plan.windows:,} windows -> {Reminder.objects.count():,} reminder rows")
        claimed: list[int] = []

        def claim_all() -> None:
            while reminders_claim(now=now, dispatch=claimed.extend, limit=100):
                pass

        _timed("claim all due reminders (batches of 100, SKIP LOCKED)", claim_all)
        print(f"  claimed {len(claimed):,}")
        sample = claimed if args.deliver == 0 else claimed[: args.deliver]
        started = time.perf_counter()
        for reminder_id in sample:
            reminder_deliver(reminder_id=reminder_id, now=now)
        elapsed = time.perf_counter() - started
        print(f"{'deliver ' + format(len(sample), ',') + ' (in-app + outbox row)':<58} {elapsed:8.2f} s")
        print(f"  {elapsed / max(len(sample), 1) * 1000:.1f} ms per reminder")
        emails: list[int] = []

        def send_all() -> None:
            while emails_claim(now=now, dispatch=emails.extend, limit=100):
                pass
            for email_id in emails:
                reminder_email_send(email_id=email_id, now=now)

        _timed("claim and send the outbox (locmem e-mail)", send_all)
        print(f"  {len(mail.outbox):,} e-mails")
        later = now + dt.timedelta(minutes=1)
        for n in range(3):
            _timed(
                f"steady sweep #{n + 1}, nothing new due (plan + claim)",
                lambda n=n: reminders_sweep(
                    now=later + dt.timedelta(minutes=n), dispatch=lambda ids: None, dispatch_emails=lambda ids: None
                ),
            )
        Reminder.objects.filter(state=Reminder.State.PENDING).update(next_attempt_at=later + dt.timedelta(days=1))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE crm_reminder")
        with transaction.atomic():
            query = claimable_reminders(now=later).select_for_update(skip_locked=True).values("pk")[:100]
            plan_text = query.explain()
        print("EXPLAIN of the claim query with nothing due:\n" + plan_text)
        assert "Index" in plan_text, "the claim query must use an index"
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original_name
        _admin_sql(f"DROP DATABASE IF EXISTS {BENCH_DB}")


if __name__ == "__main__":
    main()
