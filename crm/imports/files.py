"""Reading an uploaded CSV or XLSX file into a header and rows of text, with django-import-export's formats.

CSV text is decoded as UTF-8 (with or without the byte-order mark Excel writes)
and otherwise as GB18030, the superset of GBK that Chinese Excel saves in.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from import_export.formats.base_formats import CSV, XLSX

FORMATS = {"csv": CSV, "xlsx": XLSX}
ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class Table:
    file_format: str
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line in the file, cells)


def cell_text(value) -> str:
    """A cell as text: dates as ISO days, whole numbers without '.0' (Excel stores phones as numbers)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def format_of(file_name: str) -> str:
    extension = file_name.rpartition(".")[2].lower()
    if extension not in FORMATS:
        raise ValidationError({"file": "Upload a .csv or .xlsx file."})
    return extension


def _decode(data: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError({"file": "The CSV file is neither UTF-8 nor GB18030 text."})


def read_table(*, file_name: str, data: bytes) -> Table:
    """The file's first sheet: unique non-empty headers, then every non-blank row padded to the header's width."""
    file_format = format_of(file_name)
    try:
        if file_format == "csv":
            dataset = CSV().create_dataset(_decode(data))
        else:
            dataset = XLSX().create_dataset(data)
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - any failure of a third-party parser on a user's file is that file's fault
        raise ValidationError({"file": f"This is not a readable {file_format.upper()} file."}) from None
    headers = [cell_text(header) for header in dataset.headers or []]
    if not any(headers):
        raise ValidationError({"file": "The first line must name the columns."})
    named = [header for header in headers if header]
    if len(set(named)) != len(named):
        raise ValidationError({"file": "Two columns have the same name."})
    rows = []
    for line, row in enumerate(dataset, start=2):
        texts = [cell_text(value) for value in row]
        if any(texts):
            rows.append((line, (texts + [""] * len(headers))[: len(headers)]))
    return Table(file_format=file_format, headers=headers, rows=rows)
