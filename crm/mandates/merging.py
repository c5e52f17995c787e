"""Candidate merge rule for pipelines: a mandate both duplicates are on keeps the survivor's row.

Stage history cannot be rewritten, so the merged-away row's moves are not
re-pointed: they are summarised in a new move on the survivor's row (who,
when, from where to where, why), then the row goes with its history.
"""

from crm.models import PipelineRow, StageMove
from talent.merge import MergeContext


def pipeline_merge_conflicts(context: MergeContext, field) -> None:
    survivor_rows = dict(PipelineRow.objects.filter(candidate_id=context.survivor_id).values_list("mandate_id", "pk"))
    clashing = PipelineRow.objects.filter(candidate_id=context.merged_id, mandate_id__in=survivor_rows)
    for row in clashing.prefetch_related("moves__moved_by"):
        lines = [
            f"{move.moved_at:%Y-%m-%d %H:%M} {move.from_stage or '—'} → {move.to_stage}"
            f" by {move.moved_by.get_username() if move.moved_by else '?'}"
            + (f": {move.reason}" if move.reason else "")
            for move in row.moves.all()
        ]
        survivor_row = PipelineRow.objects.get(pk=survivor_rows[row.mandate_id])
        StageMove.objects.create(
            row=survivor_row,
            from_stage=survivor_row.stage,
            to_stage=survivor_row.stage,
            moved_by=context.actor if getattr(context.actor, "pk", None) else None,
            moved_at=context.now,
            reason=f"Merged a duplicate candidate's row (it was at {row.stage}):\n" + "\n".join(lines),
        )
        row.delete()
