"""What other apps tell the candidate merge (talent.duplicates.merging) about their rows.

Merging moves every row that points at the merged-away candidate to the
survivor, found by walking Candidate's relations, so a new model is covered
without being named here. Two things the walk cannot know are registered,
usually from an AppConfig.ready():

- a **conflict rule** for a model whose rows would break a unique constraint
  when moved (the same mandate in both pipelines, the same recruiter watching
  both). It runs before the model's rows are moved and must leave only rows
  that can move, folding the others into the survivor's without losing what
  they say. Without a rule, such a conflict stops the merge (nothing is written).
- an **after-merge hook** for work that depends on the merged result
  (re-planning reminders for the survivor's owner and watchers).

Both run inside the merge's transaction and receive a MergeContext.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import ForeignKey, Model


@dataclass(frozen=True)
class MergeContext:
    survivor_id: int
    merged_id: int
    actor: object
    now: dt.datetime


ConflictRule = Callable[[MergeContext, ForeignKey], None]
AfterMerge = Callable[[MergeContext], None]

_conflict_rules: dict[type[Model], ConflictRule] = {}
_after_merge: list[AfterMerge] = []


def register_conflict_rule(model: type[Model], rule: ConflictRule) -> None:
    """`rule(context, field)` runs before the rows of `model` whose `field` points at the merged candidate move."""
    _conflict_rules[model] = rule


def register_after_merge(hook: AfterMerge) -> None:
    if hook not in _after_merge:
        _after_merge.append(hook)


def conflict_rule_for(model: type[Model]) -> ConflictRule | None:
    return _conflict_rules.get(model)


def after_merge_hooks() -> list[AfterMerge]:
    return list(_after_merge)
