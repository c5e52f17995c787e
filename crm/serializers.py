"""Shapes of the recruiting resources. Server-owned fields are read-only; values sent for them are ignored."""

from rest_framework import serializers

from crm.models import OutreachNote
from talent.models import Candidate


class OutreachNoteSerializer(serializers.ModelSerializer):
    """A logged conversation. `author` is the caller; `candidate` is fixed at creation."""

    candidate = serializers.PrimaryKeyRelatedField(queryset=Candidate.objects.all())
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = OutreachNote
        fields = [
            "id",
            "candidate",
            "author",
            "author_name",
            "happened_at",
            "channel",
            "direction",
            "summary",
            "interest",
            "declined_reason",
            "follow_up_on",
            "is_confidential",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["author"]

    def get_author_name(self, note: OutreachNote) -> str:
        return str(note.author)
