"""Outreach notes: who talked to whom, how it went, and when to follow up."""

import datetime as dt

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from crm.admin.recruiters import RecruiterFieldListFilter
from crm.models import OutreachNote
from crm.roles import recruiter_of
from crm.selectors import notes_visible_to
from talent.models import Candidate
from talent.selectors import candidates_search
from talent.visibility import identity_cleared_q


class AuthorIsCurrentRecruiterMixin:
    """Notes are written by whoever is at the desk: offer their Recruiter as the author."""

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "author" and "initial" not in kwargs:
            recruiter = recruiter_of(request.user)
            if recruiter is not None:
                kwargs["initial"] = recruiter.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[OutreachNote]:
        notes = notes_visible_to(request.user).select_related("candidate", "author__user")
        if request.user.is_superuser:
            return notes
        # A note names its candidate: keep confidential candidates to those cleared for them.
        return notes.filter(candidate__in=Candidate.objects.filter(identity_cleared_q(request.user)))


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
class OutreachNoteAdmin(AuthorIsCurrentRecruiterMixin, admin.ModelAdmin):
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

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[OutreachNote], search_term: str
    ) -> tuple[QuerySet[OutreachNote], bool]:
        if not search_term.strip():
            return queryset, False
        candidates = candidates_search(Candidate.objects.all(), search_term)
        return queryset.filter(Q(candidate__in=candidates) | Q(summary__icontains=search_term.strip())), False


class OutreachNoteInline(AuthorIsCurrentRecruiterMixin, admin.StackedInline):
    """Notes on the candidate page, newest first."""

    model = OutreachNote
    extra = 0
    autocomplete_fields = ["author"]
    fields = [
        ("author", "happened_at", "channel", "direction"),
        "summary",
        ("interest", "declined_reason"),
        ("follow_up_on", "is_confidential"),
    ]
