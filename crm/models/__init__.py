from .outreach import OutreachNote
from .reminders import Notification, Reminder, ReminderPlanCursor

__all__ = ["Notification", "OutreachNote", "Reminder", "ReminderPlanCursor"]
