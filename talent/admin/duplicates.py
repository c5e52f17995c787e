"""Likely duplicates in the admin: the list of pairs, and a side-by-side merge that calls the merge service."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.roles import recruiter_of
from talent.access import candidates_cleared_for
from talent.duplicates.merging import CHOICE_FIELDS, MERGED, SURVIVOR, candidate_merge, default_choices
from talent.duplicates.pairs import duplicate_pair_dismiss, duplicate_pair_reopen
from talent.duplicates.selectors import pairs_visible_to
from talent.models import Candidate, CandidateMerge, DuplicatePair

LOW, HIGH = "low", "high"


def _may_use(request: HttpRequest) -> bool:
    return request.user.is_active and (request.user.is_superuser or recruiter_of(request.user) is not None)


def _shown(candidate: Candidate, name: str) -> str:
    field = Candidate._meta.get_field(name)
    value = getattr(candidate, name)
    if field.choices and value:
        value = getattr(candidate, f"get_{name}_display")()
    if value in (None, "", []):
        return "—"
    return str(value)


class MergeForm(forms.Form):
    """Which record stays, and for each field whose values differ, which value wins."""

    keep = forms.ChoiceField(label="Record that stays", widget=forms.RadioSelect)

    def __init__(self, *args, low: Candidate, high: Candidate, **kwargs):
        super().__init__(*args, **kwargs)
        self.low, self.high = low, high
        self.fields["keep"].choices = [(LOW, f"#{low.pk}"), (HIGH, f"#{high.pk}")]
        self.fields["keep"].initial = LOW
        initial = default_choices(low, high)
        self.differing = [name for name in CHOICE_FIELDS if _shown(low, name) != _shown(high, name)]
        for name in self.differing:
            self.fields[name] = forms.ChoiceField(
                label=Candidate._meta.get_field(name).verbose_name,
                choices=[(LOW, _shown(low, name)), (HIGH, _shown(high, name))],
                initial=LOW if initial[name] == SURVIVOR else HIGH,
                widget=forms.RadioSelect,
            )

    def rows(self) -> list:
        return [self[name] for name in self.differing]

    def merge_arguments(self) -> dict:
        keep = self.cleaned_data["keep"]
        survivor, merged = (self.low, self.high) if keep == LOW else (self.high, self.low)
        choices = {name: SURVIVOR if self.cleaned_data[name] == keep else MERGED for name in self.differing}
        return {"survivor_id": survivor.pk, "merged_id": merged.pk, "choices": choices}


@admin.register(DuplicatePair)
class DuplicatePairAdmin(admin.ModelAdmin):
    list_display = ["pair", "reasons_shown", "score", "status", "merge_link"]
    list_filter = ["status"]
    list_select_related = ["low", "high"]
    ordering = ["-score", "-id"]
    actions = ["dismiss", "reopen"]

    # Pairs are listed to whoever is cleared to see both candidates (talent.duplicates.selectors);
    # judging and merging are checked by the services.

    def get_queryset(self, request: HttpRequest) -> QuerySet[DuplicatePair]:
        return pairs_visible_to(request.user).select_related("low", "high")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _may_use(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return _may_use(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict:
        # Django offers actions only to those with a model permission; ours are the services' to refuse.
        return {name: self.get_action(name) for name in self.actions} if _may_use(request) else {}

    @admin.display(description="candidates")
    def pair(self, pair: DuplicatePair) -> str:
        return f"#{pair.low_id} {pair.low.display_name} ≈ #{pair.high_id} {pair.high.display_name}"

    @admin.display(description="reasons")
    def reasons_shown(self, pair: DuplicatePair) -> str:
        return ", ".join(pair.reasons) or "—"

    @admin.display(description="")
    def merge_link(self, pair: DuplicatePair) -> str:
        return format_html(
            '<a href="{}">Compare and merge</a>', reverse("admin:talent_duplicatepair_merge", args=[pair.pk])
        )

    @admin.action(description="Dismiss: not the same person")
    def dismiss(self, request: HttpRequest, queryset: QuerySet[DuplicatePair]) -> None:
        self._judge(
            request, queryset, lambda pair: duplicate_pair_dismiss(actor=request.user, pair=pair, now=timezone.now())
        )

    @admin.action(description="Reopen")
    def reopen(self, request: HttpRequest, queryset: QuerySet[DuplicatePair]) -> None:
        self._judge(request, queryset, lambda pair: duplicate_pair_reopen(actor=request.user, pair=pair))

    def _judge(self, request: HttpRequest, queryset: QuerySet[DuplicatePair], judge) -> None:
        done = 0
        for pair in queryset:
            try:
                judge(pair)
                done += 1
            except PermissionDenied as refusal:
                self.message_user(request, f"{pair}: {refusal}", messages.ERROR)
        self.message_user(request, f"{done} pair(s) updated.")

    def get_urls(self) -> list:
        merge = self.admin_site.admin_view(self.merge_view)
        return [path("<int:pair_id>/merge/", merge, name="talent_duplicatepair_merge"), *super().get_urls()]

    def merge_view(self, request: HttpRequest, pair_id: int) -> HttpResponse:
        if not _may_use(request):
            raise PermissionDenied
        pair = self.get_queryset(request).filter(pk=pair_id).first()
        if pair is None:
            raise Http404("No such pair.")
        form = MergeForm(request.POST or None, low=pair.low, high=pair.high)
        if request.method == "POST" and form.is_valid():
            try:
                tombstone = candidate_merge(actor=request.user, now=timezone.now(), **form.merge_arguments())
            except Candidate.DoesNotExist:
                raise Http404("No such candidate.") from None
            except (PermissionDenied, ValidationError) as error:
                form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
            else:
                self.message_user(request, f"Merged #{tombstone.merged_id} into #{tombstone.survivor_id}.")
                return HttpResponseRedirect(reverse("admin:talent_candidate_change", args=[tombstone.survivor_id]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge #{pair.low_id} and #{pair.high_id}",
            "opts": self.model._meta,
            "pair": pair,
            "form": form,
        }
        return TemplateResponse(request, "admin/talent/duplicatepair/merge.html", context)


@admin.register(CandidateMerge)
class CandidateMergeAdmin(admin.ModelAdmin):
    """Tombstones: what each merge chose and kept, read-only."""

    list_display = ["merged_id", "survivor", "merged_by", "merged_at"]
    list_select_related = ["survivor", "merged_by"]
    readonly_fields = [
        "merged_id",
        "survivor",
        "merged_was_confidential",
        "merged_by",
        "merged_at",
        "field_choices",
        "aliases_added",
        "merged_values",
        "replaced_values",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[CandidateMerge]:
        return super().get_queryset(request).filter(survivor__in=candidates_cleared_for(request.user))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _may_use(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return _may_use(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
