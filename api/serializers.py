from rest_framework import serializers

# The largest id PostgreSQL's bigint holds (and JSON encoders write as a number).
BIGINT_MAX = 2**63 - 1


class WholeRowSerializer(serializers.ModelSerializer):
    """A nested item that replaces a whole row (a candidate's contacts, a client's contacts).

    DRF skips missing required fields everywhere under a partial update, nested
    items included; but a PATCH that sends a list of contacts replaces every
    contact, so each item must still be complete.
    """

    def to_internal_value(self, data):
        attrs = super().to_internal_value(data)
        missing = {
            name: [field.error_messages["required"]]
            for name, field in self.fields.items()
            if field.required and not field.read_only and field.source not in attrs
        }
        if missing:
            raise serializers.ValidationError(missing)
        return attrs
