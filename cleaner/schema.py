"""The output record: the same keys, in the same order and with the same types, for every record of every run.

Loaders that infer a schema per file (pyarrow, duckdb, HuggingFace `datasets`) then read any mix of our outputs:

* a kept record is `{"id", "text", "source", ...input fields..., "metadata"}`; a rejected one adds `reason`,
  `step`, `detail` and `html` (null unless the page was never extracted) after the id;
* `source` at the top is dolma's required dataset name: the input record's own `source`, else `"cleaner"`; other
  top-level fields of a JSONL input (dolma's `added`, `created`, `version`, `attributes`, or any other) are
  written back unchanged;
* `metadata` holds every key of `METADATA_KEYS`, null where unknown, then any key the input brought;
  `metadata.source` every key of `SOURCE_KEYS`, whatever the input kind (`previous`, the source of a record read
  back from an earlier output, is a JSON string); `language_shares` is a list of `{"language", "share"}` objects
  and `pipeline.models` a list of `{"step", "name", "version", "sha256"}`, never objects keyed by data.

`features()` is that schema for `datasets.load_dataset("json", ..., features=features())`: events and reject
details, whose keys depend on the rule, are JSON values there. Documents in memory keep sparse metadata and
`language_shares` as a dict; the conversion happens here only, when a record is written or read.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = [
    "DEFAULT_SOURCE",
    "METADATA_KEYS",
    "SCHEMA_VERSION",
    "SOURCE_KEYS",
    "features",
    "metadata_from_record",
    "metadata_to_record",
]

#: Bumped whenever the record layout changes (written in `metadata.pipeline.schema`).
SCHEMA_VERSION = 2

#: dolma's `source` for documents whose input named none.
DEFAULT_SOURCE = "cleaner"

SOURCE_KEYS = (
    "path",
    "line",
    "offset",
    "record_id",
    "refers_to",
    "warc_date",
    "sha256",
    "encoding",
    "encoding_evidence",
    "declared_encoding",
    "previous",
)

METADATA_KEYS = (
    "source",
    "url",
    "title",
    "date",
    "date_source",
    "author",
    "sitename",
    "description",
    "categories",
    "tags",
    "cc_languages",
    "language",
    "language_score",
    "language_shares",
    "vi_diacritics_ratio",
    "vi_no_diacritics",
    "quality",
    "dedup",
    "pipeline",
    "events",
)


def metadata_to_record(metadata: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    """A document's metadata as written: every known key in order (null where unknown), then the input's own."""
    out = dict.fromkeys(METADATA_KEYS)
    out.update(metadata)  # known keys keep their place, the input's own follow in their order
    out["source"] = _source_to_record(metadata.get("source") or {})
    shares = metadata.get("language_shares")
    if isinstance(shares, dict):
        out["language_shares"] = [{"language": code, "share": share} for code, share in shares.items()]
    out["events"] = events
    return out


def metadata_from_record(metadata: dict[str, Any]) -> dict[str, Any]:
    """Back to a document's sparse metadata: nulls dropped, `language_shares` a dict, `previous` an object."""
    out = {key: value for key, value in metadata.items() if not (key in METADATA_KEYS and value is None)}
    if isinstance(out.get("source"), dict):
        source = {key: value for key, value in out["source"].items() if value is not None}
        if isinstance(source.get("previous"), str):
            source["previous"] = json.loads(source["previous"])
        if source:
            out["source"] = source
        else:
            del out["source"]
    shares = out.get("language_shares")
    if isinstance(shares, list):
        out["language_shares"] = {item["language"]: item["share"] for item in shares}
    return out


def _source_to_record(source: dict[str, Any]) -> dict[str, Any]:
    out = {key: source.get(key) for key in SOURCE_KEYS}
    if out["previous"] is not None and not isinstance(out["previous"], str):
        out["previous"] = json.dumps(out["previous"], ensure_ascii=False, sort_keys=True)
    return out


def features(rejects: bool = False) -> Any:
    """The record schema as `datasets.Features` (needs the `datasets` package). Keys an input brought of its own
    (top-level or in metadata) are not in it: add them (`features["metadata"]["my_key"] = Value("string")`)."""
    from datasets import Features, Json, List, Value

    string, number, integer, flag = Value("string"), Value("float64"), Value("int64"), Value("bool")
    source = {key: integer if key in ("line", "offset") else string for key in SOURCE_KEYS}
    metadata = {
        "source": source,
        **{key: string for key in ("url", "title", "date", "date_source", "author", "sitename", "description")},
        "categories": List(string),
        "tags": List(string),
        "cc_languages": List(string),
        "language": string,
        "language_score": number,
        "language_shares": List({"language": string, "share": number}),
        "vi_diacritics_ratio": number,
        "vi_no_diacritics": flag,
        "quality": {"chars": integer, "words": integer, "alpha_words_ratio": number},
        "dedup": {"cluster": string, "cluster_size": integer, "key_hash": string},
        "pipeline": {
            "cleaner": string,
            "schema": integer,
            "config_sha256": string,
            "steps": List(string),
            "models": List({"step": string, "name": string, "version": integer, "sha256": string}),
        },
        "events": List(Json()),
    }
    head: dict[str, Any] = {"id": string}
    if rejects:
        head |= {"reason": string, "step": string, "detail": Json(), "html": string}
    return Features({**head, "text": string, "source": string, "metadata": metadata})
