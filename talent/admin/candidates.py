"""The candidate page: inlines, list filters and computed columns."""

import datetime as dt
from collections.abc import Hashable

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import HttpRequest

from crm.admin.outreach import OutreachNoteInline
from crm.admin.recruiters import RecruiterFieldListFilter
from crm.roles import recruiter_of
from talent import contacts
from talent.admin.base import PrefetchingChangeList, UniqueInFormsetMixin, local_today
from talent.availability import Availability, candidate_availability, current_employment
from talent.models import (
    Band,
    Candidate,
    CandidateAlias,
    Company,
    ContactChannel,
    Education,
    Employment,
    NonCompete,
)
from talent.noncompetes import WindowFacts, window_facts
from talent.selectors import (
    candidates_in_band_range,
    candidates_search,
    candidates_with_availability,
    candidates_with_noncompete_ending,
    candidates_with_profile,
)
from talent.services import candidate_refresh_names
from talent.visibility import identity_cleared_q

# ---------------------------------------------------------------------------
# Non-compete facts, shared by the candidate page and the non-compete list


class NonCompeteFactsMixin:
    """What the law makes of a saved window today (talent.noncompetes.window_facts)."""

    def _facts(self, window: NonCompete) -> WindowFacts | None:
        return window_facts(window, local_today()) if window.pk else None

    @admin.display(description="days left")
    def days_left(self, window: NonCompete) -> str:
        facts = self._facts(window)
        if facts is None:
            return "—"
        if facts.is_void:
            return "never bound"
        return "ended" if facts.days_left is None else str(facts.days_left)

    @admin.display(description="capped by law", boolean=True)
    def capped_by_law(self, window: NonCompete) -> bool | None:
        facts = self._facts(window)
        return None if facts is None else facts.capped_by_law

    @admin.display(description="candidate may end it (unpaid 3 months)", boolean=True)
    def may_end_unpaid(self, window: NonCompete) -> bool | None:
        facts = self._facts(window)
        return None if facts is None else facts.unpaid_termination_available


NONCOMPETE_FACTS = ["enforceable_end", "days_left", "capped_by_law", "may_end_unpaid"]


# ---------------------------------------------------------------------------
# Candidate inlines


class CandidateAliasInline(admin.TabularInline):
    model = CandidateAlias
    fields = ["name", "kind", "company"]
    autocomplete_fields = ["company"]
    extra = 0


class ContactChannelForm(forms.ModelForm):
    class Meta:
        model = ContactChannel
        fields = ["kind", "value", "label", "is_primary"]

    def clean(self) -> dict:
        # ContactChannel.clean() normalises the instance; the formset compares
        # cleaned_data, so it must hold the normalised value too.
        cleaned_data = super().clean()
        kind, value = cleaned_data.get("kind"), cleaned_data.get("value")
        if kind and value:
            try:
                cleaned_data["value"] = contacts.normalize_contact(kind, value)
            except ValidationError as error:
                self.add_error("value", error)
        return cleaned_data


class ContactChannelFormSet(UniqueInFormsetMixin, forms.BaseInlineFormSet):
    duplicate_message = "{value} is entered twice."

    def duplicate_key(self, cleaned_data: dict) -> tuple[Hashable, str] | None:
        kind, value = cleaned_data.get("kind"), cleaned_data.get("value")
        return ((kind, value), value) if kind and value else None


class ContactChannelInline(admin.TabularInline):
    model = ContactChannel
    form = ContactChannelForm
    formset = ContactChannelFormSet
    extra = 0


class EducationInline(admin.TabularInline):
    model = Education
    fields = ["institution", "degree", "field", "start_year", "end_year"]
    extra = 0


class EmploymentInline(admin.TabularInline):
    model = Employment
    verbose_name_plural = "career"
    fields = ["company", "title", "level", "start_date", "end_date", "departure_reason", "departure_notes"]
    autocomplete_fields = ["company", "level"]
    extra = 0


class NonCompeteForm(forms.ModelForm):
    def clean(self) -> dict:
        cleaned_data = super().clean()
        # NonCompete.clean() checks the stint's candidate once the candidate
        # exists. On the page of a candidate being created (the inline gives
        # the unsaved parent) any stint picked is someone else's, and the
        # database would only say so at commit.
        candidate = cleaned_data.get("candidate")
        if cleaned_data.get("employment") and candidate is not None and candidate.pk is None:
            self.add_error("employment", "This stint belongs to another candidate.")
        return cleaned_data


class NonCompeteInline(NonCompeteFactsMixin, admin.StackedInline):
    model = NonCompete
    form = NonCompeteForm
    extra = 0
    autocomplete_fields = ["employer", "employment", "restricted_companies"]
    readonly_fields = NONCOMPETE_FACTS
    fields = [
        ("employer", "employment", "jurisdiction"),
        ("starts_on", "contractual_end"),
        ("status", "ended_on"),
        ("restricted_companies", "restricted_sectors", "region"),
        ("monthly_compensation", "compensation_currency", "last_monthly_pay"),
        ("compensation_paid", "unpaid_since"),
        "notes",
        tuple(NONCOMPETE_FACTS),
    ]


# ---------------------------------------------------------------------------
# Candidate list filters


