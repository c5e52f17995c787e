"""Non-compete and follow-up reminders: planning, the sweep, delivery, messages and the e-mail outbox."""

from crm.reminders.delivery import reminder_deliver
from crm.reminders.outbox import emails_claim, reminder_email_send
from crm.reminders.planning import candidate_reminders_plan, reminders_plan
from crm.reminders.schedule import due_instant
from crm.reminders.sweep import reminders_claim, reminders_sweep

__all__ = [
    "candidate_reminders_plan",
    "due_instant",
    "emails_claim",
    "reminder_deliver",
    "reminder_email_send",
    "reminders_claim",
    "reminders_plan",
    "reminders_sweep",
]
