"""The one candidate search: stored tokens (talent.search.tokens) matched through their GIN index.

- ``candidates_search(queryset, term, *, all_cleared=False) -> QuerySet``: the rows of `queryset` that
  `term` finds, annotated with ``search_rank`` (0 exact name, 1 name prefix, 2 other name parts, titles and
  tags, 3 employers) and ``search_order``, a single ascending sort key: rank first, then most recent
  ``updated_at``. It is one column so that cursor pagination (which pages on its first ordering field)
  stays a keyset: order by ``SEARCH_ORDERING``. An empty term returns `queryset` unchanged.

Visibility: `queryset` must carry the ``identity_cleared`` annotation of
talent.access.candidates_visible_to, or the caller says that every row is
cleared (`all_cleared=True`, e.g. a queryset from candidates_cleared_for).
Where the identity is not cleared only the pseudonym's tokens may match, and
the rank is computed from them alone, so neither the result nor its order
tells anything about the hidden name, aliases, employers or titles.
"""

from django.db.models import Case, DecimalField, F, Func, IntegerField, Q, QuerySet, Value, When

from talent.models import Candidate
from talent.search.tokens import query_tokens

SEARCH_ORDERING = ["search_order", "-id"]
# Ranks are 10^10 seconds apart: updated_at (epoch seconds, about 1.8 * 10^9 today) orders inside a rank.
_RANK_SPAN = 10**10


class _Epoch(Func):
    template = "EXTRACT(EPOCH FROM %(expressions)s)"
    output_field = DecimalField(max_digits=24, decimal_places=6)


def _overlap(tokens: list[str]) -> Q:
    return Q(search__tokens__overlap=tokens)


def candidates_search(queryset: QuerySet[Candidate], term: str, *, all_cleared: bool = False) -> QuerySet[Candidate]:
    tokens = query_tokens(term)
    if not tokens:
        return queryset
    if all_cleared:
        cleared = Q()
    elif "identity_cleared" in queryset.query.annotations:
        cleared = Q(identity_cleared=True)
    else:
        raise ValueError("candidates_search needs the identity_cleared annotation (talent.access) or all_cleared=True")

    def at_rank(rank: int) -> Q:
        found = cleared & _overlap(tokens.identity[rank])
        return found | _overlap(tokens.pseudonym[rank]) if rank < len(tokens.pseudonym) else found

    # The first condition is the one the GIN index answers; the second drops rows found only by
    # identity-bearing tokens where the identity is hidden.
    matching = queryset.filter(_overlap(tokens.every))
    if not all_cleared:
        matching = matching.filter(cleared | _overlap(tokens.pseudonym_only))
    rank = Case(
        *(When(at_rank(r), then=Value(r)) for r in range(3)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return matching.annotate(search_rank=rank).annotate(
        search_order=F("search_rank") * Value(_RANK_SPAN, output_field=DecimalField()) - _Epoch("updated_at")
    )
