"""Writes of the talent domain that keep derived data right.

The admin, the API, the demo seeder, commands and tasks all go through these,
so that search text and stored enforceable ends never drift from their inputs
and who may change a candidate is checked the same way from every door.
"""

from talent.services.base import assign_validated, candidate_touch, check_fields
from talent.services.candidates import (
    CANDIDATE_FIELDS,
    candidate_create,
    candidate_delete,
    candidate_refresh_names,
    candidate_update,
    contact_add,
    contact_taken_message,
)
from talent.services.careers import (
    EMPLOYMENT_FIELDS,
    NONCOMPETE_FIELDS,
    RecomputeReport,
    employment_create,
    employment_delete,
    employment_update,
    noncompete_create,
    noncompete_delete,
    noncompete_refresh_end,
    noncompete_update,
    noncompetes_recompute_ends,
)
from talent.services.companies import (
    COMPANY_FIELDS,
    company_create,
    company_refresh_search_text,
    company_update,
    level_equivalence_record,
    level_refresh_band,
)

__all__ = [
    "CANDIDATE_FIELDS",
    "COMPANY_FIELDS",
    "EMPLOYMENT_FIELDS",
    "NONCOMPETE_FIELDS",
    "RecomputeReport",
    "assign_validated",
    "candidate_create",
    "candidate_delete",
    "candidate_refresh_names",
    "candidate_touch",
    "candidate_update",
    "check_fields",
    "company_create",
    "company_refresh_search_text",
    "company_update",
    "contact_add",
    "contact_taken_message",
    "employment_create",
    "employment_delete",
    "employment_update",
    "level_equivalence_record",
    "level_refresh_band",
    "noncompete_create",
    "noncompete_delete",
    "noncompete_refresh_end",
    "noncompete_update",
    "noncompetes_recompute_ends",
]
