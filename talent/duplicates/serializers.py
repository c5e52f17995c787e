"""Shapes of duplicate pairs, merge requests and merge records in the API."""

from rest_framework import serializers

from api.serializers import BIGINT_MAX
from talent.duplicates.keys import REASONS
from talent.duplicates.merging import CHOICE_FIELDS, MERGED, SURVIVOR
from talent.models import Candidate, CandidateMerge, DuplicatePair


class PairCandidateSerializer(serializers.ModelSerializer):
    # Pairs are only listed to those cleared for both candidates, so the real name is shown.
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = Candidate
        fields = ["id", "display_name", "is_confidential", "owner", "updated_at"]


class DuplicatePairSerializer(serializers.ModelSerializer):
    low = PairCandidateSerializer(read_only=True)
    high = PairCandidateSerializer(read_only=True)
    reasons = serializers.ListField(
        child=serializers.ChoiceField(choices=REASONS),
        read_only=True,
        help_text="Why they look like one person: email, phone, wechat, linkedin (the same normalised contact), "
        "native_name (same name in either script, a shared employer), english_name (same name and employer), "
        "pinyin (same pinyin, a shared employer, overlapping years), handle (a WeChat ID or e-mail name shared).",
    )

    class Meta:
        model = DuplicatePair
        fields = ["id", "low", "high", "reasons", "score", "status", "dismissed_at", "updated_at"]
        read_only_fields = fields


class MergeRequestSerializer(serializers.Serializer):
    survivor = serializers.IntegerField(
        min_value=1, max_value=BIGINT_MAX, help_text="The candidate that stays (keeps its id)."
    )
    merged = serializers.IntegerField(
        min_value=1, max_value=BIGINT_MAX, help_text="The candidate merged into it; its id then redirects."
    )
    fields = serializers.DictField(
        child=serializers.ChoiceField(choices=[SURVIVOR, MERGED]),
        required=False,
        default=dict,
        help_text=f"Per field, whose value wins: {SURVIVOR!r} or {MERGED!r}. Fields not named keep the survivor's "
        "value unless it is empty. Compensation goes with its currency and period, `source` with its detail; "
        f"expertise tags are united. Fields: {', '.join(CHOICE_FIELDS)}.",
    )

    def validate_fields(self, value: dict) -> dict:
        unknown = sorted(set(value) - set(CHOICE_FIELDS))
        if unknown:
            raise serializers.ValidationError(f"Not fields that can be chosen: {', '.join(unknown)}.")
        return value

    def validate(self, attrs: dict) -> dict:
        if attrs["survivor"] == attrs["merged"]:
            raise serializers.ValidationError({"merged": ["A candidate cannot be merged into itself."]})
        return attrs


class CandidateMergeSerializer(serializers.ModelSerializer):
    survivor = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = CandidateMerge
        fields = [
            "merged_id",
            "survivor",
            "merged_at",
            "field_choices",
            "aliases_added",
            "merged_values",
            "replaced_values",
        ]
        read_only_fields = fields
