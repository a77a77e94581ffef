"""Encoding machinery: legacy Vietnamese tables and detection, mojibake repair, tone placement, character
clean-up.

The pipeline step is `cleaner.filters.encoding.EncodingTransform`; byte decoding is `cleaner.io.decode`. Keys
for deduplication fold tone placement with `fold_tone_placement`.
"""

from cleaner.encoding.legacy import CODECS, LegacyMatch, detect_legacy, detect_legacy_bytes, encode_legacy
from cleaner.encoding.tones import fold_tone_placement, to_new_style, to_old_style

__all__ = [
    "CODECS",
    "LegacyMatch",
    "detect_legacy",
    "detect_legacy_bytes",
    "encode_legacy",
    "fold_tone_placement",
    "to_new_style",
    "to_old_style",
]
