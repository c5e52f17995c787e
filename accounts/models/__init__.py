from .ratelimits import RateCounter
from .recruiters import Recruiter, Team
from .tokens import ApiToken

__all__ = ["ApiToken", "RateCounter", "Recruiter", "Team"]
