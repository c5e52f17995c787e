"""Shapes of moves and flows. A candidate the caller is not cleared for is named by pseudonym."""

import datetime as dt

from django.utils import timezone
from rest_framework import serializers

from talent.models import Band, Employment
from talent.moves.derivation import is_promotion
from talent.moves.flows import FlowMatrix, Group
from talent.moves.patterns import Pattern, patterns_of


def _band(band: Band | None) -> dict | None:
    return None if band is None else {"code": band.code, "name": band.name, "rank": band.rank}


def _side(stint: Employment) -> dict:
    level = stint.level
    return {
        "company": {"id": stint.company_id, "name": stint.company.name, "kind": stint.company.kind},
        "title": stint.title,
        "level": level.code if level else None,
        "band": _band(level.band if level else None),
    }


class _CandidateRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="The pseudonym when the caller is not cleared for the candidate.")
    identity_hidden = serializers.BooleanField()


class _BandRef(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    rank = serializers.IntegerField()


class _CompanyRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()


class _Side(serializers.Serializer):
    company = _CompanyRef()
    title = serializers.CharField()
    level = serializers.CharField(allow_null=True)
    band = _BandRef(allow_null=True)


class MoveSerializer(serializers.Serializer):
    """A move, read from talent.moves (annotated rows with `from_stint` attached)."""

    id = serializers.IntegerField(help_text="The id of the stint the move led to.")
    candidate = _CandidateRef()
    moved_on = serializers.DateField(help_text="The first day at the new company.")
    left_on = serializers.DateField(help_text="The last day at the old company (may be after moved_on: overlap).")
    left = _Side()
    joined = _Side()
    promotion = serializers.BooleanField(help_text="Moved up across bands.")
    patterns = serializers.ListField(child=serializers.ChoiceField(choices=Pattern.choices))

    def to_representation(self, move: Employment) -> dict:
        candidate = move.candidate
        cleared = move.candidate_cleared
        return {
            "id": move.pk,
            "candidate": {
                "id": candidate.pk,
                "name": candidate.display_name if cleared else candidate.pseudonym,
                "identity_hidden": not cleared,
            },
            "moved_on": move.start_date.isoformat(),
            "left_on": move.from_stint.end_date.isoformat(),
            "left": _side(move.from_stint),
            "joined": _side(move),
            "promotion": is_promotion(move.from_band_rank, move.to_band_rank),
            "patterns": patterns_of(move),
        }


class FlowQuerySerializer(serializers.Serializer):
    moved_after = serializers.DateField(required=False, help_text="Period start, inclusive (default: a year ago).")
    moved_before = serializers.DateField(required=False, help_text="Period end, inclusive (default: today).")
    group = serializers.ChoiceField(choices=Group.CHOICES, default=Group.COMPANY)
    top = serializers.IntegerField(min_value=1, max_value=100, default=25)

    def validate(self, attrs: dict) -> dict:
        today = self.context.get("today") or timezone.localdate()
        attrs.setdefault("moved_before", today)
        attrs.setdefault("moved_after", attrs["moved_before"] - dt.timedelta(days=365))
        if attrs["moved_after"] > attrs["moved_before"]:
            raise serializers.ValidationError({"moved_after": ["The period starts after it ends."]})
        return attrs


class _Node(serializers.Serializer):
    key = serializers.JSONField(help_text="Company id, or company kind when grouped by kind.")
    name = serializers.CharField()
    kind = serializers.CharField()


class _Flow(serializers.Serializer):
    source = serializers.JSONField(help_text="Key of the node left.")
    target = serializers.JSONField(help_text="Key of the node joined.")
    count = serializers.IntegerField()
    median_band_before = _BandRef(allow_null=True)
    median_band_after = _BandRef(allow_null=True)


class FlowMatrixSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=Group.CHOICES)
    moved_after = serializers.DateField()
    moved_before = serializers.DateField()
    nodes = _Node(many=True)
    flows = _Flow(many=True, help_text="Non-empty cells, largest first.")
    matrix = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="Counts: row = node left, column = node joined, in the order of `nodes`.",
    )
    total = serializers.IntegerField(help_text="Moves shown.")
    left_out = serializers.IntegerField(help_text="Moves between nodes outside the top ones.")

    def to_representation(self, matrix: FlowMatrix) -> dict:
        index = {node.key: position for position, node in enumerate(matrix.nodes)}
        counts = [[0] * len(matrix.nodes) for _ in matrix.nodes]
        for flow in matrix.flows:
            counts[index[flow.source]][index[flow.target]] = flow.count
        return {
            "group": matrix.group,
            "moved_after": matrix.moved_after.isoformat(),
            "moved_before": matrix.moved_before.isoformat(),
            "nodes": [{"key": node.key, "name": node.name, "kind": node.kind} for node in matrix.nodes],
            "flows": [
                {
                    "source": flow.source,
                    "target": flow.target,
                    "count": flow.count,
                    "median_band_before": _band(flow.median_band_before),
                    "median_band_after": _band(flow.median_band_after),
                }
                for flow in matrix.flows
            ],
            "matrix": counts,
            "total": matrix.total,
            "left_out": matrix.left_out,
        }
