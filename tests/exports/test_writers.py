"""File formats: a name typed as a formula stays text, in both formats; phone numbers stay as they are."""

import io

import pytest
from openpyxl import load_workbook

from crm.exports.writers import CsvLines, xlsx_file

ROW = ['=HYPERLINK("http://evil.example")', "@SUM(A1)", "+8613800138000", "-12", "-2+3+cmd", "bell\x07", 7, True, None]


def test_csv_cells_that_would_run_as_formulas_are_prefixed():
    line = CsvLines().encode([ROW]).decode()
    assert line.startswith("\"'=HYPERLINK") and ",'@SUM(A1)," in line
    assert ",+8613800138000,-12,'-2+3+cmd," in line
    assert line.rstrip("\r\n").endswith(",7,true,")


@pytest.mark.parametrize("title", ["candidates", "mandate 12 pipeline with a long title beyond 31"])
def test_xlsx_cells_are_text_never_formulas(title):
    with xlsx_file(["a", "b", "c", "d", "e", "f", "g", "h", "i"], [ROW], title=title) as file:
        sheet = load_workbook(io.BytesIO(file.read())).worksheets[0]
    cells = [cell for cell in sheet[2]]
    assert [cell.data_type for cell in cells[:6]] == ["s"] * 6
    assert cells[0].value == ROW[0]
    assert cells[5].value == "bell"  # control characters Excel refuses are dropped
    assert (cells[6].value, cells[7].value, cells[8].value) == (7, True, None)
