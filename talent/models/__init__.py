from .candidates import Candidate, CandidateAlias, ContactChannel, Currency, Education, PayPeriod
from .careers import Employment
from .companies import Company, CompanyAlias
from .duplicates import CandidateMerge, DuplicateKey, DuplicatePair
from .levels import Band, Level, LevelEquivalence, LevelLadder
from .noncompetes import NonCompete
from .search import CandidateSearch
from .status import StatusChange, StatusClock

__all__ = [
    "Band",
    "Candidate",
    "CandidateAlias",
    "CandidateMerge",
    "CandidateSearch",
    "Company",
    "CompanyAlias",
    "ContactChannel",
    "Currency",
    "DuplicateKey",
    "DuplicatePair",
    "Education",
    "Employment",
    "Level",
    "LevelEquivalence",
    "LevelLadder",
    "NonCompete",
    "PayPeriod",
    "StatusChange",
    "StatusClock",
]
