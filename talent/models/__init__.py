from .candidates import Candidate, CandidateAlias, ContactChannel, Currency, Education, PayPeriod
from .careers import Employment
from .companies import Company, CompanyAlias
from .levels import Band, Level, LevelEquivalence, LevelLadder
from .noncompetes import NonCompete
from .status import StatusChange, StatusClock

__all__ = [
    "Band",
    "Candidate",
    "CandidateAlias",
    "Company",
    "CompanyAlias",
    "ContactChannel",
    "Currency",
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
