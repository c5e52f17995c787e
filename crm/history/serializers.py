"""The shape of one history entry in the API."""

from drf_spectacular.utils import extend_schema_field
from pghistory.models import Events
from rest_framework import serializers

from crm.history.selectors import KINDS, LABELS, history_entry


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "array", "minItems": 2, "maxItems": 2, "items": {}},
        "description": "Changed fields: {field: [before, after]} (before is null on create, after on delete).",
    }
)
class ChangesField(serializers.DictField):
    pass


class HistoryEntrySerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The event, e.g. `talent.CandidateEvent:12`.")
    at = serializers.DateTimeField(help_text="When the change was committed (its transaction's time).")
    kind = serializers.ChoiceField(choices=sorted(set(KINDS.values())), help_text="The kind of row that changed.")
    object_id = serializers.IntegerField(help_text="The id of the row that changed (of its kind).")
    label = serializers.ChoiceField(choices=sorted(LABELS.values()))
    via = serializers.CharField(
        allow_null=True, help_text="The path: api, admin, import, merge, command, erasure (null: unrecorded)."
    )
    action = serializers.CharField(allow_null=True, help_text="A service within the path, e.g. merge.")
    user = serializers.CharField(allow_null=True, help_text="The username of who made the change.")
    api_key = serializers.CharField(allow_null=True, help_text="The name of the API key used, if any.")
    changes = ChangesField()

    def to_representation(self, instance: Events) -> dict:
        return super().to_representation(history_entry(instance))
