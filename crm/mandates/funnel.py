"""The funnel of a mandate or of a recruiter's mandates, from the stage history, in two SQL queries.

- `reached`: rows that got at least that far along the path sourced → placed
  (a row that skipped "contacted" on its way to "submitted" counts as having
  passed it).
- `conversion`: reached at this stage ÷ reached at the previous one.
- `median_days`: median of finished stays in the stage (a move in, then a
  move out); a row still in a stage has no finished stay there yet.
- time to fill: days from the mandate's opening to its first placement.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import connection

from crm.models import Stage

PATH = [
    Stage.SOURCED,
    Stage.CONTACTED,
    Stage.INTERESTED,
    Stage.SUBMITTED,
    Stage.CLIENT_INTERVIEW,
    Stage.OFFER,
    Stage.PLACED,
]
EXITS = [Stage.REJECTED, Stage.WITHDRAWN]
_RANKS = ", ".join(f"('{stage.value}', {rank})" for rank, stage in enumerate(PATH + EXITS, start=1))

STAGES_SQL = f"""
WITH ranks(stage, rank) AS (VALUES {_RANKS}),
moves AS (
    SELECT move.row_id, move.to_stage, move.moved_at,
           LEAD(move.moved_at) OVER (PARTITION BY move.row_id ORDER BY move.moved_at, move.id) AS left_at
      FROM crm_stagemove AS move
      JOIN crm_pipelinerow AS pipeline ON pipeline.id = move.row_id
      JOIN crm_mandate AS mandate ON mandate.id = pipeline.mandate_id
     WHERE {{where}}
),
furthest AS (
    SELECT moves.row_id, MAX(ranks.rank) FILTER (WHERE ranks.rank <= {len(PATH)}) AS rank
      FROM moves JOIN ranks ON ranks.stage = moves.to_stage
     GROUP BY moves.row_id
)
SELECT ranks.stage,
       CASE WHEN ranks.rank <= {len(PATH)}
            THEN (SELECT COUNT(*) FROM furthest WHERE furthest.rank >= ranks.rank)
            ELSE (SELECT COUNT(DISTINCT moves.row_id) FROM moves WHERE moves.to_stage = ranks.stage) END,
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM moves.left_at - moves.moved_at) / 86400)
          FROM moves WHERE moves.to_stage = ranks.stage AND moves.left_at IS NOT NULL)
  FROM ranks
 ORDER BY ranks.rank
"""

FILL_SQL = """
SELECT COUNT(*) AS mandates,
       COUNT(filled.placed_at) AS filled,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY filled.placed_at - mandate.opened_on)
  FROM crm_mandate AS mandate
  LEFT JOIN LATERAL (
      SELECT MIN((move.moved_at AT TIME ZONE 'UTC')::date) AS placed_at
        FROM crm_pipelinerow AS pipeline
        JOIN crm_stagemove AS move ON move.row_id = pipeline.id AND move.to_stage = 'placed'
       WHERE pipeline.mandate_id = mandate.id
  ) AS filled ON TRUE
 WHERE {where}
"""


@dataclass(frozen=True)
class StageFigures:
    stage: str
    reached: int
    conversion: float | None
    median_days: float | None


@dataclass(frozen=True)
class Funnel:
    stages: list[StageFigures]
    mandates: int
    filled: int
    median_days_to_fill: float | None


def _funnel(where: str, params: list) -> Funnel:
    with connection.cursor() as cursor:
        cursor.execute(STAGES_SQL.format(where=where), params)
        rows = cursor.fetchall()
        cursor.execute(FILL_SQL.format(where=where), params)
        mandates, filled, median_fill = cursor.fetchone()
    stages, previous = [], None
    for stage, reached, median in rows:
        on_path = stage in PATH
        conversion = None
        if on_path and previous is not None:
            conversion = round(reached / previous, 4) if previous else None
        stages.append(
            StageFigures(
                stage=stage,
                reached=reached,
                conversion=conversion,
                median_days=None if median is None else round(float(median), 2),
            )
        )
        previous = reached if on_path else previous
    return Funnel(
        stages=stages,
        mandates=mandates,
        filled=filled,
        median_days_to_fill=None if median_fill is None else float(median_fill),
    )


def mandate_funnel(*, mandate_id: int) -> Funnel:
    return _funnel("mandate.id = %s", [mandate_id])


def recruiter_funnel(*, recruiter_id: int, opened_from: dt.date | None = None) -> Funnel:
    """Across the mandates the recruiter owns (opened on or after `opened_from`, if given)."""
    if opened_from is None:
        return _funnel("mandate.owner_id = %s", [recruiter_id])
    return _funnel("mandate.owner_id = %s AND mandate.opened_on >= %s", [recruiter_id, opened_from])
