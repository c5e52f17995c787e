"""A mandate's pipeline export: recruiters as the pipeline API shows them, a client's key its own mandates only."""

import pytest

from crm.exports.datasets import CLIENT_PIPELINE_COLUMNS, PIPELINE_COLUMNS
from crm.mandates import services
from crm.models import ExportRecord, Stage
from tests.exports.conftest import as_text, exported, read_file
from tests.mandates.conftest import _setup  # noqa: F401  (frozen clock and fast passwords, as the mandates tests)

pytestmark = pytest.mark.django_db


def path(mandate) -> str:
    return f"/api/v1/mandates/{mandate.pk}/pipeline/export/"


@pytest.fixture
def pipeline(world):
    """On the ByteDance search: an open candidate, a submitted one, and the outsider's confidential one."""
    rows = {
        "open": services.pipeline_add(
            actor=world.lead.user, mandate=world.mandate_bd, candidate=world.candidate(english_name="Open Person")
        ),
        "submitted": services.pipeline_add(
            actor=world.lead.user, mandate=world.mandate_bd, candidate=world.candidate(english_name="Sent Person")
        ),
    }
    for stage in (Stage.CONTACTED, Stage.INTERESTED, Stage.SUBMITTED):
        services.pipeline_move(actor=world.lead.user, row=rows["submitted"], to_stage=stage)
    secret = world.candidate(
        owner=world.outsider, english_name="Hidden Person", native_name="隐藏", is_confidential=True, pseudonym="Owl"
    )
    secret.contacts.create(kind="email", value="hidden@secret.example")
    rows["secret"] = services.pipeline_add(actor=world.admin, mandate=world.mandate_bd, candidate=secret)
    return rows


@pytest.mark.parametrize("who", ["admin", "lead", "rec", "outsider"])
def test_recruiters_export_the_cells_the_pipeline_api_shows_them(world, pipeline, who, file_format):
    client = world.api(who)
    listed = client.get("/api/v1/pipeline/", {"mandate": world.mandate_bd.pk, "page_size": 100}).json()["results"]
    expected = [[as_text(column.value(item)) for column in PIPELINE_COLUMNS] for item in listed]

    header, *rows = read_file(client.get(path(world.mandate_bd), {"file": file_format}))

    assert header == [column.header for column in PIPELINE_COLUMNS]
    assert rows == expected and len(rows) == 3


def test_a_recruiter_not_cleared_gets_the_confidential_candidate_by_pseudonym(world, pipeline, file_format):
    header, *rows = read_file(world.api("rec").get(path(world.mandate_bd), {"file": file_format}))
    cells = " ".join(cell for row in rows for cell in row)
    assert "Owl" in cells
    assert "Hidden Person" not in cells and "隐藏" not in cells and "hidden@secret.example" not in cells


def test_a_client_key_exports_its_own_pipeline_by_pseudonym_until_submitted(world, pipeline, file_format):
    header, rows = exported(world.api("client_bd"), path(world.mandate_bd), file=file_format)

    assert header == [column.header for column in CLIENT_PIPELINE_COLUMNS]
    names = {row["id"]: (row["candidate_name"], row["candidate_identity_hidden"]) for row in rows}
    assert names[str(pipeline["submitted"].pk)] == ("张伟 (Sent Person)", "false")
    assert names[str(pipeline["open"].pk)][1] == "true"
    assert "Open Person" not in names[str(pipeline["open"].pk)][0]
    assert names[str(pipeline["secret"].pk)][0] == "Owl"
    record = ExportRecord.objects.get()
    assert (record.kind, record.mandate, record.row_count, record.api_key_name) == (
        "pipeline",
        world.mandate_bd,
        3,
        "portal",
    )


def test_a_client_key_cannot_export_another_clients_mandate(world, pipeline):
    response = world.api("client_group").get(path(world.mandate_bd))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert not ExportRecord.objects.exists()


def test_the_pipeline_filters_apply(world, pipeline):
    _, rows = exported(world.api("lead"), path(world.mandate_bd), stage="submitted")
    assert [row["id"] for row in rows] == [str(pipeline["submitted"].pk)]
    response = world.api("lead").get(path(world.mandate_bd), {"stage": "asleep"})
    assert response.status_code == 400 and "stage" in response.json()["error"]["fields"]


def test_a_mandate_that_does_not_exist_is_a_404(world):
    assert world.api("lead").get("/api/v1/mandates/999999/pipeline/export/").status_code == 404
