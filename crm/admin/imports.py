"""Imports in the admin: saved sources, an upload form with a dry run, the job page with its rows, the run
button, progress and the error file. Every step calls crm.imports, as the API does."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from crm.imports import error_csv_lines, import_counts, import_job_create, import_job_queue, import_job_work
from crm.imports.rows import TARGETS
from crm.models import ImportJob, ImportSource
from crm.models.imports import ImportState

ROWS_SHOWN = 500


@admin.register(ImportSource)
class ImportSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "candidate_source", "lawful_basis", "create_unknown_companies", "on_name_match", "owner"]
    search_fields = ["name"]
    autocomplete_fields = ["owner"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "mapping":
            field.help_text = f"Column header → target field. Targets: {', '.join(TARGETS)}."
        return field

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff


class UploadForm(forms.Form):
    file = forms.FileField(help_text="A .csv (UTF-8 or GB18030) or .xlsx file; the first line names the columns.")
    source = forms.ModelChoiceField(queryset=ImportSource.objects.all())
    dry_run = forms.BooleanField(required=False, initial=True, help_text="Plan only; run it from the job page.")


def _enqueue(job_id: int) -> None:
    from crm.tasks import import_job_task

    transaction.on_commit(lambda: import_job_task.delay(job_id))


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["id", "file_name", "source", "state", "rows_planned", "rows_done", "rows_total", "created_at"]
    list_filter = ["state"]
    ordering = ["-created_at", "-id"]
    readonly_fields = [field.name for field in ImportJob._meta.fields]
    change_form_template = "admin/crm/importjob/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[ImportJob]:
        jobs = super().get_queryset(request)
        return jobs if request.user.is_superuser else jobs.filter(uploaded_by=request.user.pk)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upload/", view(self.upload_view), name="crm_importjob_upload"),
            path("<int:pk>/run/", view(self.run_view), name="crm_importjob_run"),
            path("<int:pk>/errors.csv", view(self.errors_view), name="crm_importjob_errors"),
            *super().get_urls(),
        ]

    def _job(self, request: HttpRequest, pk: int) -> ImportJob:
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                with transaction.atomic():
                    job = import_job_create(
                        actor=request.user,
                        file_name=upload.name,
                        data=upload.read(),
                        source=form.cleaned_data["source"],
                        dry_run=form.cleaned_data["dry_run"],
                        now=timezone.now(),
                    )
                    if job.state == ImportState.PLANNING and job.rows_total <= job.batch_size:
                        import_job_work(job_id=job.pk, clock=timezone.now)
                    else:
                        _enqueue(job.pk)
            except (ValidationError, PermissionDenied) as error:
                for message in getattr(error, "messages", [str(error)]):
                    form.add_error(None, message)
            else:
                return HttpResponseRedirect(reverse("admin:crm_importjob_change", args=[job.pk]))
        context = {**self.admin_site.each_context(request), "title": "Import candidates", "form": form}
        return TemplateResponse(request, "admin/crm/importjob/upload.html", context)

    def run_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:crm_importjob_change", args=[pk]))
        job = self._job(request, pk)
        try:
            with transaction.atomic():
                import_job_queue(actor=request.user, job=job, now=timezone.now())
                _enqueue(job.pk)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, "The import is queued; this page follows its progress.")
        return HttpResponseRedirect(reverse("admin:crm_importjob_change", args=[pk]))

    def errors_view(self, request: HttpRequest, pk: int) -> StreamingHttpResponse:
        job = self._job(request, pk)
        response = StreamingHttpResponse(error_csv_lines(job), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
        return response

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        job = self._job(request, int(object_id)) if object_id.isdigit() else None
        if job is not None:
            extra_context = {
                **(extra_context or {}),
                "job": job,
                "counts": import_counts(job),
                "rows": job.rows.order_by("number")[:ROWS_SHOWN],
                "rows_shown": ROWS_SHOWN,
                "working": job.state in (ImportState.PLANNING, ImportState.QUEUED, ImportState.RUNNING),
                "may_run": job.state in (ImportState.PREVIEWED, ImportState.FAILED),
            }
        return super().change_view(request, object_id, form_url, extra_context)
