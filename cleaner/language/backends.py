"""The n-gram detectors behind one interface, each seeded per detector object, never through global state.

`langdetect` (Python, 55 languages, 2014 profiles) and `langdetect-rs` (a Rust port that returns the very
same probabilities, bit for bit: checked on all 7,295 sentences of `fixtures/language/eval.tsv`, about 30x
faster). Both read their profiles from the installed package (langdetect-rs compiles them into its extension
module), so nothing is fetched at run time.

Each process loads a backend once, on first use, into its own `DetectorFactory` whose `seed` is set on the
instance: other code that changes `langdetect.DetectorFactory.seed` (a class attribute) does not change ours.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any, Final

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

    def probabilities(self, text: str) -> list[tuple[str, float]]:
        """Probabilities per language (labels merged to ISO codes); [] when the text has no features."""
        detector = self._factory.create()
        detector.seed = SEED
        detector.append(text)
        try:
            found = detector.get_probabilities()
        except self._error:
            return []
        merged: dict[str, float] = {}
        for item in found:
            code = iso_code(item.lang)
            merged[code] = merged.get(code, 0.0) + item.prob
        return sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))


_LOADED: dict[str, Backend] = {}


def get_backend(name: str = DEFAULT_BACKEND) -> Backend:
    """The process's instance of backend `name`, loaded on first use (a worker process has its own)."""
    if name not in BACKENDS:
        raise ConfigError(f"language.backend must be one of {', '.join(map(repr, BACKENDS))}, got {name!r}")
    backend = _LOADED.get(name)
    if backend is None:
        log.debug("loading language backend %s", name)
        backend = _LOADED[name] = Backend(name)
    return backend
