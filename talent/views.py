"""The talent API: companies, ladders and bands, candidates, careers, non-competes.

Every endpoint needs recruiter rights (api.permissions.RecruiterScope): API
clients and `status:read` keys get 403 here and use /api/v1/status/ instead.
"""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated

from api.permissions import RecruiterScope
from api.replicas import ReadsFromReplica
from api.viewsets import ConditionalRetrieveMixin, ServiceModelViewSet
from talent import services
from talent.access import candidates_cleared_for, candidates_visible_to, check_may_edit
from talent.duplicates.redirects import MERGED_REDIRECT
from talent.filters import (
    BandFilter,
    CandidateFilter,
    CompanyFilter,
    EmploymentFilter,
    LadderFilter,
    NonCompeteFilter,
)
from talent.models import Band, Candidate, Company, Employment, Level, LevelLadder, NonCompete
from talent.permissions import CandidateAccess, CandidatePartAccess, CuratesReferenceData
from talent.search.pagination import SearchCursorPagination
from talent.search.query import SEARCH_ORDERING
from talent.search.tokens import query_keys
from talent.selectors import candidates_as_rows
from talent.serializers import (
    BandSerializer,
    CandidateSerializer,
    CompanySerializer,
    EmploymentSerializer,
    LadderSerializer,
    NonCompeteSerializer,
)
from talent.views_duplicates import MergedRedirectMixin

RECRUITERS = "Recruiters, team leads and admins (session or `recruiter` key); API clients get 403."

CANDIDATE_EXAMPLE = {
    "id": 42,
    "display_name": "陆育 (Louis Lu)",
    "identity_cleared": True,
    "native_name": "陆育",
    "english_name": "Louis Lu",
    "pinyin": "lu yu",
    "pseudonym": "Falcon",
    "is_confidential": True,
    "is_market_icon": False,
    "aliases": [{"name": "风清", "kind": "huaming", "company": 3}],
    "contacts": [{"kind": "email", "value": "louis@example.com", "label": "personal", "is_primary": True}],
    "city": "Hangzhou",
    "country": "CN",
    "expertise": ["llm", "rlhf"],
    "work_authorization": "",
    "current_compensation": "2400000.00",
    "current_compensation_currency": "CNY",
    "current_compensation_period": "annual",
    "expected_compensation": None,
    "expected_compensation_currency": "",
    "expected_compensation_period": "",
    "compensation_notes": "",
    "willing_to_relocate": True,
    "relocation_notes": "",
    "owner": 7,
    "watchers": [8],
    "source": "referral",
    "source_detail": "",
    "hold": "",
    "current": {
        "company": {"id": 3, "name": "Alibaba", "native_name": "阿里巴巴"},
        "title": "Staff Engineer",
        "level": "P8",
        "band": "staff",
        "since": "2022-04-01",
    },
    "availability": {"state": "employed", "until": None, "days_left": None, "noncompete": None},
    "employments": [],
    "noncompetes": [],
    "created_at": "2026-10-01T08:00:00Z",
    "updated_at": "2026-11-20T08:00:00Z",
}

CANDIDATE_CREATE_EXAMPLE = {
    "native_name": "陆育",
    "english_name": "Louis Lu",
    "pseudonym": "Falcon",
    "is_confidential": True,
    "city": "Hangzhou",
    "country": "CN",
    "expertise": ["llm", "rlhf"],
    "aliases": [{"name": "风清", "kind": "huaming", "company": 3}],
    "contacts": [{"kind": "phone", "value": "138 0013 8000", "label": "personal", "is_primary": True}],
    "watchers": [8],
}


