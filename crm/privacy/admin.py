"""Privacy in the admin: the candidate changelist's access, erasure and retention actions, and the records.

Everything goes through crm.privacy's services, as the API and the commands do.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from crm.privacy.access import personal_data_export
from crm.privacy.erasure import CandidateNotFound, erase_candidate
from crm.privacy.models import (
    AnonymisedPlacement,
    ErasureReason,
    ErasureRecord,
    PersonalDataExport,
    PrivacyVia,
    RetentionDecision,
    RetentionReview,
)
from crm.privacy.retention import retention_decide, retention_due_for_review
from talent.access import candidate_rights
from talent.models import Candidate


@admin.action(description="Download personal data (access request, one candidate)")
def download_personal_data(modeladmin, request: HttpRequest, queryset: QuerySet[Candidate]) -> HttpResponse | None:
    ids = list(queryset.values_list("pk", flat=True)[:2])
    if len(ids) != 1:
        modeladmin.message_user(request, "Select exactly one candidate to export.", messages.ERROR)
        return None
    try:
        document = personal_data_export(actor=request.user, candidate_id=ids[0], now=timezone.now(), via="admin")
    except PermissionDenied as refusal:
        modeladmin.message_user(request, str(refusal), messages.ERROR)
        return None
    response = HttpResponse(document, content_type="application/json")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"personal-data-{ids[0]}.json"
    )
    return response


@admin.action(description="Erase (right to erasure, one candidate)…")
def erase_selected(modeladmin, request: HttpRequest, queryset: QuerySet[Candidate]) -> HttpResponse | None:
    ids = list(queryset.values_list("pk", flat=True)[:2])
    if len(ids) != 1:
        modeladmin.message_user(request, "Select exactly one candidate to erase.", messages.ERROR)
        return None
    return HttpResponseRedirect(reverse("admin:crm_erasurerecord_erase", args=[ids[0]]))


def _decide(modeladmin, request: HttpRequest, queryset: QuerySet[Candidate], decision: str) -> None:
    now = timezone.now()
    decided = 0
    for candidate in queryset:
        if not candidate_rights(request.user, candidate).may_manage:
            continue
        retention_decide(reviewer=request.user, candidate_id=candidate.pk, decision=decision, now=now)
        decided += 1
    modeladmin.message_user(request, f"Recorded “{decision}” for {decided} candidate(s) you answer for.")


@admin.action(description="Retention review: keep")
def retention_keep(modeladmin, request: HttpRequest, queryset: QuerySet[Candidate]) -> None:
    _decide(modeladmin, request, queryset, RetentionDecision.KEEP)


@admin.action(description="Retention review: anonymise (run retention_anonymise to apply)")
def retention_mark_anonymise(modeladmin, request: HttpRequest, queryset: QuerySet[Candidate]) -> None:
    _decide(modeladmin, request, queryset, RetentionDecision.ANONYMISE)


PRIVACY_ACTIONS = [download_personal_data, erase_selected, retention_keep, retention_mark_anonymise]


class RetentionDueFilter(admin.SimpleListFilter):
    title = "retention"
    parameter_name = "retention"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [("due", "Due for review (inactive)")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
        if self.value() != "due":
            return queryset
        return queryset.filter(pk__in=retention_due_for_review(now=timezone.now()).values("pk"))


class ErasureForm(forms.Form):
    reason = forms.ChoiceField(choices=ErasureReason.choices)
    confirm = forms.BooleanField(label="I understand that this cannot be undone.")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(ErasureRecord)
class ErasureRecordAdmin(ReadOnlyAdmin):
    list_display = ["erased_at", "candidate_id", "reason", "via", "username", "suppressed"]
    list_filter = ["reason", "via", "suppressed"]
    readonly_fields = [f.name for f in ErasureRecord._meta.fields]

    def get_urls(self) -> list:
        erase = self.admin_site.admin_view(self.erase_view)
        return [path("erase/<int:candidate_id>/", erase, name="crm_erasurerecord_erase"), *super().get_urls()]

    def erase_view(self, request: HttpRequest, candidate_id: int) -> HttpResponse:
        candidate = Candidate.objects.filter(pk=candidate_id).first()
        if candidate is None or not candidate_rights(request.user, candidate).may_manage:
            raise PermissionDenied
        form = ErasureForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                record = erase_candidate(
                    actor=request.user,
                    candidate_id=candidate_id,
                    reason=form.cleaned_data["reason"],
                    now=timezone.now(),
                    via=PrivacyVia.ADMIN,
                )
            except CandidateNotFound:
                raise PermissionDenied from None
            self.message_user(request, f"Candidate #{candidate_id} was erased.")
            return HttpResponseRedirect(reverse("admin:crm_erasurerecord_change", args=[record.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Erase a candidate",
            "candidate": candidate,
            "form": form,
            "opts": self.model._meta,
        }
        return render(request, "admin/crm/erase_confirm.html", context)


@admin.register(AnonymisedPlacement)
class AnonymisedPlacementAdmin(ReadOnlyAdmin):
    list_display = ["placed_on", "mandate_title", "client", "fee", "fee_currency"]
    readonly_fields = [f.name for f in AnonymisedPlacement._meta.fields]


@admin.register(PersonalDataExport)
class PersonalDataExportAdmin(ReadOnlyAdmin):
    list_display = ["exported_at", "candidate_id", "username", "via"]
    list_filter = ["via"]
    readonly_fields = [f.name for f in PersonalDataExport._meta.fields]


@admin.register(RetentionReview)
class RetentionReviewAdmin(ReadOnlyAdmin):
    list_display = ["decided_at", "candidate_id", "decision", "reviewer"]
    list_filter = ["decision"]
    readonly_fields = [f.name for f in RetentionReview._meta.fields]
