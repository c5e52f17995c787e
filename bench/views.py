"""The floor: the least a Django view on this stack can do per request, one primary-key query."""

from django.http import HttpRequest, JsonResponse

from talent.models import Candidate


def floor(request: HttpRequest, pk: int) -> JsonResponse:
    row = Candidate.objects.filter(pk=pk).values_list("id", "updated_at").first()
    return JsonResponse({"id": row[0] if row else None})
