"""Outreach notes: who talked to whom, how it went, and when to follow up.

As in the API: a user sees the notes crm.selectors.notes_visible_to returns,
logs them as themselves (admins may name another author) on candidates whose
identity they are cleared for, changes and deletes only their own (admins:
all), and every write goes through crm.services.
"""

import datetime as dt

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from accounts.admin.recruiters import RecruiterFieldListFilter
from accounts.models import Recruiter
from accounts.roles import recruiter_of
from crm import services
from crm.models import OutreachNote
from crm.selectors import may_change_note, notes_visible_to
from talent.access import candidates_cleared_for
from talent.admin.base import adopt_saved_row, form_values, save_inline_rows, stored_row
from talent.models import Candidate
from talent.selectors import candidates_search

NOT_YOUR_NOTE = "Only the author of a note or an admin may change it."


class NotesVisibleMixin:
    """Only the notes the user may read."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[OutreachNote]:
        return notes_visible_to(request.user).select_related("candidate", "author__user")


class FollowUpFilter(admin.SimpleListFilter):
    title = "follow-up"
    parameter_name = "follow_up"

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        return [
            ("overdue", "Overdue"),
            ("today", "Today"),
            ("week", "In the next 7 days"),
            ("any", "Any planned"),
            ("none", "None planned"),
        ]

    def queryset(self, request, queryset: QuerySet[OutreachNote]) -> QuerySet[OutreachNote]:
        today = timezone.localdate()
        match self.value():
            case "overdue":
                return queryset.filter(follow_up_on__lt=today)
            case "today":
                return queryset.filter(follow_up_on=today)
            case "week":
                return queryset.filter(follow_up_on__gte=today, follow_up_on__lte=today + dt.timedelta(days=7))
            case "any":
                return queryset.filter(follow_up_on__isnull=False)
            case "none":
                return queryset.filter(follow_up_on__isnull=True)
        return queryset


@admin.register(OutreachNote)
class OutreachNoteAdmin(NotesVisibleMixin, admin.ModelAdmin):
    list_display = ["happened_at", "candidate", "author", "channel", "direction", "interest", "follow_up_on"]
    list_filter = [
        ("author", RecruiterFieldListFilter),
        "channel",
        "direction",
        "interest",
        FollowUpFilter,
        "is_confidential",
    ]
    date_hierarchy = "happened_at"
    search_fields = ["summary"]
    search_help_text = "A candidate's name in any form or alias, or words from the summary."
    autocomplete_fields = ["candidate", "author"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["candidate", "author", "happened_at", "channel", "direction"]}),
        ("What was said", {"fields": ["summary", "interest", "declined_reason", "follow_up_on", "is_confidential"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        return {"happened_at": timezone.now(), **super().get_changeform_initial_data(request)}

    def get_readonly_fields(self, request: HttpRequest, obj: OutreachNote | None = None) -> list[str]:
        # A note stays with its candidate and its author (outreach_note_update changes neither).
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "candidate", "author"] if obj is not None else readonly

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        recruiter = recruiter_of(request.user)
        if db_field.name == "candidate":
            kwargs["queryset"] = candidates_cleared_for(request.user)
        elif db_field.name == "author":
            if recruiter is not None:
                kwargs.setdefault("initial", recruiter.pk)
            if not request.user.is_superuser:
                # Others write as themselves, as in the API.
                kwargs["queryset"] = Recruiter.objects.filter(pk=recruiter.pk if recruiter else None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Notes are written by recruiters; an admin without a profile names the author.
        allowed = super().has_add_permission(request)
        return allowed and (request.user.is_superuser or recruiter_of(request.user) is not None)

    def has_change_permission(self, request: HttpRequest, obj: OutreachNote | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change_note(request.user, obj))

    def has_delete_permission(self, request: HttpRequest, obj: OutreachNote | None = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_change_note(request.user, obj))

    def save_model(self, request: HttpRequest, obj: OutreachNote, form, change: bool) -> None:
        if not change:
            fields = form_values(form, exclude=["author", "candidate"])
            author, candidate = form.cleaned_data["author"], form.cleaned_data["candidate"]
            adopt_saved_row(obj, services.outreach_note_log(author=author, candidate=candidate, **fields))
            return
        if form.has_changed():
            services.outreach_note_update(note=stored_row(obj), **form_values(form, changed_only=True))
        obj.refresh_from_db()

    def delete_model(self, request: HttpRequest, obj: OutreachNote) -> None:
        services.outreach_note_delete(note=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[OutreachNote]) -> None:
        for note in queryset:
            services.outreach_note_delete(note=note)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[OutreachNote], search_term: str
    ) -> tuple[QuerySet[OutreachNote], bool]:
        if not search_term.strip():
            return queryset, False
        # Notes are those of candidates the user is cleared for (notes_visible_to), so every name form may match.
        candidates = candidates_search(candidates_cleared_for(request.user), search_term, all_cleared=True)
        return queryset.filter(
            Q(candidate__in=candidates.values("pk")) | Q(summary__icontains=search_term.strip())
        ), False


class OutreachNoteFormSet(forms.BaseInlineFormSet):
    """Refuses, on the page, edits to notes the user did not write (admins may)."""

    # The user at the desk; OutreachNoteInline.get_formset sets it for each request.
    actor = None

    def clean(self) -> None:
        super().clean()
        refused_deletion = False
        for form in self.initial_forms:
            if may_change_note(self.actor, form.instance):
                continue
            if self.can_delete and getattr(form, "cleaned_data", {}).get("DELETE"):
                refused_deletion = True
            elif form.has_changed():
                form.add_error(None, NOT_YOUR_NOTE)
        if refused_deletion:
            # The formset skips the errors of forms ticked for deletion: this one is the formset's.
            raise ValidationError(NOT_YOUR_NOTE)


class OutreachNoteInline(NotesVisibleMixin, admin.StackedInline):
    """Notes on the candidate page, newest first, logged by whoever is at the desk (as in the API)."""

    model = OutreachNote
    formset = OutreachNoteFormSet
    extra = 0
    fields = [
        ("author", "happened_at", "channel", "direction"),
        "summary",
        ("interest", "declined_reason"),
        ("follow_up_on", "is_confidential"),
    ]
    readonly_fields = ["author"]

    def get_formset(self, request: HttpRequest, obj: Candidate | None = None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # inlineformset_factory builds a new class on every call: this one is this request's.
        formset.actor = request.user
        return formset

    # Django asks an inline about the parent candidate, not about each note:
    # notes by others are refused row by row in OutreachNoteFormSet.

    def has_add_permission(self, request: HttpRequest, obj: Candidate | None = None) -> bool:
        return super().has_add_permission(request, obj) and recruiter_of(request.user) is not None


def save_notes(request: HttpRequest, candidate: Candidate, formset: OutreachNoteFormSet) -> None:
    """Write a validated notes formset of the candidate page through crm.services."""
    parent = [formset.fk.name]

    def create(form: forms.ModelForm) -> OutreachNote:
        author = recruiter_of(request.user)
        return services.outreach_note_log(author=author, candidate=candidate, **form_values(form, exclude=parent))

    def update(form: forms.ModelForm) -> OutreachNote:
        changes = form_values(form, changed_only=True, exclude=parent)
        return services.outreach_note_update(note=stored_row(form.instance), **changes)

    save_inline_rows(
        formset, create=create, update=update, delete=lambda note: services.outreach_note_delete(note=note)
    )
