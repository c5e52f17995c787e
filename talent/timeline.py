"""A candidate's career as dated events: joins, departures, non-compete windows."""

import datetime as dt

from talent.models import Candidate


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def career_entries(candidate: Candidate) -> list[dict]:
    """Timeline entries from prefetched stints and windows (talent.selectors.candidates_with_profile)."""
    entries = []
    for stint in candidate.employments.all():
        where = f"{stint.title} at {stint.company.name}"
        entries.append({"kind": "joined", "at": midnight(stint.start_date), "summary": where, "object_id": stint.pk})
        if stint.end_date:
            entries.append({"kind": "left", "at": midnight(stint.end_date), "summary": where, "object_id": stint.pk})
    for window in candidate.noncompetes.all():
        employer = window.employer.name
        entries.append(
            {
                "kind": "noncompete_start",
                "at": midnight(window.starts_on),
                "summary": f"Non-compete with {employer} starts",
                "object_id": window.pk,
            }
        )
        if window.enforceable_end:
            entries.append(
                {
                    "kind": "noncompete_end",
                    "at": midnight(window.enforceable_end),
                    "summary": f"Non-compete with {employer} ends (enforceable)",
                    "object_id": window.pk,
                }
            )
    return entries
