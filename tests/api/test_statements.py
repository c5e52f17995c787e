"""A statement compiled once answers exactly what its queryset would, whatever the parameters."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import F, Q
from django.db.models.functions import JSONObject
from django.test.utils import CaptureQueriesContext

from accounts.models import ApiToken
from accounts.models.tokens import hash_token
from accounts.services import token_create
from api.statements import AnyOf, Statement
from talent.models import Candidate, Employment
from tests.factories import CandidateFactory, CompanyFactory, EmploymentFactory, UserFactory

pytestmark = pytest.mark.django_db


def stints_of(candidate):
    return (
        Employment.objects.filter(candidate_id=candidate)
        .order_by("start_date")
        .values("id", "title", "start_date", "company__name")
    )


def test_rows_are_the_querysets_values_for_each_parameter():
    ada, bo = CandidateFactory(), CandidateFactory()
    for candidate, companies in ((ada, ["DeepSeek", "Moonshot AI"]), (bo, ["Zhipu AI"])):
        for name in companies:
            EmploymentFactory(candidate=candidate, company=CompanyFactory(name=name))
    statement = Statement(stints_of)
    for candidate in (ada, bo, ada):
        assert statement.rows("default", candidate=candidate.pk) == list(stints_of(candidate.pk))
    assert statement.rows("default", candidate=-1) == []


def test_values_pass_through_djangos_converters():
    candidate = CandidateFactory(english_name="Ming Lu")
    statement = Statement(
        lambda pk: Candidate.objects.filter(pk=pk).annotate(card=JSONObject(name="english_name")).values("card")
    )
    assert statement.rows("default", pk=candidate.pk) == [{"card": {"name": "Ming Lu"}}]


def test_a_text_parameter_is_swapped_like_a_number():
    user = UserFactory()
    _, raw = token_create(user=user, name="sync", scope=ApiToken.Scope.STATUS_READ)
    statement = Statement(lambda key_hash: ApiToken.objects.filter(key_hash=key_hash).values("name", "user__username"))
    assert statement.rows("default", key_hash=hash_token(raw)) == [{"name": "sync", "user__username": user.username}]
    assert statement.rows("default", key_hash=hash_token(raw + "x")) == []


def test_it_compiles_once_and_sends_the_same_sql_each_time():
    ada, bo = CandidateFactory(), CandidateFactory()
    statement = Statement(stints_of)
    with CaptureQueriesContext(connection) as captured:
        statement.rows("default", candidate=ada.pk)
        statement.rows("default", candidate=bo.pk)
    first, second = (query["sql"] for query in captured.captured_queries)
    assert first.replace(str(ada.pk), "?") == second.replace(str(bo.pk), "?")


@pytest.mark.parametrize(
    "build",
    [
        lambda pk: Candidate.objects.filter(Q(pk=pk) | Q(owner_id=pk)).values("id"),  # twice
        lambda pk: Candidate.objects.values("id"),  # never
    ],
)
def test_a_parameter_must_reach_the_sql_exactly_once(build):
    with pytest.raises(ImproperlyConfigured, match="pk"):
        Statement(build).rows("default", pk=1)


def test_expressions_over_columns_keep_their_own_parameters():
    candidate = CandidateFactory(english_name="Ming Lu")
    statement = Statement(
        lambda pk: (
            Candidate.objects.filter(pk=pk, english_name__startswith="Ming")
            .annotate(next_id=F("id") + 1)
            .values("next_id")
        )
    )
    assert statement.rows("default", pk=candidate.pk) == [{"next_id": candidate.pk + 1}]


def test_any_of_takes_any_number_of_ids_in_one_parameter():
    ada, bo, cy = CandidateFactory(), CandidateFactory(), CandidateFactory()
    for candidate in (ada, bo, cy):
        EmploymentFactory(candidate=candidate)
    statement = Statement(
        lambda ids: Employment.objects.filter(AnyOf("candidate_id", ids)).order_by("id").values("candidate_id")
    )
    for ids in ([ada.pk], [ada.pk, cy.pk], [cy.pk, bo.pk, ada.pk, -5], []):
        expected = list(Employment.objects.filter(candidate_id__in=ids).order_by("id").values("candidate_id"))
        assert statement.rows("default", ids=ids) == expected
