from django.db import models


class RateCounter(models.Model):
    """Events counted for one key in one time window, when no Redis is configured (accounts.ratelimit).

    Written on a connection of its own, outside the request's transaction, so
    that a request rolled back (a refused key, an invalid body) still counts.
    """

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
