"""A datatrove pipeline step that runs cleaner steps (needs the `datatrove` package).

    from datatrove.pipeline.readers import JsonlReader
    from cleaner.adapters.datatrove import CleanerStep
    from cleaner.filters import LanguageFilter, QualityFilter

    pipeline = [JsonlReader("in/"), CleanerStep([LanguageFilter(languages=["vi"]), QualityFilter()]), ...]

Any step works, stateful ones (dedup, templates) included: they see the documents of one datatrove task. A kept
document's metadata gains cleaner's record metadata (`events`, language, quality, ...; `cleaner.schema`), its own
keys staying as they were; a dropped one is counted under its reason code and, with `exclusion_writer`, written
there with `cleaner_reason` and `cleaner_step` in its metadata.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from datatrove.data import Document as DatatroveDocument
from datatrove.pipeline.base import PipelineStep

from cleaner.document import Document, Rejected
from cleaner.pipeline import Pipeline
from cleaner.steps import Step

__all__ = ["CleanerStep"]


class CleanerStep(PipelineStep):
    """Run cleaner `steps` over a datatrove document stream, keeping cleaner's events in the metadata."""

    name = "cleaner"
    type = "Cleaner"

    def __init__(self, steps: Sequence[Step], exclusion_writer: Any = None) -> None:
        super().__init__()
        self.steps = list(steps)
        self.exclusion_writer = exclusion_writer

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Iterator[DatatroveDocument]:
        originals: dict[str, dict[str, Any]] = {}

        def ours() -> Iterator[Document]:
            for doc in data or ():
                self.stat_update("documents")
                originals[doc.id] = dict(doc.metadata)
                yield Document(id=doc.id, text=doc.text)

        writer = self.exclusion_writer
        with writer if writer is not None else _Nothing() as excluded:
            for item in Pipeline(self.steps).run(ours()):
                if isinstance(item, Rejected):
                    self.stat_update(item.reason)
                    if excluded is not None:
                        out = _datatrove(item.document, originals.pop(item.document.id, {}))
                        out.metadata |= {"cleaner_reason": item.reason, "cleaner_step": item.step}
                        excluded.write(out, rank)
                    continue
                self.stat_update("kept")
                self.update_doc_stats(out := _datatrove(item, originals.pop(item.id, {})))
                yield out


def _datatrove(doc: Document, original: dict[str, Any]) -> DatatroveDocument:
    metadata = {**doc.to_record()["metadata"], **original}
    return DatatroveDocument(text=doc.text, id=doc.id, metadata=metadata)


class _Nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
