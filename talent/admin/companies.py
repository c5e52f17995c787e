"""Companies, bands and level ladders: reference data.

Written only by those holding Django's add/change/delete permissions for
these models (the "Reference data curators" group, admins); recruiters view
it. The admin's own permission checks do that, so nothing here overrides them.
"""

from collections.abc import Hashable

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from talent import services
from talent.admin.base import (
    PrefetchingChangeList,
    UniqueInFormsetMixin,
    adopt_saved_row,
    form_values,
    kept_forms,
    record_list_changes,
    stored_row,
)
from talent.models import (
    Band,
    Company,
    CompanyAlias,
    Level,
    LevelEquivalence,
    LevelLadder,
)
from talent.selectors import (
    companies_search,
)

# ---------------------------------------------------------------------------
# Companies, ladders and bands


class CompanyAliasFormSet(UniqueInFormsetMixin, forms.BaseInlineFormSet):
    duplicate_message = "The alias {value} is entered twice."

    def duplicate_key(self, cleaned_data: dict) -> tuple[Hashable, str] | None:
        name = (cleaned_data.get("name") or "").strip()
        # The database compares aliases case-insensitively (company_alias_unique_ci).
        return (name.lower(), name) if name else None


class CompanyAliasInline(admin.TabularInline):
    model = CompanyAlias
    formset = CompanyAliasFormSet
    extra = 1


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "native_name", "alias_names", "kind", "country", "parent"]
    list_filter = ["kind", "country"]
    autocomplete_fields = ["parent"]
    search_fields = ["name", "native_name"]
    search_help_text = "Any name or alias, in either script."
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [CompanyAliasInline]

    def get_changelist(self, request: HttpRequest, **kwargs) -> type[ChangeList]:
        return PrefetchingChangeList

    def prefetch_for_changelist(self, queryset: QuerySet[Company]) -> QuerySet[Company]:
        return queryset.prefetch_related("aliases")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Company], search_term: str
    ) -> tuple[QuerySet[Company], bool]:
        return companies_search(search_term, queryset), False

    def save_model(self, request: HttpRequest, obj: Company, form, change: bool) -> None:
        if not change:
            adopt_saved_row(obj, services.company_create(**form_values(form)))
            return
        if form.has_changed():
            services.company_update(company=stored_row(obj), **form_values(form, changed_only=True))
        obj.refresh_from_db()

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        # The aliases are a list that company_update replaces as a whole (and refreshes the search text).
        for formset in formsets:
            if formset.model is CompanyAlias and formset.has_changed():
                names = [alias.instance.name for alias in kept_forms(formset)]
                services.company_update(company=stored_row(form.instance), aliases=names)
            record_list_changes(formset)

    @admin.display(description="aliases")
    def alias_names(self, company: Company) -> str:
        return ", ".join(alias.name for alias in company.aliases.all())


@admin.register(Band)
class BandAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "rank"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


class LevelInline(admin.TabularInline):
    model = Level
    fields = ["code", "label", "rank", "band"]
    readonly_fields = ["band"]
    extra = 1
    show_change_link = True


@admin.register(LevelLadder)
class LevelLadderAdmin(admin.ModelAdmin):
    list_display = ["name", "company", "level_count"]
    list_select_related = ["company"]
    list_filter = ["company"]
    search_fields = ["name", "company__name", "company__native_name"]
    autocomplete_fields = ["company"]
    inlines = [LevelInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[LevelLadder]:
        return super().get_queryset(request).annotate(level_count=Count("levels"))

    def get_readonly_fields(self, request: HttpRequest, obj: LevelLadder | None = None) -> list[str]:
        # Levels copy their ladder's company, and employments point at (level, company).
        return ["company"] if obj is not None else []

    @admin.display(description="levels", ordering="level_count")
    def level_count(self, ladder: LevelLadder) -> int:
        return ladder.level_count


class LevelEquivalenceInline(admin.TabularInline):
    model = LevelEquivalence
    fields = ["band", "observed_on", "source", "confidence", "notes"]
    extra = 1


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["__str__", "ladder", "code", "label", "rank", "band"]
    list_filter = ["ladder__company", "band"]
    list_select_related = ["ladder__company", "band"]
    search_fields = ["code", "label", "ladder__name", "ladder__company__name", "ladder__company__native_name"]
    search_help_text = 'Company and code, e.g. "ByteDance 3-2".'
    readonly_fields = ["band"]
    inlines = [LevelEquivalenceInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Level]:
        # __str__ names the company: autocomplete lists need it joined.
        return super().get_queryset(request).select_related("ladder__company", "band")

    def get_readonly_fields(self, request: HttpRequest, obj: Level | None = None) -> list[str]:
        # Moving a level to another company's ladder would orphan the employments at it.
        return ["ladder", "band"] if obj is not None else ["band"]

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        # Observations have no service of their own that takes every field
        # (level_equivalence_record has no notes): the formset writes them,
        # then the service sets the band the latest observation gives.
        super().save_related(request, form, formsets, change)
        services.level_refresh_band(level=form.instance)
