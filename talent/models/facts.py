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


class EmployerFacts(models.Model):
    """The list facts again, one row per candidate and current employer, for a page filtered by company.

    A list filtered by company, band and availability and sorted by
    ``updated_at`` otherwise intersects three large bitmaps and sorts every
    match (~25 ms at a million candidates, bench/README.md). Here one index
    holds, per company, its people in list order with the other facts beside
    them: a page reads its 50 rows in order and stops (talent.selectors.
    candidates_with_list_facts). ``updated_at`` is the candidate's own, kept
    equal by the same triggers as CandidateFacts (talent migration 0022).
    """

    candidate = models.ForeignKey(
        "talent.Candidate",
        on_delete=models.DO_NOTHING,  # the triggers delete the rows (and before commit: the key is deferred)
        related_name="employer_facts",
        db_index=False,  # the unique constraint's index starts with it
        editable=False,
    )
    company = models.ForeignKey(
        "talent.Company", on_delete=models.DO_NOTHING, related_name="+", db_index=False, editable=False
    )
    updated_at = models.DateTimeField(editable=False)
    band_rank_min = models.PositiveSmallIntegerField(null=True, editable=False)
    band_rank_max = models.PositiveSmallIntegerField(null=True, editable=False)
    noncompete_until = models.DateField(null=True, editable=False)

    class Meta:
        verbose_name_plural = "employer facts"
        constraints = [
            models.UniqueConstraint(fields=["candidate", "company"], name="employer_facts_unique"),
        ]
        indexes = [
            models.Index(
                fields=["company", "-updated_at", "-candidate"],
                name="employer_facts_listed_idx",
                include=["band_rank_min", "band_rank_max", "noncompete_until"],
            ),
        ]

    def __str__(self) -> str:
        return f"List facts of candidate #{self.candidate_id} at company #{self.company_id}"
