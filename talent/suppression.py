"""The suppression list: keyed hashes of erased people's contacts.

Erasure (PIPL art. 47, GDPR art. 17) removes a person; suppression makes sure
the next spreadsheet import does not bring them back. Only an HMAC of each
normalised contact is kept, never the contact itself.
"""

import hashlib
import hmac
from collections.abc import Iterable

from django.conf import settings

from talent.models import SuppressedContact


def contact_digest(kind: str, normalized_value: str) -> str:
    key = settings.TALENTBASE_SUPPRESSION_KEY.encode()
    return hmac.new(key, f"{kind}:{normalized_value}".encode(), hashlib.sha256).hexdigest()


def suppress(contacts: Iterable[tuple[str, str]]) -> int:
    """Add (kind, normalised value) pairs to the list; returns how many were new."""
    rows = {(kind, contact_digest(kind, value)) for kind, value in contacts}
    created = SuppressedContact.objects.bulk_create(
        [SuppressedContact(kind=kind, digest=digest) for kind, digest in rows], ignore_conflicts=True
    )
    return len(created)


def suppressed(contacts: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (kind, normalised value) pairs among `contacts` that belong to an erased person."""
    by_digest = {(kind, contact_digest(kind, value)): (kind, value) for kind, value in contacts}
    if not by_digest:
        return set()
    kinds = {kind for kind, _ in by_digest}
    digests = {digest for _, digest in by_digest}
    found = SuppressedContact.objects.filter(kind__in=kinds, digest__in=digests).values_list("kind", "digest")
    return {by_digest[pair] for pair in found if pair in by_digest}
