"""The candidate page of the recruiting desk: talent's candidate admin plus the outreach notes.

talent does not know about outreach (apps depend one way), so crm extends its
candidate admin and registers the extended one in its place.
"""

from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.db.models.expressions import Combinable
from django.db.models.functions import Greatest
from django.http import HttpRequest

from crm.admin.exports import export_candidates_csv, export_candidates_xlsx
from crm.admin.outreach import OutreachNoteInline, save_notes
from crm.models import OutreachNote
from crm.privacy.admin import PRIVACY_ACTIONS, RetentionDueFilter
from talent.admin.candidates import CandidateAdmin
from talent.models import Candidate

admin.site.unregister(Candidate)


@admin.register(Candidate)
class CandidateDeskAdmin(CandidateAdmin):
    inlines = [*CandidateAdmin.inlines, OutreachNoteInline]
    actions = [export_candidates_csv, export_candidates_xlsx, *PRIVACY_ACTIONS]
    list_filter = [*CandidateAdmin.list_filter, RetentionDueFilter]

    def latest_activity(self) -> Combinable:
        # A note does not change the candidate (its `updated_at` tells API
        # clients what changed), but it is what the desk calls activity.
        latest_note = OutreachNote.objects.filter(candidate=OuterRef("pk")).order_by("-happened_at")
        return Greatest(super().latest_activity(), Subquery(latest_note.values("happened_at")[:1]))

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is OutreachNote:
            save_notes(request, candidate=form.instance, formset=formset)
        else:
            super().save_formset(request, form, formset, change)
