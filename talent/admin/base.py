"""Pieces shared by the admin pages of talent and crm.

The admin is a client of the services (CONVENTIONS 14): its forms validate,
the helpers below turn a validated form or inline formset into the keyword
arguments of a service call, and the service writes.
"""

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from django import forms
from django.contrib.admin.helpers import AdminForm, InlineAdminFormSet
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst

from talent.access import candidates_cleared_for as cleared_for_user
from talent.models import Candidate
from talent.planner import estimated_rows

Row = TypeVar("Row", bound=Model)

# ---------------------------------------------------------------------------
# Shared pieces


class CappedCountPaginator(Paginator):
    """Counts matches exactly when there are few, and only up to CAP when there are many.

    An exact count of a broad search over a million candidates reads every
    match (字节: 116,000 of them, 6.6 s); counting up to a cap stops there, and
    the list says "more than 1,000". Which way is the planner's estimate:
    below EXACT_BELOW_ESTIMATE the index finds every match quickly, and a
    `LIMIT` would mislead the planner into reading the whole table in the hope
    of meeting the cap early (a full pinyin name with five matches: 12 s).
    """

    CAP = 1000
    EXACT_BELOW_ESTIMATE = 50_000

    capped = False  # whether `count` stopped at the cap

    @cached_property
    def count(self) -> int:
        rows = self.object_list.order_by()
        if estimated_rows(rows) < self.EXACT_BELOW_ESTIMATE:
            return rows.count()
        found = len(rows.values_list("pk", flat=True)[: self.CAP + 1])
        self.capped = found > self.CAP
        return found


class PrefetchingChangeList(ChangeList):
    """Lets an admin prefetch for its list page only.

    Prefetching in get_queryset would also hand the change form an object with
    cached related rows, and the derived-data refresh after saving the inlines
    would then read the stale cache instead of the rows just written.
    """

    def get_queryset(self, request: HttpRequest, exclude_parameters=None) -> QuerySet:
        return self.model_admin.prefetch_for_changelist(super().get_queryset(request, exclude_parameters))

    @property
    def result_count_label(self) -> str:
        """The count in words: 1 candidate, 250 candidates, or more than 1,000 candidates."""
        if getattr(self.paginator, "capped", False):
            return f"more than {self.paginator.CAP:,} {self.opts.verbose_name_plural}"
        name = self.opts.verbose_name if self.result_count == 1 else self.opts.verbose_name_plural
        return f"{self.result_count} {name}"


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


class ErrorSectionsMixin:
    """Says at the top of a change form with errors which sections hold them.

    Django's note only says "Please correct the errors below." On a page of
    five inlines the error may be far below the fold; the note names each
    fieldset and inline row with an error and links to it.
    """

    change_form_template = "admin/talent/change_form_with_error_sections.html"

    def render_change_form(self, request: HttpRequest, context: dict, *args, **kwargs):
        errors = context.get("errors")
        if errors:
            # The template's own note replaces Django's, which shows while `errors` is set.
            context.update(
                errors=[],
                error_count=len(errors),
                error_sections=error_sections(context["adminform"], context["inline_admin_formsets"]),
            )
        return super().render_change_form(request, context, *args, **kwargs)


def error_sections(adminform: AdminForm, inline_admin_formsets: list[InlineAdminFormSet]) -> list[tuple[str, str]]:
    """(label, anchor) of each part of a change form that shows an error, in page order.

    Labels read "Name", "Career (row 2)", "Non-compete windows (rows 1, 3)";
    rows count every row of the inline, saved ones first, as the page shows them.
    """
    form = adminform.form
    page_top = (capfirst(form._meta.model._meta.verbose_name), "#content-main")
    sections = [page_top] if form.non_field_errors() else []
    fields_with_errors = set(form.errors) - {NON_FIELD_ERRORS}
    for index, fieldset in enumerate(adminform):
        names = {name for line in fieldset.fields for name in ([line] if isinstance(line, str) else line)}
        if fields_with_errors & names:
            fields_with_errors -= names
            section = (fieldset.name, f"#fieldset-0-{index}-heading") if fieldset.name else page_top
            if section not in sections:
                sections.append(section)
    if fields_with_errors and page_top not in sections:
        sections.append(page_top)
    for inline in inline_admin_formsets:
        formset = inline.formset
        label = capfirst(inline.opts.verbose_name_plural)
        rows = [index for index, errors in enumerate(formset.errors) if errors]
        if rows:
            numbers = ", ".join(str(index + 1) for index in rows)
            noun = "rows" if len(rows) > 1 else "row"
            sections.append((f"{label} ({noun} {numbers})", f"#{formset.prefix}-{rows[0]}"))
        elif formset.non_form_errors():
            sections.append((label, f"#{formset.prefix}-group"))
    return sections


