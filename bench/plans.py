"""`python -m bench plans`: EXPLAIN ANALYZE of the search and the filtered list on the seeded data.

For each name form of issue 9 (the terms `python -m bench http` uses) it shows the
one-statement ranked search (every match sorted: what the admin still runs) and
the tiered page the API reads (talent.search.pagination: one id query per tier
visited), each for the first page of 50 as the team lead of the HTTP benchmark;
then the filtered list (availability + band + company). Execution times are
PostgreSQL's own (`Execution Time`), the best of `--repeat` runs; `--plans`
prints the plans too.
"""

import argparse
import os
import re
import time

import django

PAGE = 50
FILTERS = {"availability": "in_noncompete", "band_min": "staff", "company": "字节"}


def _explain(queryset, show: bool) -> float:
    from django.core.exceptions import EmptyResultSet
    from django.db import connection

    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a sparse tier without holders: no statement runs
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    if show:
        print(plan, "\n")
    return float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1))


def _best(function, repeat: int) -> float:
    return min(function(i == 0) for i in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench plans")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--plans", action="store_true", help="print each plan (the first run)")
    parser.add_argument("--skip-sorted", action="store_true", help="skip the sort-every-match statement")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()

    from django.contrib.auth import get_user_model
    from django.db import connection

    from bench.http import _search_forms
    from talent.access import candidates_visible_to
    from talent.filters import CandidateFilter
    from talent.models import Candidate
    from talent.search.query import SEARCH_ORDERING, TIER_ORDERING, _tier_rows, search_page, search_tiers
    from talent.selectors import candidates_search

    user = get_user_model().objects.get(username="jing.chen")
    visible = candidates_visible_to(user)
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
    print(f"{Candidate.objects.count():,} candidates; jit={jit}; load {os.getloadavg()[0]:.1f}; best of {args.repeat}")
    print("| query | sorted, one statement (ms) | tiered: id query per tier visited (ms) | tiered wall (ms) | rows |")
    print("|---|---|---|---|---|")
    for form, term in _search_forms().items():
        searched = candidates_search(visible, term)
        sorted_ms = "—"
        if not args.skip_sorted:
            ranked = searched.order_by(*SEARCH_ORDERING).values("pk")[: PAGE + 1]
            sorted_ms = f"{_best(lambda s, q=ranked: _explain(q, s and args.plans), args.repeat):.1f}"
        tiers = search_tiers(searched, term)
        need, parts = PAGE + 1, []
        for tier in tiers:
            if need <= 0:
                break
            query = _tier_rows(tier).order_by(*TIER_ORDERING).values_list("updated_at", "id")[:need]
            parts.append(_best(lambda s, q=query: _explain(q, s and args.plans), args.repeat))
            need -= len(list(query))
        start = time.perf_counter()
        found = search_page(tiers, limit=PAGE + 1)
        wall = (time.perf_counter() - start) * 1000
        per_tier = " + ".join(f"{ms:.1f}" for ms in parts)
        print(f"| search: {form} ({term}) | {sorted_ms} | {per_tier} | {wall:.1f} | {len(found)} |")
    listed = CandidateFilter(FILTERS, queryset=visible).qs.order_by("-updated_at", "-id").values("pk")[: PAGE + 1]
    start = time.perf_counter()
    rows = len(list(listed))
    wall = (time.perf_counter() - start) * 1000
    ms = _best(lambda s: _explain(listed, s and args.plans), args.repeat)
    print(f"| list: availability + band + company | {ms:.1f} | — | {wall:.1f} | {rows} |")
