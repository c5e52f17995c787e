"""What is tracked in history, and how.

django-pghistory installs row-level triggers that copy every inserted,
updated and deleted row into an event table, so bulk writes and raw SQL are
recorded as surely as a form save. Who and through which path (API, admin,
import, merge, command) comes from the pghistory context the caller opens.
"""

import pghistory


def tracked(**options):
    """The class decorator every tracked model uses: `@tracked()` or `@tracked(exclude=[...])`.

    A snapshot of the row after insert and update, and of its last state on delete. Each model
    gets its own tracker objects: pghistory binds a tracker's condition to the model it decorates.
    """
    trackers = (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
    return pghistory.track(*trackers, **options)


def recorded(via: str, user=None, **details):
    """Open (or extend) the history context: every event written inside names `via` and the user.

    `via` is one of "api", "admin", "import", "merge", "command", "erasure". Details are ids
    and paths only: history contexts outlive erasure and must never hold a person's data.
    """
    return pghistory.context(via=via, user=getattr(user, "pk", user), **details)
