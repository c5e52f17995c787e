"""Shapes of the recruiting resources. Server-owned fields are read-only; values sent for them are ignored."""

from django.utils import timezone
from rest_framework import serializers

from crm.models import ApiToken, OutreachNote, Recruiter, Team
from crm.roles import role_of
from talent.models import Candidate


class OutreachNoteSerializer(serializers.ModelSerializer):
    """A logged conversation. `author` is the caller; `candidate` is fixed at creation."""

    candidate = serializers.PrimaryKeyRelatedField(queryset=Candidate.objects.all())
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = OutreachNote
        fields = [
            "id",
            "candidate",
            "author",
            "author_name",
            "happened_at",
            "channel",
            "direction",
            "summary",
            "interest",
            "declined_reason",
            "follow_up_on",
            "is_confidential",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["author"]

    def get_author_name(self, note: OutreachNote) -> str:
        return str(note.author)


class RecruiterSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    name = serializers.SerializerMethodField()

    class Meta:
        model = Recruiter
        fields = ["id", "username", "name", "team", "city"]
        read_only_fields = fields

    def get_name(self, recruiter: Recruiter) -> str:
        return str(recruiter)


class MeSerializer(RecruiterSerializer):
    """The caller's own profile; only the reminder preferences can be changed."""

    role = serializers.SerializerMethodField()

    class Meta:
        model = Recruiter
        fields = [
            "id",
            "username",
            "name",
            "role",
            "team",
            "city",
            "timezone",
            "reminder_milestones",
            "email_reminders",
            "in_app_reminders",
        ]
        read_only_fields = ["id", "team"]

    def get_role(self, recruiter: Recruiter) -> str:
        return role_of(recruiter.user).value


class TeamSerializer(serializers.ModelSerializer):
    members = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Team
        fields = ["id", "name", "lead", "members"]
        read_only_fields = fields


class ApiTokenSerializer(serializers.ModelSerializer):
    is_active = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "scope",
            "prefix",
            "created_at",
            "expires_at",
            "revoked_at",
            "last_used_at",
            "is_active",
        ]
        read_only_fields = fields

    def get_is_active(self, token: ApiToken) -> bool:
        return token.revoked_at is None and (token.expires_at is None or token.expires_at > timezone.now())


class ApiTokenCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["name", "scope", "expires_at"]
        validators: list = []


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    key = serializers.CharField(read_only=True, help_text="The key. Shown only in this response; store it now.")

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]
        read_only_fields = fields
