"""Non-compete and follow-up reminders."""
