"""Pieces shared by the talent admin pages."""

import datetime as dt
from collections.abc import Hashable

from django.contrib.admin.views.main import ChangeList
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from talent.models import Candidate
from talent.visibility import identity_cleared_q

# ---------------------------------------------------------------------------
# Shared pieces


class PrefetchingChangeList(ChangeList):
    """Lets an admin prefetch for its list page only.

    Prefetching in get_queryset would also hand the change form an object with
    cached related rows, and the derived-data refresh after saving the inlines
    would then read the stale cache instead of the rows just written.
    """

    def get_queryset(self, request: HttpRequest, exclude_parameters=None) -> QuerySet:
        return self.model_admin.prefetch_for_changelist(super().get_queryset(request, exclude_parameters))


class UniqueInFormsetMixin:
    """Refuses two rows of one inline formset that the database would call duplicates.

    Django only compares plain-field unique constraints across forms, on the
    values as typed; this compares the key that `duplicate_key(cleaned_data)`
    returns (normalised, case-folded...) with the value to name in the error,
    so the second row gets a form error instead of an IntegrityError on save.
    """

    duplicate_message = "{value} is entered twice."

    def duplicate_key(self, cleaned_data: dict) -> tuple[Hashable, str] | None:
        raise NotImplementedError

    def clean(self) -> None:
        seen: set[Hashable] = set()
        found = False
        for form in self.forms:
            cleaned_data = getattr(form, "cleaned_data", None)
            if not cleaned_data or cleaned_data.get("DELETE"):
                continue
            key_and_value = self.duplicate_key(cleaned_data)
            if key_and_value is None:
                continue
            key, value = key_and_value
            if key in seen:
                form.add_error(None, self.duplicate_message.format(value=value))
                found = True
            seen.add(key)
        if not found:
            # Django's own cross-form check would repeat the error in generic words.
            super().clean()


def local_today() -> dt.date:
    return timezone.localdate()


def candidates_cleared_for(request: HttpRequest) -> QuerySet[Candidate]:
    """The candidates whose identity the staff member may see.

    The admin shows real names, so a confidential candidate stays out of the
    desk of staff who are not its owner, on the owner's team, or superusers.
    """
    return Candidate.objects.filter(identity_cleared_q(request.user))
