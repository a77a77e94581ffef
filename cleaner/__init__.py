"""cleaner: turn scraped web pages into a clean text corpus with provenance.

The public API: documents and steps, the pipeline, the config loader, and the readers and writers the command
line uses (see the README's "Python" section).

from cleaner import Pipeline, Document
from cleaner.filters import LanguageFilter
"""

__version__ = "0.1.0"

from cleaner.config import PipelineSpec, build_steps, load_spec
from cleaner.document import Document, Drop, Event, Rejected
from cleaner.errors import WorkerDied
from cleaner.io.readers import ReaderOptions, iter_records, read_inputs
from cleaner.io.writers import JsonlWriter, output_paths, write_json
from cleaner.pipeline import Pipeline
from cleaner.steps import ConfigError, DocumentStep, DocumentStepConfig, Step, StepConfig, StreamStep

__all__ = [
    "ConfigError",
    "Document",
    "DocumentStep",
    "DocumentStepConfig",
    "Drop",
    "Event",
    "JsonlWriter",
    "Pipeline",
    "PipelineSpec",
    "ReaderOptions",
    "Rejected",
    "Step",
    "StepConfig",
    "StreamStep",
    "WorkerDied",
    "__version__",
    "build_steps",
    "iter_records",
    "load_spec",
    "output_paths",
    "read_inputs",
    "write_json",
]
