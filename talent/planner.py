"""What PostgreSQL's planner expects of a query, without running it."""

import json

from django.db.models import QuerySet


def estimated_rows(queryset: QuerySet) -> float:
    """The planner's estimate of how many rows `queryset` returns (its EXPLAIN; nothing is executed)."""
    plan = queryset.values("pk").explain(format="json")
    if not plan:  # Django knew without asking that nothing matches (an empty `pk__in`): no statement, no plan
        return 0
    return json.loads(plan)[0]["Plan"]["Plan Rows"]
