"""A long export holds one chunk at a time: its memory peak stays far below holding every row at once."""

import tracemalloc

import pytest

from crm.exports.datasets import candidate_rows, candidates_dataset
from crm.exports.services import dataset_chunks
from crm.exports.writers import CsvLines, xlsx_file
from talent.models import Candidate
from talent.serializers import CandidateSerializer

pytestmark = pytest.mark.django_db

ROWS = 3_000
CHUNK = 100


def peak_of(work) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_streaming_peaks_stay_flat_as_the_rows_grow_and_far_below_materialising_them(firm, rf):
    Candidate.objects.bulk_create(
        Candidate(owner=firm.recruiter, native_name="张伟", english_name=f"Wei {n}", city="Beijing", expertise=["llm"])
        for n in range(ROWS)
    )
    request = rf.get("/")
    request.user = firm.admin

    def render(chunk: list) -> list[dict]:
        return CandidateSerializer(chunk, many=True, context={"request": request}).data

    everyone = candidate_rows(firm.admin).order_by("id")
    first_third = everyone.filter(pk__in=everyone.values("pk")[: ROWS // 3])

    def peaks(rows) -> tuple[int, int, int]:
        dataset = candidates_dataset(rows=rows, render=render)

        def stream_csv() -> None:
            lines = CsvLines()
            for chunk in dataset_chunks(dataset, chunk_size=CHUNK):
                lines.encode(chunk)

        def write_xlsx() -> None:
            rows = (row for chunk in dataset_chunks(dataset, chunk_size=CHUNK) for row in chunk)
            xlsx_file(dataset.header, rows, title="candidates").close()

        def materialise() -> None:
            render(list(dataset.rows))

        return peak_of(stream_csv), peak_of(write_xlsx), peak_of(materialise)

    small, large = peaks(first_third), peaks(everyone)

    # Three times the rows: holding them all takes about three times the memory, streaming them does not.
    assert large[2] > 2.5 * small[2]
    assert large[0] < 1.25 * small[0]
    assert large[1] < 1.25 * small[1]
    assert large[0] * 4 < large[2]
    assert large[1] * 2 < large[2]
