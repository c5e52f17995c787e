"""Read replicas: which reads may leave the primary.

`DATABASE_REPLICA_URLS` (config.settings) adds the aliases replica_1, replica_2, …
A view opts in with `ReadsFromReplica`: its GET handler, and nothing else, reads
from a replica picked at random. Everything else stays on the primary:

- authentication, permissions and throttles run before the handler, so a key
  revoked a moment ago is refused even while a replica lags;
- writes, and every read of a request that is not a GET;
- the changes feed, whose cursor must never run ahead of what a client has read
  (a lagging replica would hide a commit the cursor already passed).
"""

import contextvars
import random

from django.conf import settings

REPLICA_PREFIX = "replica_"
_replica_reads = contextvars.ContextVar("replica_reads", default=False)


def replica_aliases() -> list[str]:
    return sorted(alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX))


class ReplicaRouter:
    """Send a read to a replica only inside a replica-reading handler."""

    def __init__(self, replicas: list[str] | None = None) -> None:
        self.replicas = replica_aliases() if replicas is None else replicas

    def db_for_read(self, model, **hints) -> str | None:
        if self.replicas and _replica_reads.get():
            return random.choice(self.replicas)
        return "default"

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Replicas hold the same rows as the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints) -> bool:
        return db == "default"


class reading_from_replicas:
    """Within this block, reads may go to a replica (the router decides)."""

    def __enter__(self) -> None:
        self._token = _replica_reads.set(True)

    def __exit__(self, *exc_info) -> None:
        _replica_reads.reset(self._token)


class ReadsFromReplica:
    """A DRF view mixin: GET handlers read from replicas once the request is let in."""

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            self._replica_block = reading_from_replicas()
            self._replica_block.__enter__()

    def finalize_response(self, request, response, *args, **kwargs):
        block = self.__dict__.pop("_replica_block", None)
        if block is not None:
            block.__exit__(None, None, None)
        return super().finalize_response(request, response, *args, **kwargs)