class CurrentCompanyFilter(admin.SimpleListFilter):
    title = "current company"
    parameter_name = "company"

    # One-person companies (founders waiting out a window) would bury the
    # employers recruiters filter by; those are found by search instead.
    min_headcount = 2

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        employers = (
            Company.objects.filter(employments__end_date=None)
            .annotate(headcount=Count("employments__candidate", distinct=True))
            .filter(headcount__gte=self.min_headcount)
            .order_by("name")
        )
        return [(str(pk), name) for pk, name in employers.values_list("pk", "name")]

    def has_output(self) -> bool:
        # Filtering by any company id (a link from elsewhere) works, listed or not.
        return True

    def queryset(self, request, queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
        if not (self.value() or "").isdigit():
            return queryset
        stints = Employment.objects.filter(candidate=OuterRef("pk"), company_id=self.value(), end_date=None)
        return queryset.filter(Exists(stints))


class BandFilter(admin.SimpleListFilter):
    title = "current band"
    parameter_name = "band_rank"

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        return [(str(rank), name) for rank, name in Band.objects.values_list("rank", "name")]

    def queryset(self, request, queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
        if not (self.value() or "").isdigit():
            return queryset
        rank = int(self.value())
        return candidates_in_band_range(queryset, min_rank=rank, max_rank=rank)


class AvailabilityFilter(admin.SimpleListFilter):
    title = "availability"
    parameter_name = "availability"

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        return Availability.choices

    def queryset(self, request, queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
        if self.value() not in Availability.values:
            return queryset
        return candidates_with_availability(queryset, self.value(), today=local_today())


class NonCompeteEndingFilter(admin.SimpleListFilter):
    title = "non-compete ends"
    parameter_name = "noncompete_ends_within"

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        return [("30", "within 30 days"), ("90", "within 90 days")]

    def queryset(self, request, queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
        if self.value() not in {"30", "90"}:
            return queryset
        today = local_today()
        return candidates_with_noncompete_ending(
            queryset, after=today, before=today + dt.timedelta(days=int(self.value()))
        )


# ---------------------------------------------------------------------------
# Candidates


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    def get_queryset(self, request: HttpRequest) -> QuerySet[Candidate]:
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(identity_cleared_q(request.user))

    list_display = [
        "name",
        "current_company",
        "current_title",
        "current_band",
        "availability",
        "owner",
        "updated_at",
    ]
    list_filter = [
        CurrentCompanyFilter,
        BandFilter,
        AvailabilityFilter,
        NonCompeteEndingFilter,
        ("owner", RecruiterFieldListFilter),
        "is_market_icon",
        "source",
    ]
    list_select_related = ["owner__user"]
    # Only declared so that the search box and autocomplete appear; get_search_results does the matching.
    search_fields = ["native_name", "english_name", "pseudonym"]
    search_help_text = "Any name form (either script, pinyin, initials), an alias, or a company (alias-aware)."
    autocomplete_fields = ["owner", "watchers"]
    readonly_fields = [
        "pinyin",
        "simplified_name",
        "traditional_name",
        "current_company",
        "current_title",
        "current_band",
        "availability",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            "Name",
            {
                "fields": [
                    ("native_name", "english_name"),
                    ("pseudonym", "is_confidential"),
                    ("pinyin", "simplified_name", "traditional_name"),
                ]
            },
        ),
        ("Now", {"fields": [("current_company", "current_title", "current_band"), "availability"]}),
        (
            "Profile",
            {"fields": [("city", "country"), "expertise", "work_authorization", "is_market_icon"]},
        ),
        (
            "Compensation",
            {
                "classes": ["collapse"],
                "fields": [
                    ("current_compensation", "current_compensation_currency", "current_compensation_period"),
                    ("expected_compensation", "expected_compensation_currency", "expected_compensation_period"),
                    "compensation_notes",
                    ("willing_to_relocate", "relocation_notes"),
                ],
            },
        ),
        ("Desk", {"fields": ["owner", "watchers", ("source", "source_detail"), "hold"]}),
        ("Record", {"classes": ["collapse"], "fields": [("created_at", "updated_at")]}),
    ]
    inlines = [
        CandidateAliasInline,
        ContactChannelInline,
        EducationInline,
        EmploymentInline,
        NonCompeteInline,
        OutreachNoteInline,
    ]

    def get_fieldsets(self, request: HttpRequest, obj: Candidate | None = None) -> list:
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj is not None else [fs for fs in fieldsets if fs[0] != "Now"]

    def get_changelist(self, request: HttpRequest, **kwargs) -> type[ChangeList]:
        return PrefetchingChangeList

    def prefetch_for_changelist(self, queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
        return candidates_with_profile(queryset)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Candidate], search_term: str
    ) -> tuple[QuerySet[Candidate], bool]:
        return candidates_search(queryset, search_term), False

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "owner" and "initial" not in kwargs:
            recruiter = recruiter_of(request.user)
            if recruiter is not None:
                kwargs["initial"] = recruiter.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        candidate_refresh_names(candidate=form.instance)

    # Computed columns read employments and non-competes through .all(), which
    # the changelist has prefetched: no query per row.

    @admin.display(description="name", ordering="native_name")
    def name(self, candidate: Candidate) -> str:
        return candidate.display_name

    @admin.display(description="current company")
    def current_company(self, candidate: Candidate) -> str:
        stint = current_stint(candidate)
        return stint.company.name if stint else "—"

    @admin.display(description="current title")
    def current_title(self, candidate: Candidate) -> str:
        stint = current_stint(candidate)
        return stint.title if stint else "—"

    @admin.display(description="current band")
    def current_band(self, candidate: Candidate) -> str:
        stint = current_stint(candidate)
        if stint is None or stint.level is None:
            return "—"
        band = stint.level.band
        return f"{band.name} ({stint.level.code})" if band else stint.level.code

    @admin.display(description="availability")
    def availability(self, candidate: Candidate) -> str:
        return str(candidate_availability(candidate, local_today())) if candidate.pk else "—"


def current_stint(candidate: Candidate) -> Employment | None:
    return current_employment(list(candidate.employments.all())) if candidate.pk else None