def local_today() -> dt.date:
    return timezone.localdate()


def candidates_cleared_for(request: HttpRequest) -> QuerySet[Candidate]:
    """The candidates whose identity the staff member may see.

    The admin shows real names, so a confidential candidate stays out of the
    desk of staff who are not its owner, on the owner's team, or superusers.
    """
    return cleared_for_user(request.user)


# ---------------------------------------------------------------------------
# From validated forms to service calls


def form_values(form: forms.ModelForm, *, changed_only: bool = False, exclude: Iterable[str] = ()) -> dict:
    """The cleaned values of the model's own columns that `form` holds, as service keywords.

    For an update only the fields the user changed (`changed_only`), so that
    the service sees the change it is asked to make. Never the primary key;
    many-to-many fields are not columns and are passed to services on their own.
    """
    columns = {field.name for field in form._meta.model._meta.concrete_fields if not field.primary_key}
    names = form.changed_data if changed_only else form.cleaned_data
    return {
        name: form.cleaned_data[name]
        for name in names
        if name in columns and name in form.cleaned_data and name not in exclude
    }


def stored_row(instance: Row) -> Row:
    """`instance` as the database holds it.

    A model form writes the user's values into its instance while it
    validates; services compare old and new (a custody change, a new
    departure date), so they are handed the stored row and the changes.
    """
    return type(instance)._default_manager.get(pk=instance.pk)


def adopt_saved_row(unsaved: Model, saved: Model) -> None:
    """Make the admin's unsaved object the row a service has just created.

    Django's change form hands save_model the form's own unsaved instance and
    keeps using that object afterwards: the inline formsets point at it, the
    log entry and the redirect read its pk. The service creates a row of its
    own, so that object takes the row's identity and reloads what was stored.
    """
    unsaved.pk = saved.pk
    unsaved._state.adding = False
    unsaved._state.db = saved._state.db
    unsaved.refresh_from_db()


def save_inline_rows(
    formset: forms.BaseModelFormSet,
    *,
    create: Callable[[forms.ModelForm], Model],
    update: Callable[[forms.ModelForm], Model],
    delete: Callable[[Model], None],
) -> None:
    """Write a validated inline formset row by row through services, as formset.save() would.

    `delete` gets each existing row ticked for deletion, `update` each edited
    existing row's form, `create` each filled-in new row's form. What was
    written is noted on the formset, where the admin's change message reads it.
    """
    deleted = formset.deleted_forms
    formset.deleted_objects, formset.changed_objects, formset.new_objects = [], [], []
    for form in deleted:
        if form.instance.pk is not None:
            delete(form.instance)
            formset.deleted_objects.append(form.instance)
    for form in formset.initial_forms:
        if form not in deleted and form.has_changed():
            formset.changed_objects.append((update(form), form.changed_data))
    for form in formset.extra_forms:
        if form not in deleted and form.has_changed():
            formset.new_objects.append(create(form))


def kept_forms(formset: forms.BaseModelFormSet) -> list[forms.ModelForm]:
    """The forms whose rows remain after saving: existing rows not deleted, and new rows filled in.

    For a list that a service replaces as a whole (a candidate's aliases and
    contacts, a company's aliases); record_list_changes notes the difference.
    """
    deleted = formset.deleted_forms
    existing = [form for form in formset.initial_forms if form not in deleted]
    return existing + [form for form in formset.extra_forms if form not in deleted and form.has_changed()]


def record_list_changes(formset: forms.BaseModelFormSet) -> None:
    """Note on the formset, for the admin's change message, what a whole-list service call changed."""
    deleted = formset.deleted_forms
    formset.deleted_objects = [form.instance for form in deleted if form.instance.pk is not None]
    formset.changed_objects = [
        (form.instance, form.changed_data)
        for form in formset.initial_forms
        if form not in deleted and form.has_changed()
    ]
    formset.new_objects = [form.instance for form in formset.extra_forms if form not in deleted and form.has_changed()]
