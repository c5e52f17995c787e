import json

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crm.imports.rows import TARGETS, mapping_errors
from crm.imports.services import import_counts
from crm.models import ImportJob, ImportRow, ImportSource
from talent.access import public_name


class ImportSourceSerializer(serializers.ModelSerializer):
    mapping = serializers.DictField(
        child=serializers.ChoiceField(choices=list(TARGETS)), help_text="Column header → target field."
    )

    class Meta:
        model = ImportSource
        fields = [
            "id",
            "name",
            "mapping",
            "candidate_source",
            "source_detail",
            "lawful_basis",
            "create_unknown_companies",
            "on_name_match",
            "owner",
            "team",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    def validate_mapping(self, value: dict) -> dict:
        errors = mapping_errors(value)
        if errors:
            raise serializers.ValidationError(errors)
        return value


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A .csv (UTF-8 or GB18030) or .xlsx file; the first line names the columns.")
    source = serializers.PrimaryKeyRelatedField(queryset=ImportSource.objects.all(), required=False, allow_null=True)
    mapping = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text='JSON object column header → target field, e.g. {"邮箱": "email"}; default: the source\'s, '
        "else columns named after target fields.",
    )
    dry_run = serializers.BooleanField(default=True, help_text="Plan only (default); false runs at once.")

    def validate_mapping(self, value: str) -> dict | None:
        if not value:
            return None
        try:
            mapping = json.loads(value)
        except ValueError:
            raise serializers.ValidationError("Give the mapping as a JSON object.") from None
        if not isinstance(mapping, dict):
            raise serializers.ValidationError("Give the mapping as a JSON object.")
        return mapping


class CountsSerializer(serializers.Serializer):
    planned = serializers.DictField(child=serializers.IntegerField())
    results = serializers.DictField(child=serializers.IntegerField())


class ImportJobSerializer(serializers.ModelSerializer):
    counts = serializers.SerializerMethodField()
    errors_url = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "source",
            "file_name",
            "file_format",
            "state",
            "mapping",
            "candidate_source",
            "source_detail",
            "lawful_basis",
            "create_unknown_companies",
            "on_name_match",
            "owner",
            "team",
            "rows_total",
            "rows_planned",
            "rows_done",
            "counts",
            "error",
            "created_at",
            "queued_at",
            "started_at",
            "finished_at",
            "heartbeat_at",
            "errors_url",
        ]
        read_only_fields = fields

    @extend_schema_field(CountsSerializer)
    def get_counts(self, job: ImportJob) -> dict:
        return import_counts(job)

    def get_errors_url(self, job: ImportJob) -> str:
        return f"/api/v1/imports/{job.pk}/errors.csv"


class MatchedCandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="The pseudonym of a confidential candidate you are not cleared for.")


class ImportRowSerializer(serializers.ModelSerializer):
    candidate = serializers.SerializerMethodField()

    class Meta:
        model = ImportRow
        fields = ["id", "number", "cells", "action", "reasons", "result", "done", "candidate"]
        read_only_fields = fields

    @extend_schema_field(MatchedCandidateSerializer(allow_null=True))
    def get_candidate(self, row: ImportRow) -> dict | None:
        if row.candidate is None:
            return None
        return {"id": row.candidate.pk, "name": public_name(self.context["request"].user, row.candidate)}
