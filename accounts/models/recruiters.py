import zoneinfo

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not an IANA time zone such as Asia/Shanghai.", code="invalid_timezone")


def default_milestones() -> list[int]:
    return [30, 7, 1, 0]


def validate_milestones(value: list[int]) -> None:
    if any(day < 0 or day > 365 for day in value):
        raise ValidationError("Milestones are days before the end, between 0 and 365.", code="invalid_milestones")
    if len(set(value)) != len(value):
        raise ValidationError("Each milestone may appear only once.", code="duplicate_milestones")


class Team(models.Model):
    name = models.CharField(max_length=100, unique=True)
    lead = models.ForeignKey(
        "accounts.Recruiter", null=True, blank=True, on_delete=models.SET_NULL, related_name="led_teams"
    )

    class Meta:
        # The tables keep the names they had when these models lived in crm.
        db_table = "crm_team"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Recruiter(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recruiter")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    timezone = models.CharField(
        max_length=64,
        default="Asia/Shanghai",
        validators=[validate_timezone],
        help_text="IANA zone; reminders arrive at 09:00 here.",
    )
    city = models.CharField(max_length=100, blank=True)
    reminder_milestones = ArrayField(
        models.PositiveSmallIntegerField(),
        default=default_milestones,
        blank=True,
        validators=[validate_milestones],
        help_text="Days before a non-compete's enforceable end to be reminded; 0 is the day itself.",
    )
    email_reminders = models.BooleanField(default=True)
    in_app_reminders = models.BooleanField(default=True)
    # The reminder sweep replans the windows of recruiters changed since its last run.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "crm_recruiter"
        ordering = ["user__username"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)
