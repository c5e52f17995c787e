"""The talent map: moves between employers, the patterns they form, and flows between companies."""

from talent.moves.derivation import Move, candidate_moves, is_promotion, latest_move, moves_all
from talent.moves.flows import FlowMatrix, Group, flows_between
from talent.moves.patterns import Pattern, moves_in_pattern, moves_with_patterns, patterns_of
from talent.moves.selectors import attach_origins, moves_for_rendering, moves_visible_to

__all__ = [
    "FlowMatrix",
    "Group",
    "Move",
    "Pattern",
    "attach_origins",
    "candidate_moves",
    "flows_between",
    "is_promotion",
    "latest_move",
    "moves_all",
    "moves_for_rendering",
    "moves_in_pattern",
    "moves_visible_to",
    "moves_with_patterns",
    "patterns_of",
]
