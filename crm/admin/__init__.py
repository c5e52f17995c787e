"""The recruiting desk in the Django admin, one module per area."""

from . import desk, desk_home, exports, mandates, outreach, reminders  # noqa: F401
