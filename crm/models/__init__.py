from .outreach import OutreachNote
from .recruiters import Recruiter, Team
from .tokens import ApiToken

__all__ = ["ApiToken", "OutreachNote", "Recruiter", "Team"]
