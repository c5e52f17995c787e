"""Query parameters of the status endpoints, and the shape of their answers (for the schema).

The payload itself is built by crm.status.payload, so that its version
hashes exactly what is sent; the response serializers here document it.
"""

from rest_framework import serializers

from api.serializers import BIGINT_MAX
from crm.status.feed import Cursor, InvalidCursor, cursor_decode
from talent.availability import Availability

MAX_IDS = 100
MAX_CHANGES = 500
DEFAULT_CHANGES = 100


class StatusIdsSerializer(serializers.Serializer):
    ids = serializers.CharField(help_text=f"Comma-separated candidate ids, at most {MAX_IDS}.")

    def validate_ids(self, value: str) -> list[int]:
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if not parts:
            raise serializers.ValidationError("Give at least one candidate id.")
        if not all(part.isascii() and part.isdigit() and 0 < int(part) <= BIGINT_MAX for part in parts):
            raise serializers.ValidationError("Ids are positive whole numbers separated by commas.")
        ids = list(dict.fromkeys(int(part) for part in parts))
        if len(ids) > MAX_IDS:
            raise serializers.ValidationError(f"Ask for at most {MAX_IDS} ids at once.")
        return ids


class StatusChangesQuerySerializer(serializers.Serializer):
    cursor = serializers.CharField(required=False, help_text="The `next_cursor` of the previous page.")
    limit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_CHANGES, default=DEFAULT_CHANGES)

    def validate_cursor(self, value: str) -> Cursor:
        try:
            return cursor_decode(value)
        except InvalidCursor as error:
            raise serializers.ValidationError(str(error)) from None


class CompanyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class BandRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    rank = serializers.IntegerField()


class AvailabilitySerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=Availability.choices)
    until = serializers.DateField(allow_null=True, help_text="Last restricted day, while in a non-compete.")
    days_left = serializers.IntegerField(allow_null=True, help_text="Days until `until` (0 on the day itself).")


class ActiveNonCompeteSerializer(serializers.Serializer):
    employer = CompanyRefSerializer()
    enforceable_end = serializers.DateField()
    days_left = serializers.IntegerField()
    restricted_companies = CompanyRefSerializer(many=True)


class LastOutreachSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    channel = serializers.CharField()
    interest = serializers.CharField()


class LatestMoveSerializer(serializers.Serializer):
    to = CompanyRefSerializer()
    moved_on = serializers.DateField()
    promotion = serializers.BooleanField()
    summary = serializers.CharField(help_text='e.g. "left Zero One Everything, joined ByteDance Seed, 2024-10".')

    def get_fields(self) -> dict:
        # "from" is a Python keyword, so that field cannot be declared on the class.
        return {"from": CompanyRefSerializer(), **super().get_fields()}


class OpenPipelineRowSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    mandate = serializers.IntegerField()
    title = serializers.CharField()
    client = serializers.CharField(allow_null=True, help_text="Null for a confidential search outside its team.")
    stage = serializers.CharField()
    since = serializers.DateTimeField()


class StatusSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="The display name, or the pseudonym when `identity_hidden`.")
    native_name = serializers.CharField(allow_null=True)
    english_name = serializers.CharField(allow_null=True)
    identity_hidden = serializers.BooleanField()
    company = CompanyRefSerializer(allow_null=True)
    title = serializers.CharField(allow_null=True)
    level = serializers.CharField(allow_null=True)
    band = BandRefSerializer(allow_null=True)
    availability = AvailabilitySerializer()
    noncompete = ActiveNonCompeteSerializer(allow_null=True, help_text="The window binding today, if any.")
    latest_move = LatestMoveSerializer(
        allow_null=True,
        help_text="The latest change of employer. Null without one, and for API clients reading a confidential "
        "candidate.",
    )
    last_outreach = LastOutreachSerializer(
        allow_null=True,
        required=False,
        help_text="Recruiters and admins cleared for the candidate only; absent otherwise.",
    )
    next_follow_up_on = serializers.DateField(
        allow_null=True,
        required=False,
        help_text="Recruiters and admins cleared for the candidate only; absent otherwise.",
    )
    pipeline = OpenPipelineRowSerializer(
        many=True,
        required=False,
        help_text="Recruiters and admins only (absent otherwise): the searches the candidate is on now.",
    )
    version = serializers.CharField(
        help_text="Changes whenever this payload, as you see it, changes (days_left aside). Also the ETag."
    )


class StatusListSerializer(serializers.Serializer):
    statuses = StatusSerializer(many=True)
    missing = serializers.ListField(child=serializers.IntegerField(), help_text="Requested ids with no candidate.")


class StatusChangeSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The candidate's id.")
    change = serializers.ChoiceField(choices=["upsert", "delete"])
    status = StatusSerializer(allow_null=True, help_text="The current status; null for a delete.")
    merged_into = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="On a delete: the candidate this one was merged into (its tombstone), when you may see it; "
        "that candidate's upsert comes in the same feed. Null for a plain deletion.",
    )


class StatusChangesSerializer(serializers.Serializer):
    changes = StatusChangeSerializer(many=True)
    next_cursor = serializers.CharField(help_text="Send it back as `cursor` to continue; opaque.")
    has_more = serializers.BooleanField(help_text="True when another page is ready now.")
