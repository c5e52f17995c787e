"""Exports in the admin: the candidate changelist's actions and the read-only record."""

import pytest
from django.contrib.auth.models import Group

from accounts.groups import RECRUITERS
from crm.models import ExportRecord
from tests.exports.conftest import SECRETS, read_file

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/talent/candidate/"


def run_action(client, action: str, ids: list[int], *, select_across: bool = False, query: str = ""):
    data = {"action": action, "_selected_action": ids, "index": 0, "select_across": "1" if select_across else "0"}
    return client.post(f"{CHANGELIST}{query}", data)


@pytest.fixture
def staff_recruiter(firm, client):
    """The team-A recruiter, signed in to the admin with the Recruiters group."""
    user = firm.recruiter.user
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=RECRUITERS))
    client.force_login(user)
    return client


@pytest.mark.parametrize("action", ["export_candidates_csv", "export_candidates_xlsx"])
def test_the_admin_exports_the_selected_candidates_through_the_same_export(firm, client, action):
    client.force_login(firm.admin)
    ids = [firm.candidates["own"].pk, firm.candidates["confidential"].pk]

    response = run_action(client, action, ids)

    assert response.status_code == 200
    header, *rows = read_file(response)
    assert sorted(row[header.index("english_name")] for row in rows) == ["Fang Wang", "Jing Chen"]
    record = ExportRecord.objects.get()
    assert (record.via, record.kind, record.row_count, record.user) == ("admin", "candidates", 2, firm.admin)
    assert record.query.startswith("selected=")


def test_select_all_exports_the_filtered_changelist(firm, client):
    client.force_login(firm.admin)
    query = f"?owner__id__exact={firm.other_team.pk}"
    response = run_action(
        client, "export_candidates_csv", [firm.candidates["other"].pk], select_across=True, query=query
    )

    header, *rows = read_file(response)
    assert sorted(row[header.index("english_name")] for row in rows) == ["Jing Chen", "Yang Liu"]
    assert ExportRecord.objects.get().query == query[1:]


def test_a_recruiter_cannot_export_a_candidate_they_are_not_cleared_for_even_by_crafted_id(firm, staff_recruiter):
    ids = [candidate.pk for candidate in firm.candidates.values()]
    response = run_action(staff_recruiter, "export_candidates_xlsx", ids)

    header, *rows = read_file(response)
    cells = " ".join(cell for row in rows for cell in row)
    for secret in SECRETS:
        assert secret not in cells
    assert "Falcon" not in cells  # the admin does not list it at all
    assert len(rows) == 3


def test_export_records_are_read_only_in_the_admin(firm, client):
    client.force_login(firm.admin)
    run_action(client, "export_candidates_csv", [firm.candidates["own"].pk])
    record = ExportRecord.objects.get()

    assert client.get("/admin/crm/exportrecord/").status_code == 200
    assert "admin" in client.get(f"/admin/crm/exportrecord/{record.pk}/change/").content.decode()
    assert client.get("/admin/crm/exportrecord/add/").status_code == 403
    assert client.post(f"/admin/crm/exportrecord/{record.pk}/delete/", {"post": "yes"}).status_code == 403
    assert ExportRecord.objects.filter(pk=record.pk).exists()
