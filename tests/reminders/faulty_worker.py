"""A Celery worker that SIGKILLs itself once, at one step of a reminder delivery, to prove recovery.

    python -m tests.reminders.faulty_worker STEP MARKER <celery arguments>

STEP is `claimed` (the row is locked, nothing written yet), `smtp_sent` (the
outbox e-mail is handed off, its state not yet recorded) or `committed` (the
notification and outbox row are written, the task not yet acknowledged). MARKER is a file created when the
fault fires, so the restarted worker runs clean. The production code knows
nothing of this: the delivery's collaborators are wrapped here.
"""

import os
import signal
import sys
from pathlib import Path

STEPS = ("claimed", "smtp_sent", "committed")


def die_once(marker: Path) -> None:
    try:
        marker.open("x").close()
    except FileExistsError:
        return
    os.kill(os.getpid(), signal.SIGKILL)


def install(step: str, marker: Path) -> None:
    import django

    django.setup()
    from django.db import transaction

    from crm.reminders import delivery

    if step == "claimed":
        # The first thing a delivery does with the row it locked.
        still_planned = delivery._still_planned

        def die_then_check(reminder, now):
            die_once(marker)
            return still_planned(reminder, now)

        delivery._still_planned = die_then_check
    elif step == "smtp_sent":
        from crm.reminders import outbox

        outbox_message = outbox.outbox_message

        def email_that_dies_after_sending(email):
            message = outbox_message(email)
            send = message.send

            def send_then_die(*args, **kwargs):
                sent = send(*args, **kwargs)
                die_once(marker)
                return sent

            message.send = send_then_die
            return message

        outbox.outbox_message = email_that_dies_after_sending
    else:
        # Composing the message happens only for a reminder that is being delivered.
        reminder_message = delivery.reminder_message

        def message_then_die_on_commit(reminder, *, now):
            transaction.on_commit(lambda: die_once(marker))
            return reminder_message(reminder, now=now)

        delivery.reminder_message = message_then_die_on_commit


def main() -> None:
    step, marker, *celery_arguments = sys.argv[1:]
    if step not in STEPS:
        sys.exit(f"STEP must be one of {', '.join(STEPS)}, got {step!r}")
    install(step, Path(marker))
    from celery.__main__ import main as celery_main

    sys.argv = ["celery", *celery_arguments]
    celery_main()


if __name__ == "__main__":
    main()
