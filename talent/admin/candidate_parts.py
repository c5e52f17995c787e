"""The parts of the candidate page: non-compete facts, and the inlines with their forms."""

from collections.abc import Hashable

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from talent import access, contacts, services
from talent.admin.base import (
    UniqueInFormsetMixin,
    local_today,
)
from talent.models import (
    Candidate,
    CandidateAlias,
    ContactChannel,
    Education,
    Employment,
    NonCompete,
)
from talent.noncompetes import WindowFacts, window_facts

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
    # The user at the desk, who may not learn who holds a contact they are not
    # cleared for; ContactChannelInline.get_formset sets it for each request.
    actor = None

    class Meta:
        model = ContactChannel
        fields = ["kind", "value", "label", "is_primary"]

    def clean(self) -> dict:
        # ContactChannel.clean() normalises the instance; the formset compares
        # cleaned_data, so it must hold the normalised value too.
        cleaned_data = super().clean()
        kind, value = cleaned_data.get("kind"), cleaned_data.get("value")
        if not (kind and value):
            return cleaned_data
        try:
            cleaned_data["value"] = contacts.normalize_contact(kind, value)
        except ValidationError as error:
            self.add_error("value", error)
            return cleaned_data
        normalized = cleaned_data["value"]
        holder = self._holder(kind, normalized)
        if holder is not None:
            # An error on `value` also keeps Django's unique check, which would
            # say the same in generic words, from running.
            message = services.contact_taken_message(actor=self.actor, kind=kind, value=normalized, holder=holder)
            self.add_error("value", message)
            link = holder_link(self.actor, holder)
            if link:
                self.add_error("value", link)
        return cleaned_data

    def _holder(self, kind: str, value: str) -> Candidate | None:
        """Another candidate who has this contact already."""
        taken = ContactChannel.objects.filter(kind=kind, value=value).select_related("candidate")
        if self.instance.candidate_id is not None:
            # The candidate's own contacts are replaced as a whole when saving.
            taken = taken.exclude(candidate_id=self.instance.candidate_id)
        contact = taken.first()
        return contact.candidate if contact is not None else None


def holder_link(actor, holder: Candidate) -> str:
    """A link to the page of the candidate who holds a contact, for those who may open it.

    Only when the refusal names the holder (contact_taken_message and this ask
    talent.access the same question), so the link never gives away a
    confidential candidate.
    """
    if not access.candidate_rights(actor, holder).identity_cleared or not actor.has_perm("talent.view_candidate"):
        return ""
    url = reverse("admin:talent_candidate_change", args=[holder.pk])
    return format_html('<a href="{}">Open the page of {}</a>', url, holder.display_name)


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

    def get_formset(self, request: HttpRequest, obj: Candidate | None = None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # inlineformset_factory builds new classes on every call: this one is this request's.
        formset.form.actor = request.user
        return formset


class EducationInline(admin.TabularInline):
    model = Education
    fields = ["institution", "degree", "field", "start_year", "end_year"]
    extra = 0


class EmploymentInline(admin.TabularInline):
    model = Employment
    verbose_name = "stint"
    verbose_name_plural = "career"
    fields = ["company", "title", "level", "start_date", "end_date", "departure_reason", "departure_notes"]
    autocomplete_fields = ["company", "level"]
    extra = 0

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("company", "level"):
            # Four icons beside each autocomplete left the level a sliver of its column; companies and
            # ladders are added and changed on their own pages.
            widget = formfield.widget
            widget.can_add_related = widget.can_change_related = False
            widget.can_delete_related = widget.can_view_related = False
        return formfield


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


class NonCompeteInlineForm(NonCompeteForm):
    """A window on the candidate page: its stint is a saved one, or one added to the career table in the same post."""

    new_stint_start = forms.DateField(
        required=False,
        label="or the new stint starting",
        widget=AdminDateWidget,
        help_text=(
            "For a stint added to the career table above and not saved yet: its start date "
            "(and the employer, if several new stints start that day)."
        ),
    )
    # The career row `new_stint_start` names; set by NonCompeteFormSet.clean.
    new_stint_form = None


class NonCompeteFormSet(forms.BaseInlineFormSet):
    """Resolves each window's reference to a stint of the same post, against the career formset.

    CandidateAdmin links `career_formset` before the formsets are validated.
    """

    career_formset: forms.BaseInlineFormSet | None = None

    def clean(self) -> None:
        super().clean()
        career = self._career_rows()
        for form in self.forms:
            cleaned_data = getattr(form, "cleaned_data", None)
            if not cleaned_data or cleaned_data.get("DELETE"):
                continue
            picked, start = cleaned_data.get("employment"), cleaned_data.get("new_stint_start")
            if picked is not None and picked.pk in career["deleted"]:
                form.add_error("employment", "This stint is deleted in this form: pick another, or keep it.")
            if start is None:
                continue
            if picked is not None:
                form.add_error("new_stint_start", "Pick a saved stint or give the start of a new one, not both.")
                continue
            matches = [row for row in career["new"] if row.cleaned_data.get("start_date") == start]
            if len(matches) > 1:
                employer = cleaned_data.get("employer")
                matches = [row for row in matches if row.cleaned_data.get("company") == employer]
            if len(matches) == 1:
                form.new_stint_form = matches[0]
            elif matches:
                form.add_error("new_stint_start", f"Several new stints start on {start.isoformat()}: save them first.")
            else:
                form.add_error("new_stint_start", f"No new stint in the career table starts on {start.isoformat()}.")

    def _career_rows(self) -> dict:
        """The new rows of the career table, and the ids of the saved stints ticked for deletion."""
        rows = {"new": [], "deleted": set()}
        if self.career_formset is None:
            return rows
        self.career_formset.is_valid()  # cleans its rows, if not done yet
        for form in self.career_formset.forms:
            cleaned_data = getattr(form, "cleaned_data", {})
            if form.instance.pk is not None:
                if cleaned_data.get("DELETE"):
                    rows["deleted"].add(form.instance.pk)
            elif form.has_changed() and not cleaned_data.get("DELETE"):
                rows["new"].append(form)
        return rows


class NonCompeteInline(NonCompeteFactsMixin, admin.StackedInline):
    model = NonCompete
    form = NonCompeteInlineForm
    formset = NonCompeteFormSet
    extra = 0
    autocomplete_fields = ["employer", "restricted_companies"]
    readonly_fields = NONCOMPETE_FACTS
    fields = [
        ("employer", "jurisdiction"),
        ("employment", "new_stint_start"),
        ("starts_on", "contractual_end"),
        ("status", "ended_on"),
        ("restricted_companies", "restricted_sectors", "region"),
        ("monthly_compensation", "compensation_currency"),
        ("last_monthly_pay", "last_monthly_pay_currency"),
        ("compensation_paid", "unpaid_since"),
        "notes",
        tuple(NONCOMPETE_FACTS),
    ]

    def get_formset(self, request: HttpRequest, obj: Candidate | None = None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # inlineformset_factory builds new classes on every call: this field is this request's.
        stint = formset.form.base_fields["employment"]
        stint.label = "Stint"
        stints = Employment.objects.filter(candidate=obj) if obj is not None and obj.pk else Employment.objects.none()
        stint.queryset = stints.select_related("company")
        # Every row offers the same few stints: read them once, not once per row.
        stint.choices = [("", "---------"), *((row.pk, str(row)) for row in stint.queryset)]
        stint.error_messages["invalid_choice"] = "This stint belongs to another candidate."
        # A stint is added in the career table of this page, not in a pop-up.
        stint.widget.can_add_related = stint.widget.can_change_related = stint.widget.can_delete_related = False
        return formset
