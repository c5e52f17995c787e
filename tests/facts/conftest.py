import datetime as dt

from talent.availability import candidate_availability
from talent.models import Candidate, CandidateFacts, EmployerFacts
from tests.api.conftest import _fast_passwords, _fresh_throttles, firm  # noqa: F401  (fixtures)


def expected_facts(candidate: Candidate) -> dict:
    """The list facts computed in Python from the candidate's own rows (the reference the triggers must match)."""
    open_stints = [e for e in candidate.employments.select_related("level__band") if e.end_date is None]
    ranks = [e.level.band.rank for e in open_stints if e.level is not None and e.level.band is not None]
    ends = [
        w.enforceable_end
        for w in candidate.noncompetes.all()
        if w.enforceable_end is not None and w.starts_on <= w.enforceable_end
    ]
    return {
        "current_company_ids": sorted({e.company_id for e in open_stints}),
        "band_rank_min": min(ranks, default=None),
        "band_rank_max": max(ranks, default=None),
        "noncompete_until": max(ends, default=None),
    }


def stored_facts(candidate: Candidate) -> dict:
    return (
        CandidateFacts.objects.filter(candidate=candidate)
        .values("current_company_ids", "band_rank_min", "band_rank_max", "noncompete_until")
        .get()
    )


EMPLOYER_COLUMNS = ("company_id", "updated_at", "band_rank_min", "band_rank_max", "noncompete_until")


def expected_employer_facts(candidate: Candidate) -> list[dict]:
    """One row per current employer: the candidate's facts and its own `updated_at`."""
    facts = expected_facts(candidate)
    updated_at = Candidate.objects.values_list("updated_at", flat=True).get(pk=candidate.pk)
    return [
        {
            "company_id": company_id,
            "updated_at": updated_at,
            "band_rank_min": facts["band_rank_min"],
            "band_rank_max": facts["band_rank_max"],
            "noncompete_until": facts["noncompete_until"],
        }
        for company_id in facts["current_company_ids"]
    ]


def stored_employer_facts(candidate: Candidate) -> list[dict]:
    return list(EmployerFacts.objects.filter(candidate=candidate).order_by("company_id").values(*EMPLOYER_COLUMNS))


def assert_facts_current(*candidates: Candidate) -> None:
    for candidate in candidates:
        assert stored_facts(candidate) == expected_facts(candidate), candidate
        assert stored_employer_facts(candidate) == expected_employer_facts(candidate), candidate


def availability_of(candidate: Candidate, today: dt.date) -> str:
    fresh = Candidate.objects.prefetch_related("employments", "noncompetes").get(pk=candidate.pk)
    return candidate_availability(fresh, today).state.value
