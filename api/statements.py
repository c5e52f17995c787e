"""Statements compiled once: the SQL of a `values()` queryset, run again with other parameters.

Django compiles a queryset to SQL on every evaluation, and for a small read that
costs about as much as PostgreSQL takes to answer it (0.5–0.7 ms a statement,
bench/README.md). A read that runs the same shape of query on every request (a
status by id) compiles it once per process here and then only swaps its
parameters. The SQL still comes from the ORM, so a rule written once as a
queryset or a `Q` (talent.access) is not restated in hand-written SQL.

    stints = Statement(lambda candidate: Employment.objects.filter(candidate_id=candidate).values("id", "title"))
    stints.rows("default", candidate=42)  # [{"id": 7, "title": "..."}]

The builder receives a distinct marker (a negative integer) for each parameter
and must pass each one to the ORM exactly once, as a plain value (not in a
list that the ORM would expand); a text column gets the marker as text. A
statement over any number of ids takes them as one array with `AnyOf`:

    Statement(lambda ids: Employment.objects.filter(AnyOf("candidate_id", ids)).values("id"))

Rows come back as dicts keyed like `values()`, converted by the same
converters Django would apply.
"""

import inspect
from collections.abc import Callable
from itertools import count

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Lookup, QuerySet

# Negative ids exist nowhere, and these fit every integer column the ORM range-checks.
_MARKERS = count(-2_000_000_001, -1)


class AnyOf(Lookup):
    """`column = ANY(%s)`: membership in one array parameter, so that the SQL is the same for any number of
    values (`__in` writes one placeholder per value)."""

    prepare_rhs = False

    def __init__(self, column: str, values) -> None:
        super().__init__(F(column), values)

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


class Statement:
    """A `values()` queryset built by `build(**parameters)`, compiled on first use, run by `rows()`."""

    def __init__(self, build: Callable[..., QuerySet]) -> None:
        self._build = build
        self._parameters = tuple(inspect.signature(build).parameters)
        self._compiled = None  # compiled on first use: compiling may ask the server for its version

    def rows(self, using: str, **values) -> list[dict]:
        sql, params, positions, names, compiler, converters = self._compiled or self._compile()
        params = list(params)
        for name, position in positions.items():
            params[position] = values[name]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return [dict(zip(names, row, strict=True)) for row in rows]

    def _compile(self) -> tuple:
        markers = {name: next(_MARKERS) for name in self._parameters}
        query = self._build(**markers).query
        compiler = query.get_compiler(DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()
        positions = {}
        for name, marker in markers.items():
            found = [position for position, value in enumerate(params) if value in (marker, str(marker))]
            if len(found) != 1:
                raise ImproperlyConfigured(
                    f"Statement parameter {name!r} reaches the SQL {len(found)} times, not once."
                )
            positions[name] = found[0]
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        converters = compiler.get_converters([column for column, _sql, _alias in compiler.select[: compiler.col_count]])
        self._compiled = sql, tuple(params), positions, names, compiler, converters
        return self._compiled
