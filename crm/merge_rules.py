"""What a candidate merge (talent.duplicates.merging) must do for crm's rows, registered in CrmConfig.ready.

Notes move to the survivor as they are. Reminders hang off windows and
notes, which keep their ids, so sent reminders stay history and pending ones
stay due; the survivor's owner and watchers may differ from either
candidate's, so its windows are re-planned at once rather than at the next sweep.
"""

from crm.mandates.merging import pipeline_merge_conflicts
from crm.models import PipelineRow
from crm.reminders.planning import candidate_reminders_plan
from talent.merge import MergeContext, register_after_merge, register_conflict_rule
from talent.models import Candidate


def replan_survivor_reminders(context: MergeContext) -> None:
    candidate_reminders_plan(candidate=Candidate.objects.get(pk=context.survivor_id), now=context.now)


def register() -> None:
    register_after_merge(replan_survivor_reminders)
    # A mandate both duplicates are on keeps one row (crm.mandates.merging).
    register_conflict_rule(PipelineRow, pipeline_merge_conflicts)
