"""dolma and datatrove read our output, dolma's fields survive a run, and the datatrove and datasets adapters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.dedup import DedupFilter
from cleaner.filters import EncodingTransform, LanguageFilter, QualityFilter
from cleaner.io.readers import iter_records
from cleaner.steps import ConfigError

SENTENCE = "Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết năm với nhiều đại biểu tham dự. "
DOLMA = {
    "id": "d1",
    "text": SENTENCE * 2,
    "source": "common-crawl",
    "added": "2024-01-01T00:00:00.000Z",
    "created": "2023-12-01T00:00:00.000Z",
    "version": "v1",
    "attributes": {"toxicity": [[0, 10, 0.1]]},
    "metadata": {"warc_url": "https://a.vn/1"},
    "lineage": "crawl-7",
}


def _dolma_document(record: dict) -> None:
    """dolma's document format: `id`, `text` and `source` strings; `added` and `created` ISO strings when there;
    `metadata` an object; `attributes` spans `[start, end, score]` by name."""
    assert isinstance(record["id"], str) and isinstance(record["text"], str) and isinstance(record["source"], str)
    for key in ("added", "created"):
        assert key not in record or isinstance(record[key], str)
    assert isinstance(record.get("metadata", {}), dict)
    for spans in record.get("attributes", {}).values():
        assert all(len(span) == 3 for span in spans)


@pytest.fixture
def dolma_run(tmp_path: Path) -> Path:
    path = tmp_path / "documents" / "part-0.jsonl.gz"
    source = tmp_path / "in.jsonl"
    plain = {"id": "p1", "text": "Một văn bản khác hẳn, viết cho hội nghị tổng kết của tỉnh năm nay."}
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (DOLMA, plain)), encoding="utf-8")
    assert main(["run", str(source), "-o", str(path), "-q", "--only", "encoding,language,quality"]) == 0
    return path


def test_dolma_fields_survive_and_every_record_is_a_dolma_document(dolma_run: Path):
    first, second = iter_records(dolma_run)
    for key in ("source", "added", "created", "version", "attributes", "lineage"):
        assert first[key] == DOLMA[key]
    assert first["metadata"]["warc_url"] == "https://a.vn/1" and first["metadata"]["language"] == "vi"
    assert second["source"] == "cleaner"
    for record in (first, second):
        _dolma_document(record)


def test_our_output_read_back_keeps_dolma_fields_and_provenance(dolma_run: Path, tmp_path: Path):
    again = tmp_path / "again.jsonl"
    assert main(["run", str(dolma_run), "-o", str(again), "-q", "--only", "quality"]) == 0
    first = next(iter_records(again))
    assert (first["source"], first["attributes"]) == ("common-crawl", DOLMA["attributes"])
    assert json.loads(first["metadata"]["source"]["previous"])["path"].endswith("in.jsonl")
    assert first["metadata"]["language"] == "vi"


def test_datatrove_reads_our_output_unchanged(dolma_run: Path):
    readers = pytest.importorskip("datatrove.pipeline.readers")
    docs = list(readers.JsonlReader(str(dolma_run.parent), glob_pattern=dolma_run.name)())
    assert [d.id for d in docs] == ["d1", "p1"]
    first = docs[0]
    assert first.text == DOLMA["text"].strip()
    assert first.metadata["language"] == "vi" and isinstance(first.metadata["events"], list)
    # datatrove's reader merges top-level fields into metadata: dolma's `source` name there, then
    assert first.metadata["source"] == "common-crawl" and first.metadata["added"] == DOLMA["added"]


def test_datatrove_step_runs_any_of_our_steps():
    pytest.importorskip("datatrove")
    from datatrove.data import Document as DatatroveDocument

    from cleaner.adapters.datatrove import CleanerStep

    docs = [
        DatatroveDocument(text=SENTENCE.strip(), id="a", metadata={"url": "https://a.vn/1"}),
        DatatroveDocument(text=SENTENCE.strip().upper(), id="b", metadata={}),
        DatatroveDocument(text="hai", id="c", metadata={}),
    ]
    step = CleanerStep([EncodingTransform(), LanguageFilter(), QualityFilter(), DedupFilter()])
    kept = list(step.run(iter(docs)))
    assert [d.id for d in kept] == ["a"]
    assert kept[0].metadata["url"] == "https://a.vn/1" and kept[0].metadata["language"] == "vi"
    assert kept[0].metadata["events"] == [] and kept[0].metadata["dedup"]["cluster_size"] == 2
    counts = {name: stat.total for name, stat in step.stats.stats.items()}
    assert counts["documents"] == 3 and counts["kept"] == 1
    assert counts["dedup.exact"] == 1 and counts["quality.too_few_words"] == 1


def test_datatrove_step_writes_dropped_documents_to_its_exclusion_writer(tmp_path: Path):
    pytest.importorskip("datatrove")
    from datatrove.data import Document as DatatroveDocument
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.adapters.datatrove import CleanerStep

    writer = JsonlWriter(str(tmp_path / "excluded"), compression=None)
    docs = [DatatroveDocument(text=SENTENCE.strip(), id="a"), DatatroveDocument(text="hai", id="b")]
    assert [d.id for d in CleanerStep([QualityFilter()], exclusion_writer=writer).run(iter(docs))] == ["a"]
    (excluded,) = [json.loads(line) for path in (tmp_path / "excluded").iterdir() for line in path.open()]
    assert excluded["id"] == "b" and excluded["metadata"]["cleaner_reason"] == "quality.too_few_words"
    assert excluded["metadata"]["cleaner_step"] == "quality"


def test_datasets_map_and_filter_functions():
    datasets = pytest.importorskip("datasets")
    from cleaner.adapters.hf_datasets import clean_example, keep_example

    rows = datasets.Dataset.from_dict({"id": ["a", "b"], "text": ["  " + SENTENCE + "\u200b", "hai"]})
    steps = [EncodingTransform(), QualityFilter()]
    cleaned = rows.map(clean_example(steps))
    assert cleaned["text"][0] == SENTENCE.strip() and cleaned["cleaner_kept"] == [True, False]
    assert cleaned["cleaner_reason"] == [None, "quality.too_few_words"]
    events = json.loads(cleaned["cleaner_metadata"][0])["events"]
    assert events and all(e["step"] == "encoding" for e in events)
    assert rows.filter(keep_example(steps))["id"] == ["a"]
    with pytest.raises(ConfigError, match="dedup need the whole stream"):
        clean_example([DedupFilter()])
