"""The data subject's rights over the API: a person's data as a file, and their erasure."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import RecruiterScope
from crm.privacy.access import personal_data_export
from crm.privacy.erasure import CandidateNotFound, erase_candidate
from crm.privacy.models import PrivacyVia
from crm.privacy.serializers import ErasureRecordSerializer, ErasureRequestSerializer

CUSTODIANS = "The candidate's owner, the lead of its team and admins; others get 403, an unknown id 404."


class PersonalDataView(APIView):
    permission_classes = [IsAuthenticated, RecruiterScope]

    @extend_schema(
        operation_id="candidates_personal_data_retrieve",
        summary="Everything held about a person (access and portability)",
        description=f"{CUSTODIANS} A JSON file (GDPR arts. 15 and 20, PIPL art. 45): profile, aliases, contacts, "
        "education, career, non-competes, notes, pipeline rows and history, schema `talentbase.personal-data` "
        "version 1. Each download is recorded.",
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="The document, as an attachment.")},
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        try:
            document = personal_data_export(actor=request.user, candidate_id=pk, now=timezone.now(), via=PrivacyVia.API)
        except CandidateNotFound:
            raise NotFound("No such candidate.") from None
        response = HttpResponse(document, content_type="application/json")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"personal-data-{pk}.json"
        )
        return response


class EraseView(APIView):
    permission_classes = [IsAuthenticated, RecruiterScope]

    @extend_schema(
        operation_id="candidates_erase_create",
        summary="Erase a person (right to erasure)",
        description=f"{CUSTODIANS} Removes the person's identifying data everywhere in one transaction "
        "(GDPR art. 17, PIPL art. 47): names, aliases, contacts, notes, pipeline rows and their history. "
        "Placement fees are kept anonymised; the contacts go on the suppression list as keyed hashes; "
        "the changes feed reports a delete. Cannot be undone.",
        request=ErasureRequestSerializer,
        responses={200: ErasureRecordSerializer},
        examples=[OpenApiExample("Erase on request", value={"confirm": True, "reason": "request"}, request_only=True)],
    )
    def post(self, request: Request, pk: int) -> Response:
        body = ErasureRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            record = erase_candidate(
                actor=request.user,
                candidate_id=pk,
                reason=body.validated_data["reason"],
                now=timezone.now(),
                via=PrivacyVia.API,
            )
        except CandidateNotFound:
            raise NotFound("No such candidate.") from None
        return Response(ErasureRecordSerializer(record).data)
