"""Running an export: rows read in chunks, rendered as the API renders them, written to a file, and recorded.

Memory stays bounded whatever the number of rows: the rows come from one
query read through a server-side cursor (`QuerySet.iterator`), the related
rows are prefetched and the API serializer runs per chunk (as for one page of
the API), and a chunk is encoded before the next is read. The API and the
admin both come through `export_response`, so both write an ExportRecord.
"""

import datetime as dt
from collections.abc import Iterator
from itertools import islice

from django.db.models import Model
from django.http import FileResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.http import content_disposition_header

from crm.exports.datasets import Dataset
from crm.exports.writers import CSV_BOM, CsvLines, xlsx_file
from crm.models import ExportRecord, Mandate

CHUNK_SIZE = 500
CONTENT_TYPES = {
    ExportRecord.Format.CSV: "text/csv; charset=utf-8",
    ExportRecord.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_record_start(
    *,
    user,
    api_key_name: str = "",
    kind: str,
    file_format: str,
    via: str,
    query: str,
    mandate: Mandate | None = None,
    now: dt.datetime,
) -> ExportRecord:
    return ExportRecord.objects.create(
        user=user,
        username=user.get_username(),
        api_key_name=api_key_name,
        kind=kind,
        file_format=file_format,
        via=via,
        query=query,
        mandate=mandate,
        started_at=now,
    )


def export_record_finish(*, record: ExportRecord, row_count: int, finished_at: dt.datetime | None) -> None:
    """Counts the rows sent; `finished_at` None marks a download that stopped before its end."""
    record.row_count = row_count
    record.finished_at = finished_at
    record.save(update_fields=["row_count", "finished_at"])


def dataset_chunks(dataset: Dataset, *, chunk_size: int = CHUNK_SIZE) -> Iterator[list[list]]:
    """The export's cells, one chunk of rows at a time."""
    # iterator() prefetches per chunk of `chunk_size` rows; slicing by the same size keeps the two in step.
    rows = dataset.rows.iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        rendered = dataset.render(chunk)
        cells = [dataset.cells(item) for item in rendered]
        _release(chunk, rendered)
        yield cells


def _release(chunk: list, rendered: list[dict]) -> None:
    # Left to the cycle collector, chunk after chunk would pile up until a full collection (~100 ms: not one
    # per chunk). A row and the model instances prefetched for it point at each other, and the serializer
    # that rendered the chunk holds the rows and the items it rendered in a cycle of its own (a ListSerializer
    # and its child). Dropping the prefetched instances, in related managers' caches or in `to_attr` lists,
    # emptying the chunk and emptying each item lets each chunk go at once. (A candidate's related rows,
    # talent.candidate_rows, are plain values that point nowhere: they go with the candidate.)
    for row in chunk:
        cache = getattr(row, "_prefetched_objects_cache", None)
        if cache:
            cache.clear()
        for value in vars(row).values():
            if isinstance(value, list) and value and isinstance(value[0], Model):
                value.clear()
    chunk.clear()
    for item in rendered:
        item.clear()


def export_response(
    *, dataset: Dataset, file_format: str, user, api_key_name: str = "", via: str, query: str
) -> HttpResponseBase:
    """The export as a download, recorded: XLSX written to a temporary file in the view, CSV streamed after it."""
    now = timezone.now()
    name = f"{dataset.title.replace(' ', '-')}-{now:%Y%m%d-%H%M%S}.{file_format}"
    record_fields = {
        "user": user,
        "api_key_name": api_key_name,
        "kind": dataset.kind,
        "file_format": file_format,
        "via": via,
        "query": query,
        "mandate": dataset.mandate,
    }
    if file_format == ExportRecord.Format.XLSX:
        counted = _Counted(dataset_chunks(dataset))
        file = xlsx_file(dataset.header, counted.rows(), title=dataset.title)
        record = export_record_start(**record_fields, now=now)
        export_record_finish(record=record, row_count=counted.total, finished_at=timezone.now())
        return FileResponse(file, as_attachment=True, filename=name, content_type=CONTENT_TYPES[file_format])
    # The stream is read after the view has returned (and its transaction committed; outside one, the cursor is
    # held across commits). A value the database refuses (a time zone offset past ±16 hours) must be an error
    # response now, not a download broken midway: the same WHERE, run once.
    dataset.rows.exists()
    record = export_record_start(**record_fields, now=now)
    return StreamingHttpResponse(
        _csv_body(dataset.header, dataset_chunks(dataset), record),
        content_type=CONTENT_TYPES[file_format],
        headers={"Content-Disposition": content_disposition_header(as_attachment=True, filename=name)},
    )


class _Counted:
    def __init__(self, chunks: Iterator[list[list]]) -> None:
        self.chunks = chunks
        self.total = 0

    def rows(self) -> Iterator[list]:
        for chunk in self.chunks:
            yield from chunk
            self.total += len(chunk)


def _csv_body(header: list[str], chunks: Iterator[list[list]], record: ExportRecord) -> Iterator[bytes]:
    lines = CsvLines()
    sent = 0
    finished_at = None
    try:
        yield CSV_BOM + lines.encode([header])
        for chunk in chunks:
            if chunk:
                sent += len(chunk)
                yield lines.encode(chunk)
        finished_at = timezone.now()
    finally:
        # Also when the client goes away mid-download (the server closes this generator): the record keeps
        # what was sent, unfinished.
        export_record_finish(record=record, row_count=sent, finished_at=finished_at)
