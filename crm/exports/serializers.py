"""Shapes of export requests and of the export records."""

from rest_framework import serializers

from crm.models import ExportRecord


class ExportQuerySerializer(serializers.Serializer):
    # Not `format`: DRF reads that query parameter for content negotiation.
    file = serializers.ChoiceField(
        choices=ExportRecord.Format.choices, default=ExportRecord.Format.CSV, help_text="The file format."
    )


class ExportRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExportRecord
        fields = [
            "id",
            "user",
            "username",
            "api_key_name",
            "kind",
            "file_format",
            "via",
            "mandate",
            "query",
            "row_count",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields
