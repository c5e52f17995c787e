"""Dry run and real run of a file with every kind of row; batches all or nothing; suppression; erasure."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from crm.imports import error_csv_lines, import_counts, import_job_create, import_job_queue
from crm.imports import import_job_work as work
from crm.models import ImportJob, ImportRow
from crm.privacy.erasure import erase_candidate
from talent.models import Candidate, Company
from talent.suppression import suppress
from tests.imports.conftest import NOW, ROWS, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def run_all(job: ImportJob) -> ImportJob:
    assert work(job_id=job.pk, clock=lambda: NOW) == "finished"
    job.refresh_from_db()
    return job


def upload(scene, data: bytes, name: str = "fair.csv", **options) -> ImportJob:
    options.setdefault("source", scene.source)
    return import_job_create(actor=scene.user, file_name=name, data=data, now=NOW, **options)


@pytest.mark.parametrize("name,data", [("fair.csv", csv_bytes()), ("fair.xlsx", xlsx_bytes())])
def test_dry_run_plans_every_row_and_writes_no_candidate(scene, name, data):
    before = Candidate.objects.count()
    job = run_all(upload(scene, data, name=name))

    assert job.state == ImportJob.State.PREVIEWED
    assert Candidate.objects.count() == before
    rows = {row.number: row for row in job.rows.all()}
    assert {number: row.action for number, row in rows.items()} == {n: a for n, (_c, a) in ROWS.items()}
    assert rows[3].candidate == scene.known
    assert rows[4].candidate == scene.namesake
    assert "valid email" in " ".join(rows[5].reasons)
    assert "Unknown company 'Nowhere Inc'" in " ".join(rows[6].reasons)
    assert rows[7].reasons == [
        "A contact matches the suppression list (a person who asked to be erased); the row is not imported."
    ]
    assert "between 1900-01-01" in " ".join(rows[8].reasons)
    assert "No name" in " ".join(rows[9].reasons)
    assert import_counts(job)["planned"] == {"create": 2, "update": 1, "merge": 1, "refuse": 5}


def test_real_run_creates_updates_and_merges_as_planned(scene):
    job = run_all(upload(scene, csv_bytes()))
    job = run_all(import_job_queue(actor=scene.user, job=job, now=NOW))

    assert job.state == ImportJob.State.DONE and job.rows_done == job.rows_total == len(ROWS)
    assert import_counts(job)["results"] == {"created": 2, "updated": 1, "merged": 1, "refused": 5, "failed": 0}
    lei = Candidate.objects.get(native_name="李雷")
    assert lei.source == Candidate.Source.EVENT and lei.source_detail == "AI fair Shanghai 2026"
    assert lei.lawful_basis == Candidate.LawfulBasis.LEGITIMATE_INTEREST
    assert lei.owner == scene.recruiter and lei.expertise == ["LLM", "RL"]
    assert lei.employments.get().company == scene.company  # matched through the alias DML
    ann = Candidate.objects.get(english_name="Ann Bell")
    assert list(ann.contacts.values_list("value", flat=True)) == ["+8613800138000"]
    assert ann.employments.get().end_date is not None
    scene.known.refresh_from_db()
    assert "agents" in scene.known.expertise
    assert "Old Friend" in set(scene.known.aliases.values_list("name", flat=True))  # never overwritten
    assert scene.known.english_name == "Known Person"
    assert scene.namesake.employments.count() == 2  # the merged row's job was added
    assert not Candidate.objects.filter(english_name__in=["Meimei Han", "Min Zhao", "Zhiruo Zhou"]).exists()
    assert not Company.objects.filter(name="Nowhere Inc").exists()
    lines = "".join(error_csv_lines(job)).splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["5", "6", "7", "8", "9"]
    assert "erased@example.com" in lines[3] and "suppression list" in lines[3]


def test_import_writes_record_history_with_the_job(scene):
    job = run_all(upload(scene, csv_bytes(), dry_run=False))
    lei = Candidate.objects.get(native_name="李雷")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.metadata FROM talent_candidateevent e JOIN pghistory_context c ON c.id = e.pgh_context_id "
            "WHERE e.pgh_obj_id = %s",
            [lei.pk],
        )
        contexts = [json.loads(row[0]) if isinstance(row[0], str) else row[0] for row in cursor.fetchall()]
    assert contexts and all(c["via"] == "import" and c["import_job"] == job.pk for c in contexts)


def test_unknown_company_is_created_only_when_the_source_allows_it(scene):
    scene.source.create_unknown_companies = True
    scene.source.save()
    job = run_all(upload(scene, csv_bytes(), dry_run=False))

    row = job.rows.get(number=6)
    assert row.result == "created"
    assert Candidate.objects.get(english_name="Min Zhao").employments.get().company.name == "Nowhere Inc"


def test_suppressed_contact_is_refused_on_reimport_after_erasure(scene):
    rows = {2: (["", "Wei Ma", "ma.wei@example.com", "", "", "", "", "", ""], "create")}
    first = run_all(upload(scene, csv_bytes(rows), dry_run=False))
    person = first.rows.get().candidate
    erase_candidate(actor=None, candidate_id=person.pk, reason="request", now=NOW)
    # The erasure hook blanked the import row that held them.
    assert first.rows.get().cells == {} and first.rows.get().candidate is None

    again = run_all(upload(scene, csv_bytes(rows), dry_run=False))
    assert again.rows.get().result == "refused"
    assert "suppression list" in again.rows.get().reasons[0]
    assert not Candidate.objects.filter(english_name="Wei Ma").exists()


def test_a_contact_put_on_the_suppression_list_is_refused(scene):
    suppress([("phone", "+8613900139000")])
    rows = {2: (["", "Pat Phone", "", "139 0013 9000", "", "", "", "", ""], "create")}
    job = run_all(upload(scene, csv_bytes(rows)))
    assert job.rows.get().action == "refuse"


def test_a_failing_batch_leaves_nothing_half_written(scene):
    rows = {
        2: (["", "Ada One", "", "", "", "", "", "", ""], "create"),
        3: (["", "Bob Two", "", "", "", "", "", "", ""], "create"),
        4: (["", "Cy Three", "", "", "", "", "", "", ""], "create"),
        5: (["", "Boom Four", "", "", "", "", "", "", ""], "create"),
    }
    job = upload(scene, csv_bytes(rows), dry_run=False, batch_size=2)
    # A fault the services do not expect: the database refuses one insert of the second batch.
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF NEW.english_name = 'Boom Four' THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$;"
            "CREATE TRIGGER boom BEFORE INSERT ON talent_candidate FOR EACH ROW EXECUTE FUNCTION boom();"
        )
    with pytest.raises(Exception, match="disk on fire"):
        work(job_id=job.pk, clock=lambda: NOW)

    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED and job.rows_done == 2
    assert set(
        Candidate.objects.filter(english_name__in=[c[1] for c, _ in rows.values()]).values_list(
            "english_name", flat=True
        )
    ) == {"Ada One", "Bob Two"}
    assert list(job.rows.filter(done=True).values_list("number", flat=True)) == [2, 3]

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER boom ON talent_candidate; DROP FUNCTION boom();")
    job = run_all(import_job_queue(actor=scene.user, job=job, now=NOW))
    assert job.state == ImportJob.State.DONE
    assert Candidate.objects.filter(english_name__in=[c[1] for c, _ in rows.values()]).count() == 4


def test_rows_sharing_a_contact_in_one_file_are_one_person(scene):
    rows = {
        2: (["", "Dee Same", "dee@example.com", "", "", "", "", "", ""], "create"),
        3: (["", "Dee S", "dee@example.com", "", "", "", "", "", "ml"], "update"),
    }
    job = run_all(upload(scene, csv_bytes(rows)))
    assert list(job.rows.values_list("action", flat=True)) == ["create", "update"]
    job = run_all(import_job_queue(actor=scene.user, job=job, now=NOW))
    assert Candidate.objects.filter(contacts__value="dee@example.com").count() == 1
    assert list(job.rows.values_list("result", flat=True)) == ["created", "updated"]


def test_gb18030_csv_is_read(scene):
    job = run_all(upload(scene, csv_bytes({2: ROWS[2]}, encoding="gb18030")))
    assert job.rows.get().cells["姓名"] == "李雷"


def test_a_file_that_is_not_a_spreadsheet_is_refused(scene):
    with pytest.raises(ValidationError, match="not a readable XLSX"):
        upload(scene, b"PK\x03\x04 garbage", name="x.xlsx")
    assert not ImportRow.objects.exists()
