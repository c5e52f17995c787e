"""Shapes of the talent resources.

Server-owned fields (ids, owner, timestamps, pinyin, enforceable_end, computed
state) are read-only: values sent for them are ignored. A candidate whose
identity the caller is not cleared for is rendered with the pseudonym only:
names, aliases, contacts and compensation come back empty, and
`identity_cleared` is false.
"""

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from accounts.models import Recruiter, Team
from talent.access import candidate_rights
from talent.availability import candidate_availability, current_employment
from talent.models import (
    Band,
    Candidate,
    CandidateAlias,
    Company,
    ContactChannel,
    Employment,
    Level,
    LevelLadder,
    NonCompete,
)
from talent.noncompete_rules import HalfPayTest
from talent.noncompetes import WindowState, window_facts

CANDIDATE_PRIVATE_BLANKS = {
    "native_name": "",
    "english_name": "",
    "pinyin": "",
    "aliases": [],
    "contacts": [],
    "current_compensation": None,
    "current_compensation_currency": "",
    "current_compensation_period": "",
    "expected_compensation": None,
    "expected_compensation_currency": "",
    "expected_compensation_period": "",
    "compensation_notes": "",
    # Free text can name people, schools or family: private like the names.
    "work_authorization": "",
    "relocation_notes": "",
    "source_detail": "",
}
EMPLOYMENT_PRIVATE_BLANKS = {"departure_notes": ""}
NONCOMPETE_PRIVATE_BLANKS = {
    "monthly_compensation": None,
    "compensation_currency": "",
    "last_monthly_pay": None,
    "last_monthly_pay_currency": "",
    "notes": "",
}


def today_of(serializer: serializers.BaseSerializer) -> dt.date:
    return serializer.context.get("today") or timezone.localdate()


class AliasNamesField(serializers.ListField):
    """A list of alias names, read from a related manager."""

    child = serializers.CharField(max_length=200)

    def to_representation(self, value) -> list[str]:
        return [alias.name for alias in value.all()]


class CompanySerializer(serializers.ModelSerializer):
    aliases = AliasNamesField(required=False, help_text="Other names: 字节, 头条, ByteDance Ltd.")

    class Meta:
        model = Company
        fields = ["id", "name", "native_name", "kind", "country", "website", "aliases", "created_at", "updated_at"]


@extend_schema_serializer(component_name="CompanySummary")
class CompanyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["id", "name", "native_name"]


class BandSerializer(serializers.ModelSerializer):
    class Meta:
        model = Band
        fields = ["id", "code", "name", "rank"]


class LevelSerializer(serializers.ModelSerializer):
    band = BandSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Level
        fields = ["id", "code", "label", "rank", "band"]


class LadderSerializer(serializers.ModelSerializer):
    company = CompanyRefSerializer(read_only=True)
    levels = LevelSerializer(many=True, read_only=True)

    class Meta:
        model = LevelLadder
        fields = ["id", "company", "name", "notes", "levels"]


class LevelRefSerializer(serializers.ModelSerializer):
    band = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Level
        fields = ["id", "code", "band"]


class RedactedCandidatePartMixin:
    """A stint or window of a candidate: private fields come back empty unless the caller is cleared.

    Cleared means the row was read with a `candidate_cleared` annotation that
    is true, or a CandidateSerializer established it in the context; without
    either the row is redacted (fail closed).
    """

    private_blanks: dict = {}

    def to_representation(self, row) -> dict:
        data = super().to_representation(row)
        cleared = getattr(row, "candidate_cleared", None)
        if cleared is None:
            cleared = self.context.get("candidate_cleared", False)
        if not cleared:
            data.update(self.private_blanks)
        return data


