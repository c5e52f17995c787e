"""The talent map API: the moves feed and the flows matrix.

Recruiters and admins see every move, a confidential candidate they are not
cleared for by pseudonym; API clients and `status:read` keys see the moves of
candidates whose identity is public only (talent.moves.selectors).
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import ApiToken
from api.permissions import token_scope
from talent.models import Employment
from talent.moves.filters import MoveFilter
from talent.moves.flows import flows_between
from talent.moves.patterns import moves_with_patterns
from talent.moves.selectors import attach_origins, moves_for_rendering, moves_visible_to
from talent.moves.serializers import FlowMatrixSerializer, FlowQuerySerializer, MoveSerializer

WHO = (
    "Recruiters and admins see every move (a confidential candidate you are not cleared for by pseudonym); "
    "API clients and `status:read` keys see only the moves of candidates that are not confidential."
)


def market_reader(request: Request):
    """The user whose rights decide which moves a request sees: a `status:read` key reads as an API client."""
    return AnonymousUser() if token_scope(request) == ApiToken.Scope.STATUS_READ else request.user


@extend_schema_view(
    list=extend_schema(
        summary="The moves feed",
        description="Every change of employer, newest first: from and to company, date, title, level and band "
        "before and after, whether it was a promotion across bands, and the patterns it belongs to "
        "(`lift_out`: 3+ people from one company to the same company within 90 days; `boomerang`: back to a "
        "former employer; `founder_in_waiting`: joined a company restricted by a non-compete after founding a "
        f"company while it was binding). {WHO}",
    )
)
class MoveViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = MoveSerializer
    filterset_class = MoveFilter
    ordering_fields = ["start_date", "id"]
    ordering = ["-start_date", "-id"]

    def get_queryset(self) -> QuerySet[Employment]:
        return moves_for_rendering(moves_with_patterns(moves_visible_to(market_reader(self.request))))

    def paginate_queryset(self, queryset) -> list[Employment] | None:
        page = super().paginate_queryset(queryset)
        return None if page is None else attach_origins(page)


@extend_schema(
    summary="Flows between companies",
    description="How many moved from each company (or company kind, `group=kind`) to each other over a period, "
    "with the median band before and after (moves without a known band count, but not in the median). "
    f"Nodes are the `top` companies by moves in or out; `left_out` counts the rest. {WHO}",
    parameters=[FlowQuerySerializer],
    responses=FlowMatrixSerializer,
)
class FlowsView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        query = FlowQuerySerializer(data=request.query_params, context={"today": timezone.localdate()})
        query.is_valid(raise_exception=True)
        matrix = flows_between(moves_visible_to(market_reader(request)), **query.validated_data)
        return Response(FlowMatrixSerializer(matrix).data)
