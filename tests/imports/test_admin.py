"""The admin: upload with a dry run, the job page with its rows, the run button, the error file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from crm.imports import import_job_work
from crm.models import ImportJob
from talent.models import Candidate
from tests.imports.conftest import csv_bytes

pytestmark = pytest.mark.django_db


def test_upload_dry_run_page_run_button_and_error_file(scene, django_capture_on_commit_callbacks):
    user = scene.user
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    before = Candidate.objects.count()

    response = client.post(
        "/admin/crm/importjob/upload/",
        {"file": SimpleUploadedFile("fair.csv", csv_bytes()), "source": scene.source.pk, "dry_run": "on"},
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.state == "previewed"
    page = client.get(f"/admin/crm/importjob/{job.pk}/change/").content.decode()
    assert "Run import" in page and "suppression list" in page and "Unknown company" in page
    assert Candidate.objects.count() == before

    with django_capture_on_commit_callbacks() as callbacks:
        client.post(f"/admin/crm/importjob/{job.pk}/run/")
    assert len(callbacks) == 1
    import_job_work(job_id=job.pk, clock=lambda: job.created_at)
    assert Candidate.objects.count() == before + 2
    errors = client.get(f"/admin/crm/importjob/{job.pk}/errors.csv")
    lines = b"".join(errors.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 6 and lines[0].startswith("line,outcome,reasons")
