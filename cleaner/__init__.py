"""cleaner: turn scraped web pages into a clean text corpus with provenance.

from cleaner import Pipeline, Document
from cleaner.filters import LanguageFilter
"""

__version__ = "0.1.0"

from cleaner.document import Document, Drop, Event, Rejected
from cleaner.pipeline import Pipeline
from cleaner.steps import ConfigError, DocumentStep, Step, StepConfig, StreamStep

__all__ = [
    "ConfigError",
    "Document",
    "DocumentStep",
    "Drop",
    "Event",
    "Pipeline",
    "Rejected",
    "Step",
    "StepConfig",
    "StreamStep",
    "__version__",
]
