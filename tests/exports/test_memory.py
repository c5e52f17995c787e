"""A long export holds one chunk at a time: its memory peak stays far below holding every row at once."""

import tracemalloc

import pytest

from crm.exports.datasets import candidate_rows, candidates_dataset
from crm.exports.services import dataset_chunks
from crm.exports.writers import CsvLines, xlsx_file
from talent.models import Candidate
from talent.serializers import CandidateSerializer

pytestmark = pytest.mark.django_db

ROWS = 2_000
CHUNK = 100


def peak_of(work) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_streaming_2000_candidates_peaks_far_below_materialising_them(firm, rf):
    Candidate.objects.bulk_create(
        Candidate(owner=firm.recruiter, native_name="张伟", english_name=f"Wei {n}", city="Beijing", expertise=["llm"])
        for n in range(ROWS)
    )
    request = rf.get("/")
    request.user = firm.admin

    def render(chunk: list) -> list[dict]:
        return CandidateSerializer(chunk, many=True, context={"request": request}).data

    dataset = candidates_dataset(rows=candidate_rows(firm.admin).order_by("id"), render=render)

    def stream_csv() -> None:
        lines = CsvLines()
        for chunk in dataset_chunks(dataset, chunk_size=CHUNK):
            lines.encode(chunk)

    def write_xlsx() -> None:
        rows = (row for chunk in dataset_chunks(dataset, chunk_size=CHUNK) for row in chunk)
        xlsx_file(dataset.header, rows, title="candidates").close()

    def materialise() -> None:
        rendered = render(list(dataset.rows))
        assert len(rendered) == ROWS + 4

    streamed, written, whole = peak_of(stream_csv), peak_of(write_xlsx), peak_of(materialise)

    assert streamed * 4 < whole
    assert written * 4 < whole
