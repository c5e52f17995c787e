"""Career stints and non-compete windows on their own pages."""

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from talent.admin.base import candidates_cleared_for
from talent.admin.candidates import NONCOMPETE_FACTS, NonCompeteFactsMixin, NonCompeteForm
from talent.models import (
    Candidate,
    Employment,
    NonCompete,
)
from talent.selectors import (
    candidates_search,
    companies_search,
)

# ---------------------------------------------------------------------------
# Careers and non-competes on their own lists


@admin.register(Employment)
class EmploymentAdmin(admin.ModelAdmin):
    list_display = ["candidate", "company", "title", "level", "start_date", "end_date", "departure_reason"]
    list_select_related = ["candidate", "company", "level__ladder__company"]
    list_filter = ["departure_reason", ("end_date", admin.EmptyFieldListFilter)]
    date_hierarchy = "start_date"
    search_fields = ["title"]
    search_help_text = "A candidate (any name form), a company (any alias) or a title."
    autocomplete_fields = ["candidate", "company", "level"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Employment]:
        # __str__ names the company: autocomplete lists need it joined.
        queryset = super().get_queryset(request).select_related("company")
        return queryset if request.user.is_superuser else queryset.filter(candidate__in=candidates_cleared_for(request))

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Employment], search_term: str
    ) -> tuple[QuerySet[Employment], bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(
            Q(candidate__in=candidates_search(Candidate.objects.all(), term))
            | Q(company__in=companies_search(term))
            | Q(title__icontains=term)
        ), False


@admin.register(NonCompete)
class NonCompeteAdmin(NonCompeteFactsMixin, admin.ModelAdmin):
    form = NonCompeteForm
    list_display = [
        "candidate",
        "employer",
        "jurisdiction",
        "starts_on",
        "contractual_end",
        "enforceable_end",
        "days_left",
        "status",
    ]
    list_select_related = ["candidate", "employer"]
    list_filter = ["status", "jurisdiction", "enforceable_end"]
    date_hierarchy = "enforceable_end"
    search_fields = ["region"]
    search_help_text = "A candidate (any name form) or the employer (any alias)."
    autocomplete_fields = ["candidate", "employer", "employment", "restricted_companies"]
    readonly_fields = [*NONCOMPETE_FACTS, "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["candidate", "employer", "employment", "jurisdiction"]}),
        ("Term", {"fields": [("starts_on", "contractual_end"), ("status", "ended_on")]}),
        ("Scope", {"fields": ["restricted_companies", "restricted_sectors", "region"]}),
        (
            "Compensation",
            {
                "fields": [
                    ("monthly_compensation", "compensation_currency", "last_monthly_pay"),
                    ("compensation_paid", "unpaid_since"),
                ]
            },
        ),
        ("What the law makes of it", {"fields": NONCOMPETE_FACTS}),
        (None, {"fields": ["notes", ("created_at", "updated_at")]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[NonCompete]:
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(candidate__in=candidates_cleared_for(request))

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[NonCompete], search_term: str
    ) -> tuple[QuerySet[NonCompete], bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(
            Q(candidate__in=candidates_search(Candidate.objects.all(), term)) | Q(employer__in=companies_search(term))
        ), False
