"""The recruiting desk in the Django admin, one module per area."""

from . import desk, desk_home, exports, imports, mandates, outreach, reminders  # noqa: F401