@extend_schema_view(
    list=extend_schema(
        summary="List companies",
        description=f"{RECRUITERS} Filters: `search` (any name or alias), `name` (exact, alias-aware), `kind`, "
        "`country`, `updated_since`; `ordering` by name or updated_at.",
        examples=[
            OpenApiExample(
                "A company",
                value={
                    "id": 3,
                    "name": "Alibaba",
                    "native_name": "阿里巴巴",
                    "kind": "big_tech",
                    "country": "CN",
                    "website": "https://www.alibaba.com",
                    "aliases": ["阿里", "Ali"],
                    "created_at": "2026-01-01T00:00:00Z",
                    "updated_at": "2026-01-01T00:00:00Z",
                },
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(summary="One company", description=f"{RECRUITERS} Conditional GET with ETag."),
    create=extend_schema(
        summary="Create a company",
        description="Admins and staff only. `aliases` is a list of other names, unique across companies.",
        examples=[
            OpenApiExample("ByteDance", value={"name": "ByteDance", "native_name": "字节跳动", "aliases": ["字节"]})
        ],
    ),
    partial_update=extend_schema(
        summary="Change a company", description="Admins and staff only. `aliases`, when sent, replaces the list."
    ),
)
class CompanyViewSet(ServiceModelViewSet):
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_classes = [IsAuthenticated, RecruiterScope, CuratesReferenceData]
    serializer_class = CompanySerializer
    filterset_class = CompanyFilter
    queryset = Company.objects.prefetch_related("aliases")
    ordering_fields = ["name", "updated_at", "id"]
    ordering = ["name"]

    def service_create(self, validated_data: dict) -> Company:
        return services.company_create(**validated_data)

    def service_update(self, instance: Company, validated_data: dict) -> Company:
        return services.company_update(company=instance, **validated_data)


@extend_schema_view(
    list=extend_schema(
        summary="List level ladders",
        description=f"{RECRUITERS} Each ladder with its levels and their current band. Filters: `company` (id), "
        "`company_name` (alias-aware).",
    ),
    retrieve=extend_schema(summary="One ladder", description=f"{RECRUITERS} Conditional GET with ETag."),
)
class LadderViewSet(ConditionalRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticated, RecruiterScope]
    serializer_class = LadderSerializer
    filterset_class = LadderFilter
    queryset = LevelLadder.objects.select_related("company").prefetch_related(
        Prefetch("levels", queryset=Level.objects.select_related("band"))
    )
    ordering_fields = ["name", "id"]
    ordering = ["id"]


@extend_schema_view(
    list=extend_schema(
        summary="List seniority bands",
        description=f"{RECRUITERS} Cross-company bands by rank. Filters: `code`, `rank_min`, `rank_max`.",
    ),
    retrieve=extend_schema(summary="One band", description=f"{RECRUITERS} Conditional GET with ETag."),
)
class BandViewSet(ConditionalRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticated, RecruiterScope]
    serializer_class = BandSerializer
    filterset_class = BandFilter
    queryset = Band.objects.all()
    ordering_fields = ["rank", "code"]
    ordering = ["rank"]


@extend_schema_view(
    list=extend_schema(
        summary="List and search candidates",
        description=f"{RECRUITERS} Confidential candidates you are not cleared for (not yours, not your team's) "
        "appear under their pseudonym with names, aliases, contacts and compensation empty. Filters: `search`, "
        "`company`, `past_company` (alias-aware), `band_min`/`band_max` (band code or rank), `availability`, "
        "`noncompete_ends_after`/`noncompete_ends_before`, `expertise`, `city`, `country`, `location`, `owner`, "
        "`updated_since`, `is_confidential`, `is_market_icon`, `hold`; `ordering` by updated_at, created_at, id.",
        examples=[OpenApiExample("A candidate", value=CANDIDATE_EXAMPLE, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One candidate",
        description=f"{RECRUITERS} Redacted as in the list. Conditional GET: ETag and Last-Modified, 304. The id "
        "of a candidate merged into another answers 301 with `Location` (and `merged_into`) pointing at the survivor.",
        responses={200: CandidateSerializer, 301: MERGED_REDIRECT},
        examples=[OpenApiExample("A candidate", value=CANDIDATE_EXAMPLE, response_only=True)],
    ),
    create=extend_schema(
        summary="Create a candidate",
        description=f"{RECRUITERS} The owner is the caller. Contacts are normalised; one that belongs to another "
        "candidate gives 400 on `contacts`. Give a pseudonym for a confidential candidate.",
        examples=[OpenApiExample("New candidate", value=CANDIDATE_CREATE_EXAMPLE, request_only=True)],
    ),
    partial_update=extend_schema(
        summary="Change a candidate",
        description="The owner, the owner's team and admins (anyone for an unowned candidate). `aliases`, "
        "`contacts` and `watchers` (recruiter ids), when sent, replace the lists.",
        examples=[OpenApiExample("Set watchers", value={"watchers": [7, 8], "hold": "not_looking"}, request_only=True)],
    ),
    destroy=extend_schema(
        summary="Delete a candidate", description="The owner, the lead of the owner's team and admins."
    ),
)
class CandidateViewSet(MergedRedirectMixin, ReadsFromReplica, ServiceModelViewSet):
    permission_classes = [IsAuthenticated, RecruiterScope, CandidateAccess]
    serializer_class = CandidateSerializer
    filterset_class = CandidateFilter
    pagination_class = SearchCursorPagination  # a searched page reads the ranks tier by tier
    ordering_fields = ["updated_at", "created_at", "id"]

    @property
    def ordering(self) -> list[str]:
        """Most recent first; by search rank when searching and no `ordering` is asked for."""
        request = getattr(self, "request", None)
        if request is not None and query_keys(request.query_params.get("search")):
            return SEARCH_ORDERING
        return ["-updated_at"]

    def get_queryset(self) -> QuerySet[Candidate]:
        return candidates_as_rows(candidates_visible_to(self.request.user))

    def service_create(self, validated_data: dict) -> Candidate:
        return services.candidate_create(actor=self.request.user, **validated_data)

    def service_update(self, instance: Candidate, validated_data: dict) -> Candidate:
        return services.candidate_update(actor=self.request.user, candidate=instance, **validated_data)

    def service_destroy(self, instance: Candidate) -> None:
        services.candidate_delete(actor=self.request.user, candidate=instance)


class CandidatePartViewSet(ServiceModelViewSet):
    """Shared rules for a candidate's stints and windows."""

    permission_classes = [IsAuthenticated, RecruiterScope, CandidatePartAccess]

    def candidate_cleared(self) -> Exists:
        """Whether the caller may see the private fields of the row's candidate (talent.access)."""
        return Exists(candidates_cleared_for(self.request.user).filter(pk=OuterRef("candidate_id")))

    def editable_candidate(self, candidate: Candidate) -> Candidate:
        check_may_edit(self.request.user, candidate)
        return candidate


@extend_schema_view(
    list=extend_schema(
        summary="List career stints",
        description=f"{RECRUITERS} Filters: `candidate`, `company` (alias-aware), `company_id`, `current`, "
        "`started_after`, `started_before`.",
    ),
    retrieve=extend_schema(summary="One stint", description=f"{RECRUITERS} Conditional GET with ETag."),
    create=extend_schema(
        summary="Add a stint",
        description="Whoever may edit the candidate. `level` must be a level of the company's ladder.",
        examples=[
            OpenApiExample(
                "Joined Alibaba",
                value={
                    "candidate": 42,
                    "company": 3,
                    "title": "Staff Engineer",
                    "level": 17,
                    "start_date": "2022-04-01",
                },
                request_only=True,
            )
        ],
    ),
    partial_update=extend_schema(summary="Change a stint", description="Whoever may edit the candidate."),
    destroy=extend_schema(summary="Delete a stint", description="Whoever may edit the candidate."),
)
class EmploymentViewSet(CandidatePartViewSet):
    serializer_class = EmploymentSerializer
    filterset_class = EmploymentFilter
    ordering_fields = ["start_date", "id"]
    ordering = ["-start_date"]

    def get_queryset(self) -> QuerySet[Employment]:
        return Employment.objects.annotate(candidate_cleared=self.candidate_cleared()).select_related(
            "company", "level__band", "candidate__owner__team"
        )

    def service_create(self, validated_data: dict) -> Employment:
        candidate = self.editable_candidate(validated_data.pop("candidate"))
        return services.employment_create(candidate=candidate, **validated_data)

    def service_update(self, instance: Employment, validated_data: dict) -> Employment:
        validated_data.pop("candidate", None)
        return services.employment_update(employment=instance, **validated_data)

    def service_destroy(self, instance: Employment) -> None:
        services.employment_delete(employment=instance)


@extend_schema_view(
    list=extend_schema(
        summary="List non-compete windows",
        description=f"{RECRUITERS} `enforceable_end`, `days_left`, `is_void` and `capped_by_law` are computed "
        "from the jurisdiction's law. Compensation and notes are empty for a confidential candidate you are not "
        "cleared for. Filters: `candidate`, `employer` (alias-aware), `status`, `jurisdiction`, `ends_after`, "
        "`ends_before`, `updated_since`.",
    ),
    retrieve=extend_schema(summary="One window", description=f"{RECRUITERS} Conditional GET with ETag."),
    create=extend_schema(
        summary="Record a window",
        description="Whoever may edit the candidate.",
        examples=[
            OpenApiExample(
                "Two-year clause",
                value={
                    "candidate": 42,
                    "employer": 3,
                    "starts_on": "2026-01-01",
                    "contractual_end": "2027-12-31",
                    "jurisdiction": "CN",
                    "monthly_compensation": "30000.00",
                    "compensation_currency": "CNY",
                },
                request_only=True,
            )
        ],
    ),
    partial_update=extend_schema(summary="Change a window", description="Whoever may edit the candidate."),
    destroy=extend_schema(summary="Delete a window", description="Whoever may edit the candidate."),
)
class NonCompeteViewSet(CandidatePartViewSet):
    serializer_class = NonCompeteSerializer
    filterset_class = NonCompeteFilter
    ordering_fields = ["starts_on", "enforceable_end", "updated_at", "id"]
    ordering = ["-starts_on"]

    def get_queryset(self) -> QuerySet[NonCompete]:
        return (
            NonCompete.objects.annotate(candidate_cleared=self.candidate_cleared())
            .select_related("employer", "candidate__owner__team")
            .prefetch_related("restricted_companies")
        )

    def service_create(self, validated_data: dict) -> NonCompete:
        candidate = self.editable_candidate(validated_data.pop("candidate"))
        return services.noncompete_create(candidate=candidate, **validated_data)

    def service_update(self, instance: NonCompete, validated_data: dict) -> NonCompete:
        validated_data.pop("candidate", None)
        return services.noncompete_update(window=instance, **validated_data)

    def service_destroy(self, instance: NonCompete) -> None:
        services.noncompete_delete(window=instance)
