"""DocumentBuffer: the documents dedup holds until its input ends, in memory or spilled, in order."""

import pytest

from cleaner.dedup.buffer import DocumentBuffer
from cleaner.document import Document


@pytest.mark.parametrize("limit", [None, 0, 3, 7], ids=lambda x: f"limit-{x}")
def test_document_buffer_keeps_order_and_random_access(limit: int | None) -> None:
    buffer = DocumentBuffer(limit)
    docs = [Document(f"d{i}", f"text {i}") for i in range(12)]
    for lo in range(0, 12, 5):
        buffer.extend(docs[lo : lo + 5])
    try:
        assert [d.id for d in buffer] == [d.id for d in docs]
        assert [buffer.get(i).text for i in (11, 0, 5, 6)] == ["text 11", "text 0", "text 5", "text 6"]
    finally:
        buffer.close()
