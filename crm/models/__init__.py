from .outreach import OutreachNote
from .recruiters import Recruiter, Team
from .reminders import Notification, Reminder, ReminderPlanCursor
from .tokens import ApiToken

__all__ = ["ApiToken", "Notification", "OutreachNote", "Recruiter", "Reminder", "ReminderPlanCursor", "Team"]
