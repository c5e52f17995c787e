"""The recruiting desk in the Django admin, one module per area."""

from . import desk, outreach, reminders  # noqa: F401