class EmploymentSerializer(RedactedCandidatePartMixin, serializers.ModelSerializer):
    """A stint. `candidate` is fixed at creation; later values are ignored."""

    private_blanks = EMPLOYMENT_PRIVATE_BLANKS

    company_detail = CompanyRefSerializer(source="company", read_only=True)
    level_detail = LevelRefSerializer(source="level", read_only=True, allow_null=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = Employment
        fields = [
            "id",
            "candidate",
            "company",
            "company_detail",
            "title",
            "level",
            "level_detail",
            "start_date",
            "end_date",
            "is_current",
            "departure_reason",
            "departure_notes",
        ]


class CareerEmploymentSerializer(EmploymentSerializer):
    class Meta(EmploymentSerializer.Meta):
        fields = [f for f in EmploymentSerializer.Meta.fields if f != "candidate"]
        read_only_fields = fields


class NonCompeteSerializer(RedactedCandidatePartMixin, serializers.ModelSerializer):
    """A window. `enforceable_end`, `days_left` and the law facts are computed; `candidate` is fixed at creation."""

    private_blanks = NONCOMPETE_PRIVATE_BLANKS
    employer_detail = CompanyRefSerializer(source="employer", read_only=True)
    restricted_companies = serializers.PrimaryKeyRelatedField(many=True, queryset=Company.objects.all(), required=False)
    days_left = serializers.SerializerMethodField(help_text="Days until the candidate is free; null when not bound.")
    state = serializers.SerializerMethodField(
        help_text="upcoming, binding, ended (by the calendar or early) or void (never binding), on the day asked."
    )
    is_void = serializers.SerializerMethodField(help_text="The restriction never bound (e.g. California).")
    half_pay_test = serializers.SerializerMethodField(
        help_text="Germany: does the compensation reach half the last pay? met, not_met (not binding), or unknown "
        "(no last pay, or one in another currency: treated as possibly binding); null elsewhere."
    )
    capped_by_law = serializers.SerializerMethodField(
        help_text="The law shortens the contractual term (e.g. two years after the job ended)."
    )
    unpaid_termination_available = serializers.SerializerMethodField(
        help_text="China: the window binds and compensation has been unpaid long enough for the candidate to end it."
    )
    compensation_owed_until = serializers.SerializerMethodField(
        help_text="After the employer ended it early: the last day compensation is still owed (China: 3 months after "
        "a release; Germany: a year after a waiver before the job ended). Null otherwise."
    )

    class Meta:
        model = NonCompete
        fields = [
            "id",
            "candidate",
            "employer",
            "employer_detail",
            "employment",
            "starts_on",
            "contractual_end",
            "enforceable_end",
            "days_left",
            "state",
            "is_void",
            "half_pay_test",
            "capped_by_law",
            "unpaid_termination_available",
            "compensation_owed_until",
            "jurisdiction",
            "restricted_companies",
            "restricted_sectors",
            "region",
            "monthly_compensation",
            "compensation_currency",
            "last_monthly_pay",
            "last_monthly_pay_currency",
            "compensation_paid",
            "unpaid_since",
            "status",
            "ended_on",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["enforceable_end"]

    def _facts(self, window: NonCompete):
        cache = self.context.setdefault("_window_facts", {})
        if window.pk not in cache:
            cache[window.pk] = window_facts(window, today_of(self))
        return cache[window.pk]

    def get_days_left(self, window: NonCompete) -> int | None:
        return self._facts(window).days_left

    @extend_schema_field(serializers.ChoiceField(choices=WindowState.choices))
    def get_state(self, window: NonCompete) -> str:
        return self._facts(window).state

    def get_is_void(self, window: NonCompete) -> bool:
        return self._facts(window).is_void

    @extend_schema_field(serializers.ChoiceField(choices=[t.value for t in HalfPayTest], allow_null=True))
    def get_half_pay_test(self, window: NonCompete) -> str | None:
        return self._facts(window).half_pay_test

    def get_capped_by_law(self, window: NonCompete) -> bool:
        return self._facts(window).capped_by_law

    def get_unpaid_termination_available(self, window: NonCompete) -> bool:
        return self._facts(window).unpaid_termination_available

    def get_compensation_owed_until(self, window: NonCompete) -> dt.date | None:
        return self._facts(window).compensation_owed_until


class CareerNonCompeteSerializer(NonCompeteSerializer):
    class Meta(NonCompeteSerializer.Meta):
        fields = [f for f in NonCompeteSerializer.Meta.fields if f != "candidate"]
        read_only_fields = fields


class CandidateAliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = CandidateAlias
        fields = ["name", "kind", "company"]
        validators: list = []


class ContactSerializer(serializers.ModelSerializer):
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
    display_name = serializers.SerializerMethodField(help_text="The name the caller may see (maybe the pseudonym).")
    identity_cleared = serializers.SerializerMethodField(
        help_text="False: the caller sees only the pseudonym; private fields come back empty."
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
    current = serializers.SerializerMethodField()
    availability = serializers.SerializerMethodField()
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
            "hold",
            "current",
            "availability",
            "employments",
            "noncompetes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["pinyin"]

    def _cleared(self, candidate: Candidate) -> bool:
        return candidate_rights(self.context["request"].user, candidate).identity_cleared

    def get_display_name(self, candidate: Candidate) -> str:
        return candidate.display_name if self._cleared(candidate) else candidate.pseudonym

    def get_identity_cleared(self, candidate: Candidate) -> bool:
        return self._cleared(candidate)

    @extend_schema_field(CurrentPositionSerializer(allow_null=True))
    def get_current(self, candidate: Candidate) -> dict | None:
        stint = current_employment(list(candidate.employments.all()))
        if stint is None:
            return None
        level = stint.level
        return {
            "company": CompanyRefSerializer(stint.company).data,
            "title": stint.title,
            "level": level.code if level else None,
            "band": level.band.code if level and level.band else None,
            "since": stint.start_date.isoformat(),
        }

    @extend_schema_field(AvailabilitySerializer)
    def get_availability(self, candidate: Candidate) -> dict:
        state = candidate_availability(candidate, today_of(self))
        return {
            "state": state.state.value,
            "until": state.until.isoformat() if state.until else None,
            "days_left": state.days_left,
            "noncompete": state.noncompete.pk if state.noncompete else None,
        }

    def to_representation(self, candidate: Candidate) -> dict:
        cleared = self._cleared(candidate)
        self.context["candidate_cleared"] = cleared
        data = super().to_representation(candidate)
        if not cleared:
            data.update(CANDIDATE_PRIVATE_BLANKS)
        return data


class TimelineEntrySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["note", "joined", "left", "noncompete_start", "noncompete_end"])
    at = serializers.DateTimeField(help_text="When it happened (dates are midnight UTC).")
    summary = serializers.CharField()
    object_id = serializers.IntegerField(help_text="The note, stint or window it comes from.")
