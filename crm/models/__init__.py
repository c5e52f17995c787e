from .exports import ExportRecord
from .mandates import Client, ClientApiKey, ClientContact, Mandate, PipelineRow, Placement, Stage, StageMove
from .outreach import OutreachNote
from .reminders import Notification, Reminder, ReminderEmail, ReminderPlanCursor

__all__ = [
    "Client",
    "ClientApiKey",
    "ClientContact",
    "ExportRecord",
    "Mandate",
    "Notification",
    "OutreachNote",
    "PipelineRow",
    "Placement",
    "Reminder",
    "ReminderEmail",
    "ReminderPlanCursor",
    "Stage",
    "StageMove",
]
