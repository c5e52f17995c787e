from .outreach import OutreachNote
from .reminders import Notification, Reminder, ReminderEmail, ReminderPlanCursor

__all__ = ["Notification", "OutreachNote", "Reminder", "ReminderEmail", "ReminderPlanCursor"]
