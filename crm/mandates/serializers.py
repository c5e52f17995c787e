"""Shapes of clients, mandates and pipeline rows, for recruiters and (redacted) for a client's key.

Row serializers read the conflicts of their page from the context
(`conflicts`: row id → list of Conflict), computed once per page.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import WholeRowSerializer
from crm.mandates.conflicts import verdict_of
from crm.models import Client, ClientContact, Mandate, PipelineRow, Placement, Stage, StageMove
from talent.models import Band, Candidate, Company
from talent.selectors import companies_matching


@extend_schema_field(
    {
        "description": "Written as a company id or any name or alias; read as {id, name}.",
        "oneOf": [
            {"type": "integer"},
            {"type": "string"},
            {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}},
        ],
    }
)
class CompanyByIdOrName(serializers.Field):
    """A company given by id or by any of its names or aliases (字节 → ByteDance)."""

    default_error_messages = {"unknown": "No company is called {value!r}.", "invalid": "Give a company id or name."}

    def to_internal_value(self, data) -> Company:
        if isinstance(data, int) and not isinstance(data, bool):
            company = Company.objects.filter(pk=data).first()
        elif isinstance(data, str) and data.strip():
            company = companies_matching(data).first()
        else:
            self.fail("invalid")
        if company is None:
            self.fail("unknown", value=data)
        return company

    def to_representation(self, company: Company) -> dict:
        return {"id": company.pk, "name": company.name}


class ClientContactSerializer(WholeRowSerializer):
    class Meta:
        model = ClientContact
        fields = ["name", "title", "email", "phone"]


class ClientSerializer(serializers.ModelSerializer):
    company = CompanyByIdOrName(help_text="A company id, or any of its names or aliases.")
    contacts = ClientContactSerializer(many=True, required=False)

    class Meta:
        model = Client
        fields = [
            "id",
            "company",
            "contacts",
            "fee_kind",
            "fee_percent",
            "fee_fixed",
            "fee_currency",
            "guarantee_days",
            "off_limits",
            "off_limits_subsidiaries",
            "off_limits_months",
            "sectors",
            "notes",
            "created_at",
            "updated_at",
        ]


class ClientKeySerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    expires_at = serializers.DateTimeField(required=False, allow_null=True)


class ClientKeyCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    scope = serializers.CharField()
    key = serializers.CharField(help_text="Shown once.")


class MandateSerializer(serializers.ModelSerializer):
    """A mandate for recruiters: the client is null for a confidential search outside its team."""

    client = serializers.PrimaryKeyRelatedField(queryset=Client.objects.all(), write_only=True)
    client_ref = serializers.SerializerMethodField(help_text="Null when the search is confidential to its team.")
    band_min = serializers.SlugRelatedField(
        slug_field="code", queryset=Band.objects.all(), required=False, allow_null=True
    )
    band_max = serializers.SlugRelatedField(
        slug_field="code", queryset=Band.objects.all(), required=False, allow_null=True
    )
    stage_counts = serializers.SerializerMethodField()

    class Meta:
        model = Mandate
        fields = [
            "id",
            "client",
            "client_ref",
            "title",
            "band_min",
            "band_max",
            "location",
            "budget",
            "budget_currency",
            "status",
            "owner",
            "team",
            "opened_on",
            "closed_on",
            "is_confidential",
            "stage_counts",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"owner": {"required": False}}

    def get_client_ref(self, mandate: Mandate) -> dict | None:
        if not getattr(mandate, "client_named", False):
            return None
        return {"id": mandate.client_id, "name": mandate.client.company.name}

    def get_stage_counts(self, mandate: Mandate) -> dict[str, int]:
        return {stage: getattr(mandate, f"count_{stage}", 0) for stage in Stage.values}


class ClientMandateSerializer(serializers.ModelSerializer):
    """What a client's key sees of its own mandate."""

    band_min = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    band_max = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Mandate
        fields = ["id", "title", "band_min", "band_max", "location", "status", "opened_on", "closed_on"]


class ConflictSerializer(serializers.Serializer):
    key = serializers.CharField()
    rule = serializers.ChoiceField(choices=["noncompete", "off_limits", "guarantee", "submitted_elsewhere"])
    severity = serializers.ChoiceField(choices=["block", "warn"])
    reason = serializers.CharField()
    until = serializers.DateField(allow_null=True)
    days_left = serializers.IntegerField(allow_null=True)
    overridden = serializers.BooleanField()


class StageMoveSerializer(serializers.ModelSerializer):
    moved_by = serializers.SerializerMethodField()

    class Meta:
        model = StageMove
        fields = ["from_stage", "to_stage", "moved_at", "moved_by", "reason"]

    def get_moved_by(self, move: StageMove) -> str | None:
        return None if move.moved_by is None else move.moved_by.get_username()


class PlacementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Placement
        fields = [
            "start_date",
            "compensation",
            "compensation_currency",
            "fee",
            "fee_currency",
            "guarantee_ends_on",
            "employment",
        ]


def _candidate_ref(candidate: Candidate, cleared: bool) -> dict:
    return {
        "id": candidate.pk,
        "name": candidate.display_name if cleared else candidate.pseudonym,
        "identity_hidden": not cleared,
    }


class PipelineRowSerializer(serializers.ModelSerializer):
    candidate_ref = serializers.SerializerMethodField()
    client_ref = serializers.SerializerMethodField()
    verdict = serializers.SerializerMethodField()
    conflicts = serializers.SerializerMethodField()
    override = serializers.SerializerMethodField()
    placement = serializers.SerializerMethodField()

    class Meta:
        model = PipelineRow
        fields = [
            "id",
            "mandate",
            "candidate_ref",
            "client_ref",
            "stage",
            "stage_changed_at",
            "submitted_at",
            "expected_start_on",
            "verdict",
            "conflicts",
            "override",
            "placement",
            "created_at",
        ]

    def _conflicts(self, row: PipelineRow) -> list:
        return self.context.get("conflicts", {}).get(row.pk, [])

    def get_candidate_ref(self, row: PipelineRow) -> dict:
        return _candidate_ref(row.candidate, bool(getattr(row, "candidate_cleared", False)))

    def get_client_ref(self, row: PipelineRow) -> dict | None:
        if not getattr(row, "client_named", False):
            return None
        return {"id": row.mandate.client_id, "name": row.mandate.client.company.name}

    def get_verdict(self, row: PipelineRow) -> str:
        return verdict_of(self._conflicts(row))

    def get_conflicts(self, row: PipelineRow) -> list[dict]:
        return ConflictSerializer(self._conflicts(row), many=True).data

    def get_override(self, row: PipelineRow) -> dict | None:
        if row.overridden_at is None:
            return None
        by = row.overridden_by.get_username() if row.overridden_by else None
        return {
            "reason": row.override_reason,
            "by": by,
            "at": serializers.DateTimeField().to_representation(row.overridden_at),
        }

    def get_placement(self, row: PipelineRow) -> dict | None:
        placement = getattr(row, "placement", None) if row.stage == Stage.PLACED else None
        if placement is None:
            return None
        data = PlacementSerializer(placement).data
        if not getattr(row, "candidate_cleared", False):
            data["compensation"] = data["compensation_currency"] = None
        return data


class ClientPipelineRowSerializer(serializers.ModelSerializer):
    """A row as the client sees it: the candidate by pseudonym until submitted to it, never contacts or pay."""

    candidate = serializers.SerializerMethodField()

    class Meta:
        model = PipelineRow
        fields = ["id", "mandate", "stage", "stage_changed_at", "submitted_at", "candidate"]

    def get_candidate(self, row: PipelineRow) -> dict:
        candidate = row.candidate
        if row.submitted_at is None:
            return {"name": candidate.pseudonym or f"Candidate {row.pk}", "identity_hidden": True}
        return {"name": candidate.display_name, "identity_hidden": False}


class PipelineAddSerializer(serializers.Serializer):
    mandate = serializers.PrimaryKeyRelatedField(queryset=Mandate.objects.all())
    candidate = serializers.PrimaryKeyRelatedField(queryset=Candidate.objects.all())
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000)
    override_reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2_000)
    expected_start_on = serializers.DateField(required=False, allow_null=True)


class PipelineMoveSerializer(serializers.Serializer):
    to_stage = serializers.ChoiceField(choices=Stage.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000)
    override_reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2_000)


class PipelineOverrideSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2_000)


class PlacementRecordSerializer(serializers.Serializer):
    start_date = serializers.DateField()
    compensation = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    compensation_currency = serializers.ChoiceField(choices=Placement._meta.get_field("compensation_currency").choices)


class ConflictReportSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=["clear", "warning", "blocked", "overridden"])
    conflicts = ConflictSerializer(many=True)


class StageFiguresSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    reached = serializers.IntegerField()
    conversion = serializers.FloatField(allow_null=True)
    median_days = serializers.FloatField(allow_null=True)


class FunnelSerializer(serializers.Serializer):
    stages = StageFiguresSerializer(many=True)
    mandates = serializers.IntegerField()
    filled = serializers.IntegerField()
    median_days_to_fill = serializers.FloatField(allow_null=True)
