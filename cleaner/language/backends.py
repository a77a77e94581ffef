"""The n-gram detectors behind one interface, each seeded per detector object, never through global state.

`langdetect` (Python, 55 languages, 2014 profiles) and `langdetect-rs` (a Rust port that returns the very
same probabilities, bit for bit: checked on all 7,295 sentences of `fixtures/language/eval.tsv`, about 30x
faster). Both read their profiles from the installed package (langdetect-rs compiles them into its extension
module), so nothing is fetched at run time.

Each process loads a backend once, on first use, into its own `DetectorFactory` whose `seed` is set on the
instance: other code that changes `langdetect.DetectorFactory.seed` (a class attribute) does not change ours.

On langdetect-rs, a text is classified in one call into its Rust core (`detect_langs`, the path its own
module-level `detect_langs` takes) instead of through a `Detector` object, which prepares the text, cleans it and
runs the detection twice (once to look for features); same probabilities, about half the time on a short line.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any, Final

from cleaner.budget import not_counted
from cleaner.steps import ConfigError

__all__ = ["BACKENDS", "DEFAULT_BACKEND", "SEED", "Backend", "get_backend", "iso_code"]

log = logging.getLogger(__name__)

#: Backend name -> importable module.
BACKENDS: dict[str, str] = {"langdetect-rs": "langdetect_rs", "langdetect": "langdetect"}
DEFAULT_BACKEND: Final = "langdetect-rs"
#: The seed every detector object gets (langdetect draws 7 random trials per text).
SEED = 0
#: langdetect labels that are not ISO 639-1 codes.
_ISO = {"zh-cn": "zh", "zh-tw": "zh"}


def iso_code(label: str) -> str:
    """langdetect's label as an ISO 639-1 code (`zh-cn` and `zh-tw` are both `zh`)."""
    return _ISO.get(label, label)


class Backend:
    """One loaded detector: `probabilities(text)` -> [(iso code, probability)], most probable first."""

    def __init__(self, name: str) -> None:
        try:
            module: Any = importlib.import_module(BACKENDS[name])
        except ImportError as exc:
            raise ConfigError(
                f"language.backend {name!r} needs the {name!r} package: pip install {name} ({exc})"
            ) from None
        profiles = getattr(module, "PROFILES_DIRECTORY", None) or module.detector_factory.PROFILES_DIRECTORY
        factory = module.DetectorFactory()
        factory.load_profile(profiles)
        factory.seed = SEED
        self.name = name
        self._factory = factory
        self._error = module.LangDetectException
        self.languages = tuple(sorted({iso_code(x) for x in factory.get_lang_list()}))
        core = getattr(factory, "_core", None)
        seed_state = getattr(importlib.import_module(f"{BACKENDS[name]}._seed"), "seed_state", None) if core else None
        self._core_call = (core.detect_langs, seed_state(SEED)) if core and seed_state else None

    def probabilities(self, text: str) -> list[tuple[str, float]]:
        """Probabilities per language (labels merged to ISO codes); [] when the text has no features."""
        if self._core_call is not None:
            detect_langs, state = self._core_call
            found = detect_langs(text, state) or []
        else:
            found = self._detector_probabilities(text)
        merged: dict[str, float] = {}
        for label, probability in found:
            code = iso_code(label)
            merged[code] = merged.get(code, 0.0) + probability
        return sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))

    def _detector_probabilities(self, text: str) -> list[tuple[str, float]]:
        """Through a seeded `Detector` object: langdetect's own way."""
        detector = self._factory.create()
        detector.seed = SEED
        detector.append(text)
        try:
            return [(item.lang, item.prob) for item in detector.get_probabilities()]
        except self._error:
            return []


_LOADED: dict[str, Backend] = {}


def get_backend(name: str = DEFAULT_BACKEND) -> Backend:
    """The process's instance of backend `name`, loaded on first use (a worker process has its own)."""
    if name not in BACKENDS:
        raise ConfigError(f"language.backend must be one of {', '.join(map(repr, BACKENDS))}, got {name!r}")
    backend = _LOADED.get(name)
    if backend is None:
        log.debug("loading language backend %s", name)
        with not_counted():  # once per process: not the budget of the document that happens to come first
            backend = _LOADED[name] = Backend(name)
    return backend
