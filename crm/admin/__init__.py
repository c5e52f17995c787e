"""The recruiting desk in the Django admin, one module per area."""

from . import outreach, recruiters, reminders, tokens  # noqa: F401
