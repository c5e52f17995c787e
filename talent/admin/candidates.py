"""The candidate page: its form, permissions, saving through the services, and computed columns.

Who may see, change and delete a candidate is talent.access's rule; every
write goes through talent.services, as from the API.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import redirect

from accounts.admin.recruiters import RecruiterFieldListFilter
from accounts.roles import recruiter_of
from talent import access, services
from talent.admin.base import (
    CappedCountPaginator,
    ErrorSectionsMixin,
    PrefetchingChangeList,
    adopt_saved_row,
    form_values,
    kept_forms,
    local_today,
    record_list_changes,
    save_inline_rows,
    stored_row,
)
from talent.admin.candidate_columns import CandidateColumnsMixin
from talent.admin.candidate_filters import (
    AvailabilityFilter,
    BandFilter,
    CurrentCompanyFilter,
    NonCompeteEndingFilter,
)
from talent.admin.candidate_parts import (
    CandidateAliasInline,
    ContactChannelInline,
    EducationInline,
    EmploymentInline,
    NonCompeteInline,
)
from talent.duplicates.selectors import merged_into
from talent.history import history_page
from talent.models import (
    Candidate,
    CandidateAlias,
    ContactChannel,
    Education,
    Employment,
    NonCompete,
)
from talent.privacy_rules import consent_errors, notice_due_on
from talent.search.query import narrowed_to_holders
from talent.selectors import (
    candidates_search,
    candidates_with_profile,
)

# ---------------------------------------------------------------------------
# Candidates


class CandidateForm(forms.ModelForm):
    """The candidate's own fields.

    Who may create a candidate for whom, un-hide it, rename a hidden one or
    hand it to another owner or team is talent.access's rule; it is checked
    here so that a refusal shows on the page.
    """

    # The user at the desk; CandidateAdmin.get_form sets it for each request.
    actor = None

    def clean(self) -> dict:
        cleaned_data = super().clean()
        try:
            if self.instance.pk is None:
                owner, team = cleaned_data.get("owner"), cleaned_data.get("team")
                access.check_custody_on_create(self.actor, owner=owner, team=team)
            else:
                changed = [name for name in access.CUSTODY_FIELDS if name in self.changed_data]
                changes = {name: cleaned_data[name] for name in changed if name in cleaned_data}
                access.check_custody_change(self.actor, self.instance, changes)
        except PermissionDenied as refusal:
            self.add_error(None, str(refusal))
        basis = cleaned_data.get("lawful_basis", self.instance.lawful_basis)
        day = cleaned_data.get("consent_given_on", self.instance.consent_given_on)
        for name, message in consent_errors(lawful_basis=basis or "", consent_given_on=day).items():
            self.add_error(name, message)
        return cleaned_data


def alias_rows(formset: forms.BaseInlineFormSet) -> list[dict]:
    return [
        {"name": form.instance.name, "kind": form.instance.kind, "company": form.instance.company}
        for form in kept_forms(formset)
    ]


def contact_rows(formset: forms.BaseInlineFormSet) -> list[dict]:
    return [
        {
            "kind": form.instance.kind,
            "value": form.instance.value,
            "label": form.instance.label,
            "is_primary": form.instance.is_primary,
        }
        for form in kept_forms(formset)
    ]


def save_stints(candidate: Candidate, formset: forms.BaseInlineFormSet) -> None:
    parent = [formset.fk.name]

    def create(form: forms.ModelForm) -> Employment:
        stint = services.employment_create(candidate=candidate, **form_values(form, exclude=parent))
        # A window of the same post may cite this row (NonCompeteInlineForm.new_stint_form).
        adopt_saved_row(form.instance, stint)
        return stint

    def update(form: forms.ModelForm) -> Employment:
        changes = form_values(form, changed_only=True, exclude=parent)
        return services.employment_update(employment=stored_row(form.instance), **changes)

    save_inline_rows(
        formset, create=create, update=update, delete=lambda row: services.employment_delete(employment=row)
    )


def save_windows(candidate: Candidate, formset: forms.BaseInlineFormSet) -> None:
    """Writes the windows after the stints (save_stints), so that one may cite a stint of the same post."""
    parent = [formset.fk.name]

    def new_stint(form: forms.ModelForm) -> dict:
        cited = getattr(form, "new_stint_form", None)
        return {"employment": cited.instance} if cited is not None else {}

    def create(form: forms.ModelForm) -> NonCompete:
        companies = list(form.cleaned_data.get("restricted_companies") or [])
        return services.noncompete_create(
            candidate=candidate,
            restricted_companies=companies,
            **{**form_values(form, exclude=parent), **new_stint(form)},
        )

    def update(form: forms.ModelForm) -> NonCompete:
        companies = form.cleaned_data.get("restricted_companies")
        return services.noncompete_update(
            window=stored_row(form.instance),
            restricted_companies=list(companies) if "restricted_companies" in form.changed_data else None,
            **{**form_values(form, changed_only=True, exclude=parent), **new_stint(form)},
        )

    save_inline_rows(formset, create=create, update=update, delete=lambda row: services.noncompete_delete(window=row))


@admin.register(Candidate)
class CandidateAdmin(CandidateColumnsMixin, ErrorSectionsMixin, admin.ModelAdmin):
    form = CandidateForm
    paginator = CappedCountPaginator
    # "(1,000,000 total)" beside a search would count every candidate the user may see, on every search.
    show_full_result_count = False
    list_display = [
        "name",
        "current_company",
        "current_title",
        "current_band",
        "availability",
        "noncompete_days_left",
        "owner",
        "last_activity",
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
    autocomplete_fields = ["owner", "team", "watchers"]
    readonly_fields = [
        "pinyin",
        "simplified_name",
        "traditional_name",
        "current_company",
        "current_title",
        "current_band",
        "availability",
        "latest_move",
        "notice_due",
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
        ("Now", {"fields": [("current_company", "current_title", "current_band"), "availability", "latest_move"]}),
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
        ("Desk", {"fields": [("owner", "team"), "watchers", ("source", "source_detail"), "hold"]}),
        (
            "Privacy",
            {
                "description": "Lawful basis and notice (PIPL arts. 13 and 17, GDPR arts. 6 and 14).",
                "fields": [
                    "lawful_basis",
                    ("consent_given_on", "consent_channel"),
                    "collected_on",
                    ("notified_on", "notice_channel"),
                    "notice_due",
                ],
            },
        ),
        ("Record", {"classes": ["collapse"], "fields": [("created_at", "updated_at")]}),
    ]
    # Saved in this order: a window may cite a stint.
    inlines = [
        CandidateAliasInline,
        ContactChannelInline,
        EducationInline,
        EmploymentInline,
        NonCompeteInline,
    ]

    @admin.display(description="Notice due by")
    def notice_due(self, obj: Candidate) -> str:
        due = notice_due_on(obj) if obj.pk else None
        return due.isoformat() if due else "—"

    # Who sees, changes and deletes a candidate (talent.access). Staff also
    # need Django's model permissions, which the super() calls check.

    def get_queryset(self, request: HttpRequest) -> QuerySet[Candidate]:
        # The desk shows real names: only candidates whose identity the user is
        # cleared for, annotated with what they may do with each.
        visible = access.candidates_visible_to(request.user).filter(identity_cleared=True)
        return self.with_sort_columns(visible, local_today())

    def has_change_permission(self, request: HttpRequest, obj: Candidate | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or access.candidate_rights(request.user, obj).may_edit)

    def has_delete_permission(self, request: HttpRequest, obj: Candidate | None = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or access.candidate_rights(request.user, obj).may_manage)

    def get_deleted_objects(self, objs, request: HttpRequest) -> tuple:
        # A custodian deletes a candidate with everything that hangs off it
        # (stints, windows, colleagues' notes), as candidate_delete does for the
        # API: the candidate's rule decides, not each part's own permissions.
        deletable, model_count, _, protected = super().get_deleted_objects(objs, request)
        refused = any(not access.candidate_rights(request.user, candidate).may_manage for candidate in objs)
        return deletable, model_count, {Candidate._meta.verbose_name} if refused else set(), protected

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        # A merged-away id opens the survivor, for those the API would redirect (talent.duplicates.selectors).
        survivor = (
            merged_into(request.user, int(object_id)) if request.method == "GET" and object_id.isdigit() else None
        )
        if survivor is not None:
            messages.info(request, f"Candidate #{object_id} was merged into this candidate, #{survivor}.")
            return redirect("admin:talent_candidate_change", survivor)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        # Recorded changes (talent.history), with crm's rows: crm draws the page and registers it.
        page = history_page()
        if page is None:
            raise PermissionDenied
        return page(self, request, object_id)

    # Writes, through talent.services.

    def get_form(self, request: HttpRequest, obj: Candidate | None = None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # modelform_factory builds a new class on every call: this one is this request's.
        form.actor = request.user
        return form

    def _create_formsets(self, request: HttpRequest, obj: Candidate, change: bool) -> tuple[list, list]:
        # A window may cite a stint added in the same post, so its formset
        # validates against the career formset: Django builds formsets one by
        # one, and this is the one place that holds both before validation.
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        careers = next((formset for formset in formsets if formset.model is Employment), None)
        for formset in formsets:
            if formset.model is NonCompete:
                formset.career_formset = careers
        return formsets, inline_instances

    def save_model(self, request: HttpRequest, obj: Candidate, form: CandidateForm, change: bool) -> None:
        watchers = list(form.cleaned_data.get("watchers") or [])
        if not change:
            created = services.candidate_create(
                actor=request.user,
                owner=form.cleaned_data.get("owner"),
                team=form.cleaned_data.get("team"),
                watchers=watchers,
                **form_values(form, exclude=["owner", "team"]),
            )
            adopt_saved_row(obj, created)
            return
        if form.has_changed():
            services.candidate_update(
                actor=request.user,
                candidate=stored_row(obj),
                watchers=watchers if "watchers" in form.changed_data else None,
                **form_values(form, changed_only=True),
            )
        obj.refresh_from_db()

    def save_related(self, request: HttpRequest, form: CandidateForm, formsets: list, change: bool) -> None:
        # Watchers were set by save_model; aliases and contacts are lists that
        # candidate_update replaces as a whole, then the other parts row by row.
        candidate = form.instance
        lists = {}
        for formset in formsets:
            if formset.model is CandidateAlias and formset.has_changed():
                lists["aliases"] = alias_rows(formset)
            elif formset.model is ContactChannel and formset.has_changed():
                lists["contacts"] = contact_rows(formset)
        if lists:
            services.candidate_update(actor=request.user, candidate=stored_row(candidate), **lists)
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request: HttpRequest, form: CandidateForm, formset, change: bool) -> None:
        candidate = form.instance
        if formset.model in (CandidateAlias, ContactChannel):
            record_list_changes(formset)  # written as lists by save_related
            return
        if formset.model is Employment:
            save_stints(candidate, formset)
        elif formset.model is NonCompete:
            save_windows(candidate, formset)
        elif formset.model is Education:
            # Schooling has no service and no derived data: the formset writes
            # it, and the candidate is marked changed for `updated_since`.
            formset.save()
            if formset.has_changed():
                services.candidate_touch(candidate_id=candidate.pk)
        else:
            super().save_formset(request, form, formset, change)

    def delete_model(self, request: HttpRequest, obj: Candidate) -> None:
        services.candidate_delete(actor=request.user, candidate=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Candidate]) -> None:
        for candidate in queryset:
            services.candidate_delete(actor=request.user, candidate=candidate)

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
        return candidates_search(narrowed_to_holders(queryset, search_term), search_term), False

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "owner" and "initial" not in kwargs:
            recruiter = recruiter_of(request.user)
            if recruiter is not None:
                kwargs["initial"] = recruiter.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
