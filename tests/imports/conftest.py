"""A small firm with people an import can meet again, and a file with every kind of row."""

import csv
import datetime as dt
import io
from dataclasses import dataclass

import openpyxl
import pytest

from crm.models import ImportSource
from talent import services
from talent.models import Candidate, Company
from talent.suppression import suppress
from tests.factories import RecruiterFactory

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
HEADERS = ["姓名", "English", "邮箱", "Phone", "Company", "Title", "Since", "Past", "Tags"]
MAPPING = {
    "姓名": "native_name",
    "English": "english_name",
    "邮箱": "email",
    "Phone": "phone",
    "Company": "current_company",
    "Title": "current_title",
    "Since": "current_start",
    "Past": "past_companies",
    "Tags": "expertise",
}
# Line in the file -> (cells, planned action); the header is line 1.
ROWS = {
    2: (["李雷", "Lei Li", "lei.li@example.com", "", "DML", "Research Lead", "2023-04", "", "LLM; RL"], "create"),
    3: (["", "Old Friend", "KNOWN@example.com", "", "", "", "", "", "agents"], "update"),
    4: (["王芳", "", "", "", "DML", "Staff Scientist", "2021", "", ""], "merge"),
    5: (["韩梅梅", "Meimei Han", "not-an-email", "", "", "", "", "", ""], "refuse"),
    6: (["赵敏", "Min Zhao", "", "", "Nowhere Inc", "CTO", "2020-01-01", "", ""], "refuse"),
    7: (["周芷若", "Zhiruo Zhou", "erased@example.com", "", "", "", "", "", ""], "refuse"),
    8: (["张无忌", "Wuji Zhang", "", "", "DML", "Engineer", "1850-01-01", "", ""], "refuse"),
    9: (["", "", "nameless@example.com", "", "", "", "", "", ""], "refuse"),
    10: (["", "Ann Bell", "", "+86 138 0013 8000", "", "", "", "DML|Intern|2015|2016-06", ""], "create"),
}


def csv_bytes(rows=ROWS, headers=HEADERS, encoding: str = "utf-8-sig") -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(headers)
    for cells, _action in rows.values():
        writer.writerow(cells)
    return text.getvalue().encode(encoding)


def xlsx_bytes(rows=ROWS, headers=HEADERS) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for cells, _action in rows.values():
        sheet.append([cell or None for cell in cells])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class Scene:
    recruiter: object
    company: Company
    known: Candidate
    namesake: Candidate
    source: ImportSource

    @property
    def user(self):
        return self.recruiter.user


def make_scene() -> Scene:
    recruiter = RecruiterFactory()
    company = services.company_create(name="DeepMind Labs", aliases=["DML"])
    known = services.candidate_create(
        actor=recruiter.user,
        english_name="Known Person",
        contacts=[{"kind": "email", "value": "known@example.com"}],
    )
    namesake = services.candidate_create(actor=recruiter.user, native_name="王芳", english_name="Fang Wang")
    services.employment_create(candidate=namesake, company=company, title="Scientist", start_date=dt.date(2019, 1, 1))
    suppress([("email", "erased@example.com")])
    source = ImportSource.objects.create(
        name="AI fair 2026",
        mapping=MAPPING,
        candidate_source=Candidate.Source.EVENT,
        source_detail="AI fair Shanghai 2026",
        lawful_basis=Candidate.LawfulBasis.LEGITIMATE_INTEREST,
    )
    return Scene(recruiter=recruiter, company=company, known=known, namesake=namesake, source=source)


@pytest.fixture
def scene(db) -> Scene:
    return make_scene()
