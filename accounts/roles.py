"""Who a user is to Talentbase: admin, team lead, recruiter or API client."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    TEAM_LEAD = "team_lead", "Team lead"
    RECRUITER = "recruiter", "Recruiter"
    API_CLIENT = "api_client", "API client"


def recruiter_of(user):
    """The user's Recruiter profile, or None (API clients have none)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.recruiter
    except ObjectDoesNotExist:
        return None


def role_of(user) -> Role:
    if user.is_superuser:
        return Role.ADMIN
    recruiter = recruiter_of(user)
    if recruiter is None:
        return Role.API_CLIENT
    if recruiter.led_teams.exists():
        return Role.TEAM_LEAD
    return Role.RECRUITER
