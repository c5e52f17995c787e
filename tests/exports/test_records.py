"""The export records through the API: admins read all of them, everyone else their own."""

import pytest

from crm.models import ExportRecord

pytestmark = pytest.mark.django_db


def test_admins_list_every_export_and_recruiters_their_own(firm):
    firm.client("recruiter").get("/api/v1/candidates/export/", {"owner": firm.recruiter.pk})
    b"".join(firm.client("other_team").get("/api/v1/candidates/export/").streaming_content)

    everything = firm.client("admin").get("/api/v1/exports/").json()["results"]
    mine = firm.client("recruiter").get("/api/v1/exports/").json()["results"]

    assert sorted(row["username"] for row in everything) == ["rec_a", "rec_b"]
    assert [(row["username"], row["kind"], row["query"]) for row in mine] == [
        ("rec_a", "candidates", f"owner={firm.recruiter.pk}")
    ]
    theirs = ExportRecord.objects.get(username="rec_b")
    assert firm.client("recruiter").get(f"/api/v1/exports/{theirs.pk}/").status_code == 404
    assert firm.client("admin").get(f"/api/v1/exports/{theirs.pk}/").json()["row_count"] == 4


def test_status_keys_cannot_read_export_records(firm):
    assert firm.client("api_client").get("/api/v1/exports/").status_code == 403


def test_export_records_cannot_be_written_through_the_api(firm):
    assert firm.client("admin").post("/api/v1/exports/", {}).status_code == 405
