"""A hand-checked funnel: five rows on one mandate, moves at known times."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.mandates import funnel
from crm.models import PipelineRow, Stage, StageMove

T0 = dt.datetime(2026, 9, 1, 0, 0, tzinfo=dt.UTC)


def day(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def seed(world):
    # row: [(stage, day)]; history written directly, as the services would have.
    paths = [
        [
            ("sourced", 0),
            ("contacted", 2),
            ("interested", 4),
            ("submitted", 10),
            ("client_interview", 14),
            ("offer", 20),
            ("placed", 30),
        ],
        [("sourced", 0), ("contacted", 4), ("interested", 5), ("submitted", 8), ("rejected", 12)],
        [("sourced", 1), ("submitted", 3)],  # skipped contacted and interested
        [("sourced", 1), ("contacted", 2), ("withdrawn", 6)],
        [("sourced", 2)],
    ]
    for path in paths:
        row = PipelineRow.objects.create(
            mandate=world.mandate_bd, candidate=world.candidate(), stage=path[-1][0], stage_changed_at=day(path[-1][1])
        )
        previous = ""
        for stage, at in path:
            StageMove.objects.create(row=row, from_stage=previous, to_stage=stage, moved_at=day(at))
            previous = stage


def test_the_mandate_funnel_matches_the_hand_count_in_two_queries(world):
    seed(world)
    with CaptureQueriesContext(connection) as queries:
        result = funnel.mandate_funnel(mandate_id=world.mandate_bd.pk)
    assert len(queries) == 2
    figures = {s.stage: (s.reached, s.conversion, s.median_days) for s in result.stages}
    # Finished stays, in days: sourced 2, 4, 2, 1 (one row still sourced); contacted 2, 1, 4; interested 6, 3;
    # submitted 4, 4 (one still there); interview 6; offer 10. Row 3 skipped contacted and interested.
    assert figures == {
        Stage.SOURCED: (5, None, 2.0),
        Stage.CONTACTED: (4, 0.8, 2.0),
        Stage.INTERESTED: (3, 0.75, 4.5),
        Stage.SUBMITTED: (3, 1.0, 4.0),
        Stage.CLIENT_INTERVIEW: (1, 0.3333, 6.0),
        Stage.OFFER: (1, 1.0, 10.0),
        Stage.PLACED: (1, 1.0, None),
        Stage.REJECTED: (1, None, None),
        Stage.WITHDRAWN: (1, None, None),
    }
    assert (result.mandates, result.filled, result.median_days_to_fill) == (1, 1, 30.0)


def test_the_recruiter_funnel_spans_their_mandates_in_two_queries(world, django_assert_num_queries):
    seed(world)
    with django_assert_num_queries(2):
        result = funnel.recruiter_funnel(recruiter_id=world.lead.pk)
    assert result.stages[0].reached == 5 and result.mandates == 1
    assert funnel.recruiter_funnel(recruiter_id=world.outsider.pk).stages[0].reached == 0


def test_the_funnel_api_answers_in_a_fixed_number_of_queries(world):
    seed(world)
    client = world.api("outsider")
    client.get("/api/v1/mandates/")  # the key's first use of the minute records it; later calls do not
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"/api/v1/mandates/{world.mandate_bd.pk}/funnel/").status_code == 200
    seed(world)
    with CaptureQueriesContext(connection) as large:
        body = client.get(f"/api/v1/mandates/{world.mandate_bd.pk}/funnel/").json()
    assert len(small) == len(large)
    assert body["stages"][0] == {"stage": "sourced", "reached": 10, "conversion": None, "median_days": 2.0}
    assert client.get(f"/api/v1/recruiters/{world.lead.pk}/funnel/").json()["filled"] == 1
