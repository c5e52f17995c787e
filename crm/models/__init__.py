from crm.privacy.models import AnonymisedPlacement, ErasureRecord, PersonalDataExport, RetentionReview

from .exports import ExportRecord
from .imports import ImportJob, ImportRow, ImportSource
from .mandates import Client, ClientApiKey, ClientContact, Mandate, PipelineRow, Placement, Stage, StageMove
from .outreach import OutreachNote
from .reminders import Notification, Reminder, ReminderEmail, ReminderPlanCursor

__all__ = [
    "AnonymisedPlacement",
    "ErasureRecord",
    "PersonalDataExport",
    "RetentionReview",
    "Client",
    "ClientApiKey",
    "ClientContact",
    "ExportRecord",
    "ImportJob",
    "ImportRow",
    "ImportSource",
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
