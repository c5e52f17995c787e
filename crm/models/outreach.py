from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from talent.fields import (
    NOTES_MAX_LENGTH,
    bounded_text_field,
    calendar_constraints,
    text_length_constraints,
    validate_in_calendar,
)
from talent.history import tracked


@tracked()
class OutreachNote(models.Model):
    class Channel(models.TextChoices):
        WECHAT = "wechat", "WeChat"
        PHONE = "phone", "Phone"
        EMAIL = "email", "E-mail"
        IN_PERSON = "in_person", "In person"
        EVENT = "event", "Event"
        LINKEDIN = "linkedin", "LinkedIn"
        OTHER = "other", "Other"

    class Direction(models.TextChoices):
        OUTBOUND = "outbound", "We reached out"
        INBOUND = "inbound", "They reached out"

    class Interest(models.TextChoices):
        UNKNOWN = "unknown", "Unknown"
        COLD = "cold", "Cold"
        WARM = "warm", "Warm"
        HOT = "hot", "Hot"
        DECLINED = "declined", "Declined"

    candidate = models.ForeignKey("talent.Candidate", on_delete=models.CASCADE, related_name="outreach_notes")
    author = models.ForeignKey("accounts.Recruiter", on_delete=models.PROTECT, related_name="outreach_notes")
    happened_at = models.DateTimeField(validators=[validate_in_calendar])
    channel = models.CharField(max_length=20, choices=Channel.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.OUTBOUND)
    summary = bounded_text_field(NOTES_MAX_LENGTH)
    interest = models.CharField(max_length=10, choices=Interest.choices, default=Interest.UNKNOWN)
    declined_reason = models.CharField(max_length=300, blank=True, help_text='e.g. "family stays in the Bay Area".')
    follow_up_on = models.DateField(null=True, blank=True, validators=[validate_in_calendar])
    is_confidential = models.BooleanField("confidential", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-happened_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(interest="declined") | ~Q(declined_reason=""),
                name="declined_note_has_reason",
                violation_error_message="Say why the candidate declined.",
            ),
            models.CheckConstraint(
                condition=~Q(summary=""), name="note_has_summary", violation_error_message="Write a summary."
            ),
            *calendar_constraints("note", instants=("happened_at",), days=("follow_up_on",)),
            *text_length_constraints("note", summary=NOTES_MAX_LENGTH),
        ]
        indexes = [
            models.Index(fields=["candidate", "-happened_at"], name="note_candidate_time_idx"),
            models.Index(fields=["follow_up_on"], name="note_follow_up_idx", condition=Q(follow_up_on__isnull=False)),
            # The reminder planner looks up notes changed since its last run.
            models.Index(fields=["updated_at"], name="note_updated_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} with {self.candidate} on {self.happened_at:%Y-%m-%d}"

    def clean(self) -> None:
        if self.interest == self.Interest.DECLINED and not self.declined_reason.strip():
            raise ValidationError({"declined_reason": "Say why the candidate declined."})
