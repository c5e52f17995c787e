from .candidates import (
    Candidate,
    CandidateAlias,
    ConsentChannel,
    ContactChannel,
    Currency,
    Education,
    LawfulBasis,
    PayPeriod,
)
from .careers import Employment
from .companies import Company, CompanyAlias
from .duplicates import CandidateMerge, DuplicateKey, DuplicatePair
from .facts import CandidateFacts, EmployerFacts
from .levels import Band, Level, LevelEquivalence, LevelLadder
from .noncompetes import NonCompete
from .search import CandidateSearch
from .status import StatusChange, StatusClock
from .suppression import SuppressedContact

__all__ = [
    "Band",
    "Candidate",
    "CandidateAlias",
    "CandidateFacts",
    "EmployerFacts",
    "CandidateMerge",
    "CandidateSearch",
    "Company",
    "CompanyAlias",
    "ConsentChannel",
    "ContactChannel",
    "Currency",
    "DuplicateKey",
    "DuplicatePair",
    "Education",
    "Employment",
    "Level",
    "LevelEquivalence",
    "LawfulBasis",
    "LevelLadder",
    "NonCompete",
    "PayPeriod",
    "StatusChange",
    "SuppressedContact",
    "StatusClock",
]
