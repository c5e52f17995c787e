from django.db import models
from django.db.models.functions import Now


class SuppressedContact(models.Model):
    """A contact of an erased person, kept only as a keyed hash (talent.suppression).

    It lets an import or a new record recognise someone who asked to be
    forgotten without keeping anything that identifies them: the digest is an
    HMAC of the normalised value under TALENTBASE_SUPPRESSION_KEY, so the table
    alone cannot be reversed by hashing a list of known e-mails.
    """

    kind = models.CharField(max_length=20)
    digest = models.CharField(max_length=64)
    suppressed_at = models.DateTimeField(db_default=Now())

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "digest"], name="suppressed_contact_unique"),
            models.CheckConstraint(condition=models.Q(digest__regex=r"^[0-9a-f]{64}$"), name="suppressed_digest_hex"),
        ]

    def __str__(self) -> str:
        return f"Suppressed {self.kind} {self.digest[:12]}…"
