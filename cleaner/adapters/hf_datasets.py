"""Functions for HuggingFace `datasets`: `Dataset.map(clean_example(steps))` and `Dataset.filter(keep_example(steps))`.

    from cleaner.adapters.hf_datasets import clean_example
    from cleaner.filters import EncodingTransform, QualityFilter

    cleaned = dataset.map(clean_example([EncodingTransform(), QualityFilter()]))
    kept = cleaned.filter(lambda row: row["cleaner_kept"])

Only per-document steps: `map` and `filter` see one example at a time, in any order and in several processes,
so a step that needs the whole stream (dedup, templates, repeated_lines) is refused; run those with
`cleaner.Pipeline` over the dataset's rows instead. The columns added have one type whatever the step did:
`cleaner_kept` (bool), `cleaner_reason` (the reason code, or None) and `cleaner_metadata` (the record's metadata
with its events, as a JSON string).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from cleaner.document import Document, Drop
from cleaner.errors import ConfigError
from cleaner.steps import DocumentStep, Step

__all__ = ["clean_example", "keep_example"]


def clean_example(steps: Sequence[Step], text_field: str = "text", id_field: str = "id") -> Callable[..., Any]:
    """A function for `Dataset.map`: the example's cleaned text and the `cleaner_*` columns."""
    chain = _per_document(steps)

    def clean(example: dict[str, Any]) -> dict[str, Any]:
        doc, reason = _apply(
            chain, Document(id=str(example.get(id_field, "")), text=str(example.get(text_field) or ""))
        )
        return {
            text_field: doc.text,
            "cleaner_kept": reason is None,
            "cleaner_reason": reason,
            "cleaner_metadata": json.dumps(doc.to_record()["metadata"], ensure_ascii=False),
        }

    return clean


def keep_example(steps: Sequence[Step], text_field: str = "text") -> Callable[[dict[str, Any]], bool]:
    """A predicate for `Dataset.filter`: whether the steps keep the example's text."""
    chain = _per_document(steps)
    return lambda example: _apply(chain, Document(id="example", text=str(example.get(text_field) or "")))[1] is None


def _apply(chain: list[DocumentStep], doc: Document) -> tuple[Document, str | None]:
    """The document as the last step left it, and the reason code of the step that dropped it (or None)."""
    for step in chain:
        outcome = step.process(doc)
        if isinstance(outcome, Drop):
            return doc, outcome.reason
        doc = outcome
    return doc, None


def _per_document(steps: Sequence[Step]) -> list[DocumentStep]:
    chain = [step for step in steps if isinstance(step, DocumentStep)]
    if len(chain) < len(steps):
        stateful = ", ".join(step.name for step in steps if not isinstance(step, DocumentStep))
        raise ConfigError(
            f"{stateful} need the whole stream and cannot run in Dataset.map or Dataset.filter; "
            "run them with cleaner.Pipeline"
        )
    return chain
