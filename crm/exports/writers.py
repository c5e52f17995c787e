"""File formats of exports: CSV (the standard library's csv) and XLSX (openpyxl's write-only mode).

Neither holds more rows than it is handed: CSV is encoded a chunk of rows at
a time for a streamed response, XLSX is written row by row into a temporary
file (openpyxl's write-only mode writes inline strings, no shared table).

A cell that a spreadsheet would read as a formula (a name typed as
`=HYPERLINK(...)`) is written as text: CSV cells are prefixed with an
apostrophe (OWASP's advice for CSV injection), XLSX cells are typed as strings.
"""

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Sequence
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Leading characters that make a spreadsheet evaluate a cell. A phone number
# (+8613800138000) or a negative number starts with + or - and is left alone.
_FORMULA_START = ("=", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"[+-][\d .]*")
XLSX_CELL_MAX = 32_767  # characters Excel holds in one cell


def _is_formula_like(text: str) -> bool:
    if text.startswith(_FORMULA_START):
        return True
    return text.startswith(("+", "-")) and _SIGNED_NUMBER.fullmatch(text) is None


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return f"'{text}" if _is_formula_like(text) else text


CSV_BOM = "\ufeff".encode()  # so that Excel reads the UTF-8 (Chinese names) as UTF-8


class CsvLines:
    """Encodes rows as CSV lines, keeping nothing between calls."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer)

    def encode(self, rows: Iterable[Sequence]) -> bytes:
        for row in rows:
            self._writer.writerow([_csv_cell(cell) for cell in row])
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text.encode()


def _xlsx_cell(sheet, value):
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_MAX]
        cell = WriteOnlyCell(sheet, value=text)
        # openpyxl types a string starting with "=" as a formula: keep it text.
        cell.data_type = "s"
        return cell
    return value


def xlsx_file(header: Sequence[str], rows: Iterable[Sequence], *, title: str) -> IO[bytes]:
    """The XLSX workbook in an anonymous temporary file, rewound; closing it deletes it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([_xlsx_cell(sheet, name) for name in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    file = tempfile.TemporaryFile(suffix=".xlsx")
    try:
        workbook.save(file)
    except BaseException:
        file.close()
        raise
    file.seek(0)
    return file
