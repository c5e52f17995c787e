"""Exports in the admin: the read-only record of every export, and the candidate changelist's export actions."""

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from crm.exports.datasets import candidate_rows, candidates_dataset
from crm.exports.services import export_response
from crm.models import ExportRecord
from talent.models import Candidate
from talent.serializers import CandidateSerializer


@admin.register(ExportRecord)
class ExportRecordAdmin(admin.ModelAdmin):
    list_display = ["started_at", "username", "kind", "file_format", "via", "row_count", "finished_at", "query"]
    list_filter = ["kind", "file_format", "via"]
    search_fields = ["username", "query"]
    date_hierarchy = "started_at"
    ordering = ["-started_at", "-id"]
    readonly_fields = [field.name for field in ExportRecord._meta.fields]

    # Exports write their own records; the admin only shows them, a user's own unless they are an admin.
    def get_queryset(self, request: HttpRequest) -> QuerySet[ExportRecord]:
        records = super().get_queryset(request)
        return records if request.user.is_superuser else records.filter(user=request.user.pk)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ExportRecord | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ExportRecord | None = None) -> bool:
        return False


def _export_candidates(request: HttpRequest, queryset: QuerySet[Candidate], file_format: str) -> HttpResponseBase:
    """The selected candidates (or, with "select all", the filtered changelist) through the API's export."""
    rows = candidate_rows(request.user).filter(pk__in=queryset.values("pk")).order_by("-updated_at", "-id")
    dataset = candidates_dataset(
        rows=rows, render=lambda chunk: CandidateSerializer(chunk, many=True, context={"request": request}).data
    )
    query = request.GET.urlencode()
    if request.POST.get("select_across") != "1":
        selected = ",".join(request.POST.getlist(ACTION_CHECKBOX_NAME))
        query = f"{query}&selected={selected}" if query else f"selected={selected}"
    return export_response(
        dataset=dataset,
        file_format=file_format,
        user=request.user,
        via=ExportRecord.Via.ADMIN,
        query=query,
    )


@admin.action(description="Export selected candidates to CSV")
def export_candidates_csv(modeladmin, request: HttpRequest, queryset: QuerySet[Candidate]) -> HttpResponseBase:
    return _export_candidates(request, queryset, ExportRecord.Format.CSV)


@admin.action(description="Export selected candidates to Excel (XLSX)")
def export_candidates_xlsx(modeladmin, request: HttpRequest, queryset: QuerySet[Candidate]) -> HttpResponseBase:
    return _export_candidates(request, queryset, ExportRecord.Format.XLSX)
