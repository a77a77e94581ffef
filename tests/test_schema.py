"""One record schema for every output: HuggingFace `datasets` and pyarrow load any mix of outputs together."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.json as pa_json
import pytest

from cleaner import Document, Rejected
from cleaner.cli import main
from cleaner.io.readers import iter_records
from cleaner.schema import METADATA_KEYS, SOURCE_KEYS, features, metadata_to_record

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PAGE = """<html><head><title>Hội nghị</title>
<meta property="article:published_time" content="2024-03-05T10:00:00+07:00"></head><body><article>
<h1>Hội nghị tổng kết năm</h1><p>{}</p><p>The English paragraph is here for a second language.</p>
</article></body></html>"""
SENTENCE = "Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết năm với nhiều đại biểu tham dự. "
DOLMA = {
    "id": "d1",
    "text": SENTENCE * 3,
    "source": "common-crawl",
    "added": "2024-01-01T00:00:00.000Z",
    "created": "2023-12-01T00:00:00.000Z",
    "version": "v1",
    "attributes": {"toxicity": [[0, 10, 0.1]]},
    "metadata": {"url": "https://a.vn/bai-1"},
    "lineage": "crawl-7",
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three runs on three kinds of input, in three compressions."""
    root = tmp_path_factory.mktemp("outputs")
    (root / "pages").mkdir()
    (root / "pages" / "a.html").write_text(PAGE.format(SENTENCE * 3), encoding="utf-8")
    (root / "pages" / "empty.html").write_text("<html><body></body></html>", encoding="utf-8")
    dolma = root / "dolma.jsonl"
    dolma.write_text(json.dumps(DOLMA, ensure_ascii=False) + '\n{"id": "d2", "text": "hai"}\n', encoding="utf-8")
    runs = [(SEEDS, "text.jsonl"), (root / "pages", "pages.jsonl.gz"), (dolma, "dolma.jsonl.zst")]
    chain = ["--only", "extract,encoding,language,quality,dedup"]
    for source, name in runs:
        assert main(["run", str(source), "-o", str(root / name), "-q", *chain]) == 0
    return [root / name for _, name in runs]


def _records(path: Path) -> list[dict]:
    return list(iter_records(path))


def test_every_record_has_the_same_keys_in_the_same_order(outputs: list[Path]):
    kept = [r for path in outputs for r in _records(path)]
    assert len(kept) == 5 + 1 + 1
    for record in kept:
        assert [k for k in record if k in ("id", "text", "source", "metadata")] == ["id", "text", "source", "metadata"]
        assert list(record["metadata"])[: len(METADATA_KEYS)] == list(METADATA_KEYS)
        assert tuple(record["metadata"]["source"]) == SOURCE_KEYS
        shares = record["metadata"]["language_shares"]
        assert shares and all(set(item) == {"language", "share"} for item in shares)
    rejects = [r for path in outputs for r in _records(path.with_name(path.name.replace(".", ".rejects.", 1)))]
    assert {r["reason"] for r in rejects} == {"extract.no_content", "quality.too_few_words"}
    tops = {tuple(k for k in r if k not in ("added", "created", "version", "attributes", "lineage")) for r in rejects}
    assert tops == {("id", "reason", "step", "detail", "html", "text", "source", "metadata")}


def test_datasets_loads_three_different_outputs_together(outputs: list[Path]):
    datasets = pytest.importorskip("datasets")
    schema = features()
    for key in ("added", "created", "version", "lineage"):
        schema[key] = datasets.Value("string")
    schema["attributes"] = datasets.Json()
    loaded = datasets.load_dataset(
        "json", data_files=[str(p) for p in outputs], features=schema, split="train", cache_dir=str(outputs[0].parent)
    )
    assert loaded.num_rows == 7
    shares = loaded["metadata"][-2]["language_shares"]
    assert shares[0]["language"] == "vi" and {s["language"] for s in shares} == {"vi", "en"}
    page = next(m for m in loaded["metadata"] if m["source"]["path"].endswith("a.html"))
    # pyarrow's JSON reader takes ISO dates for timestamps; cast back to a string that is "2024-03-05 00:00:00"
    assert (page["date"][:10], page["date_source"]) == ("2024-03-05", "html")
    assert loaded["source"][-1] == "common-crawl" and loaded["lineage"][-1] == "crawl-7"


def test_pyarrow_reads_each_output_into_one_table(outputs: list[Path]):
    tables = [pa_json.read_json(path) for path in outputs]
    table = pa.concat_tables(tables, promote_options="permissive")
    assert table.num_rows == 7
    metadata = table.schema.field("metadata").type
    shares = metadata.field("language_shares").type
    assert shares == pa.list_(pa.struct([("language", pa.string()), ("share", pa.float64())]))
    source_types = {t.schema.field("metadata").type.field("source").type.names.__len__() for t in tables}
    assert source_types == {len(SOURCE_KEYS)}


def test_metadata_record_has_known_keys_in_order_then_the_inputs_own():
    metadata = {
        "mine": 1,
        "language": "vi",
        "source": {"path": "a.jsonl", "not_a_source_key": 5},
        "events": ["left by the input"],
        "zz": None,
        "url": "https://a.vn/",
        "language_shares": {"vi": 0.9, "en": 0.1},
    }
    out = metadata_to_record(metadata, [{"step": "s"}])
    assert list(out) == [*METADATA_KEYS, "mine", "zz"]
    assert out["source"] == {key: "a.jsonl" if key == "path" else None for key in SOURCE_KEYS}
    assert out["events"] == [{"step": "s"}]
    assert out["language_shares"] == [{"language": "vi", "share": 0.9}, {"language": "en", "share": 0.1}]
    assert (out["language"], out["url"], out["title"], out["mine"], out["zz"]) == ("vi", "https://a.vn/", None, 1, None)


def test_record_round_trip_restores_the_document():
    doc = Document(
        "d", "chữ", {"language_shares": {"vi": 0.9, "en": 0.1}, "source": {"path": "a", "previous": {"x": 1}}}
    )
    record = json.loads(json.dumps(Rejected(doc, "lang.not_allowed", "language").to_record()))
    assert record["metadata"]["language_shares"] == [
        {"language": "vi", "share": 0.9},
        {"language": "en", "share": 0.1},
    ]
    assert record["metadata"]["source"]["previous"] == '{"x": 1}' and record["html"] is None
    assert Document.from_record(record).metadata == doc.metadata


def test_duckdb_reads_the_outputs_together(outputs: list[Path]):
    duckdb = pytest.importorskip("duckdb")
    files = ", ".join(f"'{p}'" for p in outputs)
    rows = duckdb.sql(
        f"select id, metadata.language_shares[1].language, metadata.date_source from read_json_auto([{files}])"
    ).fetchall()
    assert len(rows) == 7 and {row[1] for row in rows} == {"vi"}
    assert [row[2] for row in rows if row[0].endswith("a.html")] == ["html"]
