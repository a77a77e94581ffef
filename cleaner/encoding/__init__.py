"""Encoding machinery: legacy Vietnamese tables and detection, mojibake repair, tone placement, character
clean-up.

The pipeline step is `cleaner.filters.encoding.EncodingTransform`; byte decoding is `cleaner.io.decode`. Keys
for deduplication fold tone placement with `fold_tone_placement`.
"""

from cleaner.encoding import legacy_bound, vietnamese
from cleaner.encoding.legacy import CODECS, LegacyMatch, detect_legacy, detect_legacy_bytes, encode_legacy
from cleaner.encoding.tones import fold_tone_placement, to_new_style, to_old_style

__all__ = [
    "CODECS",
    "LegacyMatch",
    "clear_caches",
    "detect_legacy",
    "detect_legacy_bytes",
    "encode_legacy",
    "fold_tone_placement",
    "to_new_style",
    "to_old_style",
]


def clear_caches() -> None:
    """Forget the words classified so far: a benchmark's second pass over the same documents must not look
    faster for them (a real run meets each document once)."""
    vietnamese.is_syllable.cache_clear()
    vietnamese._classify.cache_clear()
    legacy_bound._can_be_syllable.cache_clear()
    legacy_bound._cluster_bound.cache_clear()
    legacy_bound._line_bound.cache_clear()
