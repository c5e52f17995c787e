"""Shapes of reference data: companies, bands, ladders and levels, as resources and as references."""

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from talent.models import (
    Band,
    Company,
    Level,
    LevelLadder,
)


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
        fields = [
            "id",
            "name",
            "native_name",
            "kind",
            "country",
            "website",
            "parent",
            "aliases",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "parent": {"help_text": "Id of the group this company belongs to (its subsidiaries follow it)."}
        }


@extend_schema_serializer(component_name="CompanySummary")
class CompanyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["id", "name", "native_name"]


def company_ref(company: Company) -> dict:
    """What CompanyRefSerializer gives, without building a serializer (used once per row of a list page)."""
    return {"id": company.pk, "name": company.name, "native_name": company.native_name}


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
