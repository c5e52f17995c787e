from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q


class CandidateFacts(models.Model):
    """What the list filters need of one candidate, stored so that a filtered page reads indexes.

    Kept by database triggers (talent migration 0020: every write to candidates,
    stints, non-competes, levels and bands, whatever wrote it) and by the scale
    seeding, which writes with the triggers off and refreshes its batches
    (talent.facts). A table of its own rather than columns of Candidate:
    Candidate's history (talent.history) then records none of it.

    Availability changes with the clock, so no state is stored for it:
    ``noncompete_until`` (the latest enforceable end of any window) only
    narrows the search, the binding window itself is still checked on today's
    date (talent.selectors.candidates_with_availability).
    """

    candidate = models.OneToOneField(
        "talent.Candidate", primary_key=True, on_delete=models.CASCADE, related_name="facts", editable=False
    )
    current_company_ids = ArrayField(
        models.BigIntegerField(), default=list, editable=False, help_text="Employers of the open stints."
    )
    band_rank_min = models.PositiveSmallIntegerField(
        null=True, editable=False, help_text="Lowest band rank of the open stints' levels."
    )
    band_rank_max = models.PositiveSmallIntegerField(
        null=True, editable=False, help_text="Highest band rank of the open stints' levels."
    )
    noncompete_until = models.DateField(
        null=True, editable=False, help_text="Latest enforceable end of the candidate's non-compete windows."
    )

    class Meta:
        verbose_name_plural = "candidate facts"
        indexes = [
            GinIndex(fields=["current_company_ids"], name="candidate_facts_company_gin"),
            models.Index(fields=["band_rank_max"], name="candidate_facts_band_idx"),
            models.Index(
                fields=["noncompete_until"],
                name="candidate_facts_noncompete_idx",
                condition=Q(noncompete_until__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"List facts of candidate #{self.candidate_id}"
