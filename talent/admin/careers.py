"""Career stints and non-compete windows on their own pages.

Rows of candidates the user is cleared for; changed by those who may edit
the candidate (talent.access), through talent.services, as from the API.
"""

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from talent import access, services
from talent.admin.base import adopt_saved_row, candidates_cleared_for, form_values, stored_row
from talent.admin.candidate_parts import NONCOMPETE_FACTS, NonCompeteFactsMixin, NonCompeteForm
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


class CandidatePartAdmin(admin.ModelAdmin):
    """What a stint's and a window's page share: who sees and changes them, and for which candidates."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(candidate__in=candidates_cleared_for(request))

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        # A stint or window stays with its candidate (the services do not move it).
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "candidate"] if obj is not None else readonly

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "candidate":
            # Added only to a candidate the user may edit.
            kwargs["queryset"] = access.candidates_visible_to(request.user).filter(may_edit=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or access.candidate_rights(request.user, obj.candidate_id).may_edit)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or access.candidate_rights(request.user, obj.candidate_id).may_edit)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        # These pages have no inlines, and save_model's service call has set the many-to-many fields.
        pass

    def candidates_matching(self, request: HttpRequest, term: str) -> QuerySet[Candidate]:
        """Ids of the candidates found by `term` among those the user is cleared for (the rows listed here)."""
        return candidates_search(candidates_cleared_for(request), term, all_cleared=True).values("pk")


@admin.register(Employment)
class EmploymentAdmin(CandidatePartAdmin):
    list_display = ["candidate", "company", "title", "level", "start_date", "end_date", "departure_reason"]
    list_select_related = ["candidate", "company", "level__ladder__company"]
    list_filter = ["departure_reason", ("end_date", admin.EmptyFieldListFilter)]
    date_hierarchy = "start_date"
    search_fields = ["title"]
    search_help_text = "A candidate (any name form), a company (any alias) or a title."
    autocomplete_fields = ["candidate", "company", "level"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Employment]:
        # __str__ names the company: autocomplete lists need it joined.
        return super().get_queryset(request).select_related("company")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Employment], search_term: str
    ) -> tuple[QuerySet[Employment], bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(
            Q(candidate__in=self.candidates_matching(request, term))
            | Q(company__in=companies_search(term))
            | Q(title__icontains=term)
        ), False

    def save_model(self, request: HttpRequest, obj: Employment, form, change: bool) -> None:
        if not change:
            adopt_saved_row(obj, services.employment_create(**form_values(form)))
            return
        if form.has_changed():
            services.employment_update(employment=stored_row(obj), **form_values(form, changed_only=True))
        obj.refresh_from_db()

    def delete_model(self, request: HttpRequest, obj: Employment) -> None:
        services.employment_delete(employment=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Employment]) -> None:
        for employment in queryset:
            services.employment_delete(employment=employment)


@admin.register(NonCompete)
class NonCompeteAdmin(NonCompeteFactsMixin, CandidatePartAdmin):
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
                    ("monthly_compensation", "compensation_currency"),
                    ("last_monthly_pay", "last_monthly_pay_currency"),
                    ("compensation_paid", "unpaid_since"),
                ]
            },
        ),
        ("What the law makes of it", {"fields": NONCOMPETE_FACTS}),
        (None, {"fields": ["notes", ("created_at", "updated_at")]}),
    ]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[NonCompete], search_term: str
    ) -> tuple[QuerySet[NonCompete], bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(
            Q(candidate__in=self.candidates_matching(request, term)) | Q(employer__in=companies_search(term))
        ), False

    def save_model(self, request: HttpRequest, obj: NonCompete, form, change: bool) -> None:
        companies = form.cleaned_data.get("restricted_companies")
        if not change:
            created = services.noncompete_create(restricted_companies=list(companies or []), **form_values(form))
            adopt_saved_row(obj, created)
            return
        if form.has_changed():
            services.noncompete_update(
                window=stored_row(obj),
                restricted_companies=list(companies) if "restricted_companies" in form.changed_data else None,
                **form_values(form, changed_only=True),
            )
        obj.refresh_from_db()

    def delete_model(self, request: HttpRequest, obj: NonCompete) -> None:
        services.noncompete_delete(window=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[NonCompete]) -> None:
        for window in queryset:
            services.noncompete_delete(window=window)
