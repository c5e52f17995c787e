"""Shapes of candidates: names, aliases, contacts, current position, availability and career."""

import datetime as dt
from functools import cached_property

from django.utils import timezone
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from accounts.models import Recruiter, Team
from api.serializers import WholeRowSerializer
from talent.access import candidate_rights
from talent.models import (
    Candidate,
    CandidateAlias,
    ContactChannel,
)
from talent.privacy_rules import consent_errors
from talent.serializers.careers import CareerEmploymentSerializer, CareerNonCompeteSerializer
from talent.serializers.reference import CompanyRefSerializer, today_of
from talent.serializers.rows import candidate_row


class CandidateAliasSerializer(WholeRowSerializer):
    class Meta:
        model = CandidateAlias
        fields = ["name", "kind", "company"]
        validators: list = []


class ContactSerializer(WholeRowSerializer):
    """A contact; the value is normalised (E.164 phones, lower-case e-mails)."""

    value = serializers.CharField(max_length=300)

    class Meta:
        model = ContactChannel
        fields = ["kind", "value", "label", "is_primary"]
        # Uniqueness is checked on the normalised value by the service.
        validators: list = []


@extend_schema_serializer(component_name="CandidateCurrentPosition")
class CurrentPositionSerializer(serializers.Serializer):
    company = CompanyRefSerializer()
    title = serializers.CharField()
    level = serializers.CharField(allow_null=True, help_text="The level code, e.g. P8.")
    band = serializers.CharField(allow_null=True, help_text="The band code of the level, e.g. staff.")
    since = serializers.DateField()


@extend_schema_serializer(component_name="CandidateAvailability")
class AvailabilitySerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=["employed", "in_noncompete", "free", "placed", "not_looking"])
    until = serializers.DateField(allow_null=True, help_text="Last restricted day, when in a non-compete.")
    days_left = serializers.IntegerField(allow_null=True)
    noncompete = serializers.IntegerField(allow_null=True, help_text="The binding window's id.")


class CandidateSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True, help_text="The name the caller may see (maybe the pseudonym).")
    identity_cleared = serializers.BooleanField(
        read_only=True, help_text="False: the caller sees only the pseudonym; private fields come back empty."
    )
    aliases = CandidateAliasSerializer(many=True, required=False)
    contacts = ContactSerializer(many=True, required=False)
    watchers = serializers.PrimaryKeyRelatedField(many=True, queryset=Recruiter.objects.all(), required=False)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=Recruiter.objects.all(),
        required=False,
        allow_null=True,
        help_text="The recruiter who answers for the candidate; defaults to the creator. Changing it, the team, "
        "the pseudonym of a confidential candidate or un-hiding it is for the owner, the team lead and admins.",
    )
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(),
        required=False,
        allow_null=True,
        help_text="The responsible team (needed when there is no owner).",
    )
    current = CurrentPositionSerializer(read_only=True, allow_null=True)
    availability = AvailabilitySerializer(read_only=True)
    employments = CareerEmploymentSerializer(many=True, read_only=True)
    noncompetes = CareerNonCompeteSerializer(many=True, read_only=True)

    class Meta:
        model = Candidate
        fields = [
            "id",
            "display_name",
            "identity_cleared",
            "native_name",
            "english_name",
            "pinyin",
            "pseudonym",
            "is_confidential",
            "is_market_icon",
            "aliases",
            "contacts",
            "city",
            "country",
            "expertise",
            "work_authorization",
            "current_compensation",
            "current_compensation_currency",
            "current_compensation_period",
            "expected_compensation",
            "expected_compensation_currency",
            "expected_compensation_period",
            "compensation_notes",
            "willing_to_relocate",
            "relocation_notes",
            "owner",
            "team",
            "watchers",
            "source",
            "source_detail",
            "lawful_basis",
            "consent_given_on",
            "consent_channel",
            "collected_on",
            "notified_on",
            "notice_channel",
            "hold",
            "current",
            "availability",
            "employments",
            "noncompetes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["pinyin"]

    def validate(self, attrs: dict) -> dict:
        def current(name: str):
            return attrs[name] if name in attrs else getattr(self.instance, name, None)

        errors = consent_errors(
            lawful_basis=current("lawful_basis") or "", consent_given_on=current("consent_given_on")
        )
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def _cleared(self, candidate: Candidate) -> bool:
        return candidate_rights(self.context["request"].user, candidate).identity_cleared

    # Read once per page: the child of a list serializer renders every candidate of the page.
    @cached_property
    def _today(self) -> dt.date:
        return today_of(self)

    @cached_property
    def _zone(self) -> dt.tzinfo:
        return timezone.get_current_timezone()

    def to_representation(self, candidate: Candidate) -> dict:
        # The fields above declare the shape and the schema; candidate_row renders it (tests/talent/test_rows.py).
        return candidate_row(candidate, cleared=self._cleared(candidate), today=self._today, zone=self._zone)


class TimelineEntrySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["note", "joined", "left", "noncompete_start", "noncompete_end"])
    at = serializers.DateTimeField(help_text="When it happened (dates are midnight UTC).")
    summary = serializers.CharField()
    object_id = serializers.IntegerField(help_text="The note, stint or window it comes from.")
