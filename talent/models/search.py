from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models


class CandidateSearch(models.Model):
    """The search tokens of one candidate (talent.search.tokens), kept by talent.search.refresh.

    A table of its own rather than a column of Candidate: rewriting tokens (a
    company renamed, a full rebuild) then neither fires the candidate status
    triggers nor rewrites the wide candidate rows.
    """

    candidate = models.OneToOneField(
        "talent.Candidate", primary_key=True, on_delete=models.CASCADE, related_name="search"
    )
    tokens = ArrayField(models.TextField(), default=list)

    class Meta:
        indexes = [GinIndex(fields=["tokens"], name="candidate_search_tokens_gin")]

    def __str__(self) -> str:
        return f"Search tokens of candidate #{self.candidate_id}"
