"""Helpers every talent service uses: checked field assignment and marking a candidate changed."""

from collections.abc import Iterable

from django.db.models import Model
from django.utils import timezone

from talent.models import Candidate


def check_fields(fields: dict, allowed: Iterable[str], what: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def assign_validated(instance: Model, *, fields: dict, allowed: Iterable[str], what: str, **clean_options) -> None:
    """Set `fields` (only those `allowed`) on `instance` and validate the whole row; the caller saves."""
    check_fields(fields, allowed, what)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean(**clean_options)


def candidate_touch(*, candidate_id: int) -> None:
    """Mark a candidate changed when part of its profile (career, window) changed."""
    Candidate.objects.filter(pk=candidate_id).update(updated_at=timezone.now())
