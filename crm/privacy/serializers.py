from rest_framework import serializers

from crm.privacy.models import ErasureReason, ErasureRecord


class ErasureRequestSerializer(serializers.Serializer):
    confirm = serializers.BooleanField(help_text="Must be true: the erasure cannot be undone.")
    reason = serializers.ChoiceField(choices=ErasureReason.choices)

    def validate_confirm(self, value: bool) -> bool:
        if value is not True:
            raise serializers.ValidationError("Confirm the erasure with true: it cannot be undone.")
        return value


class ErasureRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = ErasureRecord
        fields = ["id", "candidate_id", "erased_at", "username", "reason", "via", "suppressed", "counts"]
        read_only_fields = fields
