"""Clients and mandates in the admin: a mandate page with its pipeline, stage counts, conflicts and funnel.

As in the API, every write calls crm.mandates.services: the forms run the
services' checks (so a refused move is a form error), then save_model and
save_formset call the services.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from crm.mandates import funnel, services
from crm.mandates.access import MandateReader, mandates_visible_to, names_client_for, with_stage_counts
from crm.mandates.conflicts import conflicts_for, verdict_of
from crm.models import Client, ClientContact, Mandate, PipelineRow, Stage
from talent.access import candidates_cleared_for, public_name
from talent.models import Candidate

VERDICT_COLOURS = {"blocked": "#ba2121", "warning": "#b26a00", "overridden": "#666", "clear": "#2e7d32"}


class ClientContactInline(admin.TabularInline):
    model = ClientContact
    extra = 0


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = ["company", "fee_kind", "fee_percent", "fee_fixed", "fee_currency", "guarantee_days", "off_limits"]
    list_filter = ["off_limits", "fee_kind"]
    search_fields = ["company__name", "company__aliases__name"]
    autocomplete_fields = ["company"]
    inlines = [ClientContactInline]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Client, form, change: bool) -> None:
        fields = {name: form.cleaned_data[name] for name in services.CLIENT_FIELDS if name in form.cleaned_data}
        if change:
            services.client_update(actor=request.user, client=obj, **fields)
        else:
            obj.pk = services.client_create(actor=request.user, company=form.cleaned_data["company"], **fields).pk
            obj.refresh_from_db()


class PipelineRowForm(forms.ModelForm):
    move_to = forms.ChoiceField(choices=[("", "—"), *Stage.choices], required=False)
    move_reason = forms.CharField(required=False, widget=forms.TextInput(attrs={"size": 20}))
    override_reason = forms.CharField(required=False, widget=forms.TextInput(attrs={"size": 20}))
    actor = None

    class Meta:
        model = PipelineRow
        fields: list[str] = []

    def clean(self) -> dict:
        data = super().clean()
        if data.get("move_to"):
            try:
                services.pipeline_move_check(
                    actor=self.actor,
                    row=self.instance,
                    to_stage=data["move_to"],
                    reason=data.get("move_reason", ""),
                    override_reason=data.get("override_reason", ""),
                )
            except PermissionDenied as error:
                raise ValidationError(str(error)) from None
            except ValidationError as error:
                raise ValidationError({"move_to": error.messages}) from None
        return data


class PipelineRowInline(admin.TabularInline):
    model = PipelineRow
    form = PipelineRowForm
    extra = 0
    can_delete = False
    fields = [
        "candidate_label",
        "stage",
        "stage_changed_at",
        "verdict",
        "override",
        "move_to",
        "move_reason",
        "override_reason",
    ]
    readonly_fields = ["candidate_label", "stage", "stage_changed_at", "verdict", "override"]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def get_queryset(self, request: HttpRequest) -> QuerySet[PipelineRow]:
        return super().get_queryset(request).select_related("candidate", "overridden_by")

    def get_formset(self, request: HttpRequest, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type("PipelineRowFormFor", (formset.form,), {"actor": request.user})
        self._user = request.user
        return formset

    @admin.display(description="candidate")
    def candidate_label(self, row: PipelineRow) -> str:
        return public_name(self._user, row.candidate)

    @admin.display(description="conflicts")
    def verdict(self, row: PipelineRow) -> str:
        found = _conflicts_of_mandate(row.mandate, self._user).get(row.pk, [])
        verdict = verdict_of(found)
        items = format_html_join(
            "",
            '<li style="color:{}">{}{} {}</li>',
            (
                (
                    VERDICT_COLOURS[
                        "overridden" if c.overridden else ("blocked" if c.severity == "block" else "warning")
                    ],
                    "(overridden) " if c.overridden else "",
                    c.reason,
                    f"— until {c.until.isoformat()} ({c.days_left} days left)" if c.until else "",
                )
                for c in found
            ),
        )
        return format_html(
            '<strong style="color:{}" class="verdict-{}">{}</strong><ul>{}</ul>',
            VERDICT_COLOURS[verdict],
            verdict,
            verdict,
            items,
        )

    @admin.display(description="override")
    def override(self, row: PipelineRow) -> str:
        if row.overridden_at is None:
            return "—"
        by = row.overridden_by.get_username() if row.overridden_by else "?"
        return f"{row.override_reason} ({by}, {timezone.localtime(row.overridden_at):%Y-%m-%d %H:%M})"


def _conflicts_of_mandate(mandate: Mandate, user) -> dict:
    """Conflicts of every row of the mandate, computed once per page (the inline's rows share the mandate)."""
    cached = getattr(mandate, "_conflicts_cache", None)
    if cached is None:
        rows = list(mandate.pipeline.select_related("candidate"))
        for row in rows:
            row.mandate = mandate
        cached = conflicts_for(rows, today=timezone.localdate(), names_client=names_client_for(user))
        mandate._conflicts_cache = cached
    return cached


class MandateForm(forms.ModelForm):
    add_candidate = forms.ModelChoiceField(queryset=Candidate.objects.none(), required=False)
    add_override_reason = forms.CharField(
        required=False, help_text="Needed to add a candidate with a blocking conflict."
    )
    actor = None

    class Meta:
        model = Mandate
        fields = "__all__"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["add_candidate"].queryset = candidates_cleared_for(self.actor)

    def clean(self) -> dict:
        data = super().clean()
        candidate = data.get("add_candidate")
        if candidate is not None and self.instance.pk:
            try:
                services.pipeline_add_check(
                    actor=self.actor,
                    mandate=self.instance,
                    candidate=candidate,
                    override_reason=data.get("add_override_reason", ""),
                )
            except PermissionDenied as error:
                raise ValidationError(str(error)) from None
            except ValidationError as error:
                raise ValidationError({"add_candidate": error.messages}) from None
        return data


@admin.register(Mandate)
class MandateAdmin(admin.ModelAdmin):
    form = MandateForm
    list_display = ["title", "client_name", "status", "owner", "opened_on", "closed_on", "is_confidential"]
    list_filter = ["status", "is_confidential"]
    search_fields = ["title"]
    inlines = [PipelineRowInline]
    readonly_fields = ["client_name", "stage_counts", "funnel_chart"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff and (obj is None or obj.may_run)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Mandate]:
        return with_stage_counts(mandates_visible_to(MandateReader(user=request.user)))

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type("MandateFormFor", (form,), {"actor": request.user})

    def get_fieldsets(self, request: HttpRequest, obj=None):
        # A confidential search's client is shown (as "(confidential)") only by the viewer-aware column.
        client = "client" if obj is None or obj.client_named else "client_name"
        main = [client, "title", "band_min", "band_max", "location", "budget", "budget_currency", "status"]
        main += ["owner", "team", "opened_on", "closed_on", "is_confidential"]
        fieldsets = [(None, {"fields": main})]
        if obj is not None:
            pipeline = ["stage_counts", "funnel_chart", "add_candidate", "add_override_reason"]
            fieldsets.append(("Pipeline", {"fields": pipeline}))
        return fieldsets

    @admin.display(description="client")
    def client_name(self, mandate: Mandate) -> str:
        return mandate.client.company.name if mandate.client_named else "(confidential)"

    @admin.display(description="stage counts")
    def stage_counts(self, mandate: Mandate) -> str:
        return format_html_join(
            " · ",
            "{}: <strong>{}</strong>",
            ((label, getattr(mandate, f"count_{stage}", 0)) for stage, label in Stage.choices),
        )

    @admin.display(description="funnel")
    def funnel_chart(self, mandate: Mandate) -> str:
        return funnel_svg(funnel.mandate_funnel(mandate_id=mandate.pk))

    def save_model(self, request: HttpRequest, obj: Mandate, form, change: bool) -> None:
        fields = {name: form.cleaned_data[name] for name in services.MANDATE_FIELDS if name in form.cleaned_data}
        if change:
            services.mandate_update(actor=request.user, mandate=obj, **fields)
        else:
            obj.pk = services.mandate_create(actor=request.user, client=form.cleaned_data["client"], **fields).pk
            obj.refresh_from_db()
        candidate = form.cleaned_data.get("add_candidate")
        if change and candidate is not None:
            services.pipeline_add(
                actor=request.user,
                mandate=obj,
                candidate=candidate,
                override_reason=form.cleaned_data.get("add_override_reason", ""),
            )

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is not PipelineRow:
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row_form in formset.forms:
            data = getattr(row_form, "cleaned_data", {})
            if data.get("move_to"):
                services.pipeline_move(
                    actor=request.user,
                    row=row_form.instance,
                    to_stage=data["move_to"],
                    reason=data.get("move_reason", ""),
                    override_reason=data.get("override_reason", ""),
                )


def funnel_svg(figures: funnel.Funnel) -> str:
    """A horizontal bar chart drawn as inline SVG (no script, no CDN)."""
    width, bar_height, label_width = 360, 18, 130
    top = max([stage.reached for stage in figures.stages] + [1])
    bars = []
    for index, stage in enumerate(figures.stages):
        y = index * (bar_height + 4)
        length = int((width - label_width - 40) * stage.reached / top)
        colour = "#79aec8" if stage.stage in funnel.PATH else "#ccc"
        bars.append(
            format_html(
                '<text x="0" y="{}" font-size="12">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="12">{}</text>',
                y + 13,
                Stage(stage.stage).label,
                label_width,
                y,
                length,
                bar_height,
                colour,
                label_width + length + 4,
                y + 13,
                stage.reached,
            )
        )
    height = len(figures.stages) * (bar_height + 4)
    fill = "" if figures.median_days_to_fill is None else f" · time to fill {figures.median_days_to_fill:g} days"
    return format_html(
        '<svg class="funnel-chart" width="{}" height="{}" role="img" aria-label="Funnel">{}</svg><p>{}{}</p>',
        width,
        height,
        format_html_join("", "{}", ((bar,) for bar in bars)),
        f"{figures.filled} of {figures.mandates} filled",
        fill,
    )
