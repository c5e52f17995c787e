import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A named API key. Only its SHA-256 is stored; the key is shown once."""

    class Scope(models.TextChoices):
        RECRUITER = "recruiter", "Recruiter (the user's own rights)"
        STATUS_READ = "status:read", "Candidate status, read only"
        CLIENT = "client", "A client's own mandates and pipeline, read only"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text='What uses it, e.g. "HR sync".')
    prefix = models.CharField(max_length=12, editable=False, help_text="First characters, to recognise a key.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.STATUS_READ)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        db_table = "crm_apitoken"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=Q(revoked_at__isnull=True),
                name="token_name_unique_per_user",
                violation_error_message="You already have a key with this name; revoke it or choose another name.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
