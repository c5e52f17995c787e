"""Shapes of stints and non-compete windows; private fields come back empty to those not cleared."""

import datetime as dt

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from talent.models import (
    Company,
    Employment,
    NonCompete,
)
from talent.noncompete_rules import HalfPayTest
from talent.noncompetes import WindowState, window_facts
from talent.serializers.reference import CompanyRefSerializer, LevelRefSerializer, today_of
from talent.serializers.rows import EMPLOYMENT_PRIVATE_BLANKS, NONCOMPETE_PRIVATE_BLANKS


class RedactedCandidatePartMixin:
    """A stint or window of a candidate: private fields come back empty unless the caller is cleared.

    Cleared means the row was read with a `candidate_cleared` annotation that
    is true, or the context says `candidate_cleared`; without either the row
    is redacted (fail closed). Inside a candidate, talent.serializers.rows
    renders stints and windows.
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
