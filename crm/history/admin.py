"""The candidate's "History" page in the admin, drawn here (crm) because it gathers notes and pipeline rows.

talent's CandidateAdmin.history_view calls the view registered with
talent.history.register_history_page (crm.apps registers this one), so talent
never imports crm. The page lists what the API's history endpoint lists, for
the same user, with the same rules (crm.history.selectors).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from crm.history.selectors import history_entry, history_of_candidate

PER_PAGE = 100


def candidate_history_page(model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    # The admin's queryset holds only candidates whose identity the user is cleared for (talent.access):
    # any other id gets the admin's "does not exist" answer, as on the change page.
    candidate = model_admin.get_object(request, unquote(object_id))
    if candidate is None:
        return model_admin._get_obj_does_not_exist_redirect(request, model_admin.opts, object_id)
    if not model_admin.has_view_or_change_permission(request, candidate):
        raise PermissionDenied
    events = history_of_candidate(user=request.user, candidate_id=candidate.pk)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("p"))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"History: {candidate}",
        "subtitle": None,
        "object": candidate,
        "opts": model_admin.opts,
        "app_label": model_admin.opts.app_label,
        "entries": [history_entry(event) for event in page],
        "page": page,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/crm/candidate_history.html", context)
