"""Who sees which moves, and what a page of moves needs loaded.

Recruiters and admins see every move; a confidential candidate they are not
cleared for appears under its pseudonym (`candidate_cleared` false). API
clients (no recruiter profile, or a `status:read` key, passed here as an
anonymous user) see no move of such a candidate at all.
"""

from django.db.models import Exists, OuterRef, QuerySet

from accounts.roles import recruiter_of
from talent.access import candidates_cleared_for
from talent.models import Employment
from talent.moves.derivation import moves_all


def reads_market_as_recruiter(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or recruiter_of(user) is not None


def moves_visible_to(user) -> QuerySet[Employment]:
    """Every move `user` may see, annotated with `candidate_cleared`."""
    cleared = Exists(candidates_cleared_for(user).filter(pk=OuterRef("candidate_id")))
    moves = moves_all().annotate(candidate_cleared=cleared)
    return moves if reads_market_as_recruiter(user) else moves.filter(candidate_cleared=True)


def moves_for_rendering(moves: QuerySet[Employment]) -> QuerySet[Employment]:
    return moves.select_related("candidate", "company", "level__band")


def attach_origins(moves: list[Employment]) -> list[Employment]:
    """Loads the stint each move came from (one query) as `move.from_stint`."""
    origins = Employment.objects.select_related("company", "level__band").in_bulk(
        {move.from_stint_id for move in moves}
    )
    for move in moves:
        move.from_stint = origins[move.from_stint_id]
    return moves
