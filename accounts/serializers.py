"""Shapes of recruiters, teams and API keys. Server-owned fields are read-only."""

from django.utils import timezone
from rest_framework import serializers

from accounts.models import ApiToken, Recruiter, Team
from accounts.roles import role_of


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

    def validate_scope(self, scope: str) -> str:
        # A client's key belongs to the client it serves: admins issue it from the client (POST /clients/{id}/keys/).
        if scope == ApiToken.Scope.CLIENT:
            raise serializers.ValidationError(
                "A client key is issued from its client: POST /api/v1/clients/{id}/keys/."
            )
        return scope


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    key = serializers.CharField(read_only=True, help_text="The key. Shown only in this response; store it now.")

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]
        read_only_fields = fields
