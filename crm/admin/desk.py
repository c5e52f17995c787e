"""The candidate page of the recruiting desk: talent's candidate admin plus the outreach notes.

talent does not know about outreach (apps depend one way), so crm extends its
candidate admin and registers the extended one in its place.
"""

from django.contrib import admin
from django.http import HttpRequest

from crm.admin.outreach import OutreachNoteInline, save_notes
from crm.models import OutreachNote
from talent.admin.candidates import CandidateAdmin
from talent.models import Candidate

admin.site.unregister(Candidate)


@admin.register(Candidate)
class CandidateDeskAdmin(CandidateAdmin):
    inlines = [*CandidateAdmin.inlines, OutreachNoteInline]

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is OutreachNote:
            save_notes(request, candidate=form.instance, formset=formset)
        else:
            super().save_formset(request, form, formset, change)
