"""Shapes of the talent resources.

Server-owned fields (ids, owner, timestamps, pinyin, enforceable_end, computed
state) are read-only: values sent for them are ignored. A candidate whose
identity the caller is not cleared for is rendered with the pseudonym only:
names, aliases, contacts and compensation come back empty, and
`identity_cleared` is false.
"""

from talent.serializers.candidates import (
    CandidateAliasSerializer,
    CandidateSerializer,
    ContactSerializer,
    TimelineEntrySerializer,
)
from talent.serializers.careers import (
    CareerEmploymentSerializer,
    CareerNonCompeteSerializer,
    EmploymentSerializer,
    NonCompeteSerializer,
)
from talent.serializers.reference import (
    BandSerializer,
    CompanyRefSerializer,
    CompanySerializer,
    LadderSerializer,
    LevelSerializer,
)

__all__ = [
    "BandSerializer",
    "CandidateAliasSerializer",
    "CandidateSerializer",
    "CareerEmploymentSerializer",
    "CareerNonCompeteSerializer",
    "CompanyRefSerializer",
    "CompanySerializer",
    "ContactSerializer",
    "EmploymentSerializer",
    "LadderSerializer",
    "LevelSerializer",
    "NonCompeteSerializer",
    "TimelineEntrySerializer",
]
