"""Reads of duplicates and tombstones, through the clearance rule of talent.access."""

from django.db.models import Exists, OuterRef, QuerySet

from talent.access import candidates_cleared_for, candidates_visible_to
from talent.models import CandidateMerge, DuplicatePair


def pairs_visible_to(user) -> QuerySet[DuplicatePair]:
    """Pairs whose two candidates `user` is cleared to see by name: a pair's reasons would reveal the rest."""
    cleared = candidates_cleared_for(user)
    return DuplicatePair.objects.filter(
        Exists(cleared.filter(pk=OuterRef("low_id"))), Exists(cleared.filter(pk=OuterRef("high_id")))
    )


def merged_into(user, merged_id: int) -> int | None:
    """The survivor a merged-away id resolves to for `user`, or None (the id is then unknown to them)."""
    return merged_into_many(user, [merged_id]).get(merged_id)


def merged_into_many(user, merged_ids) -> dict[int, int]:
    """{merged id: survivor id} for the ids that resolve for `user`, in two queries.

    An id resolves only for those cleared to see the survivor by name, and,
    when the merged record was confidential, only for the survivor's
    stewards: anyone else would learn who a confidential record was.
    """
    tombstones = list(
        CandidateMerge.objects.filter(merged_id__in=list(merged_ids)).values_list(
            "merged_id", "survivor_id", "merged_was_confidential"
        )
    )
    if not tombstones:
        return {}
    rights = {
        row["pk"]: row
        for row in candidates_visible_to(user)
        .filter(pk__in={survivor for _, survivor, _ in tombstones})
        .values("pk", "identity_cleared", "may_edit")
    }
    return {
        merged: survivor
        for merged, survivor, was_confidential in tombstones
        if survivor in rights
        and rights[survivor]["identity_cleared"]
        and (rights[survivor]["may_edit"] or not was_confidential)
    }
