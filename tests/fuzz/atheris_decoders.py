"""atheris (coverage-guided, libFuzzer) on the byte decoders: `decode_bytes`, zstd frames and bounded lines.

Run by `nox -s fuzz` (`python tests/fuzz/atheris_decoders.py -runs=N`), not by the test suite: atheris is an
optional tool, installed by that session only. A finding is a Python exception other than the ones each decoder
documents, or decoded text that UTF-8 cannot encode.
"""

from __future__ import annotations

import io
import sys

import atheris

with atheris.instrument_imports():
    from cleaner.io.decode import DecodeError, decode_bytes
    from cleaner.io.streams import TRUNCATED, TooLarge, ZstdStream, bounded_lines


def one_input(data: bytes) -> None:
    fuzzed = atheris.FuzzedDataProvider(data)
    declared = fuzzed.PickValueInList([None, "utf-8", "windows-1258", "tcvn3", "latin-1", "bogus"])
    payload = fuzzed.ConsumeBytes(fuzzed.remaining_bytes())
    try:
        decoded = decode_bytes(payload, declared)
    except DecodeError:
        pass
    else:
        decoded.text.encode("utf-8")
    try:
        with io.BufferedReader(ZstdStream(io.BytesIO(payload))) as stream:
            for line in bounded_lines(stream, 256):
                assert isinstance(line, bytes | TooLarge)
    except TRUNCATED:
        pass
    total = sum(
        line.size if isinstance(line, TooLarge) else len(line) for line in bounded_lines(io.BytesIO(payload), 16)
    )
    assert total <= len(payload)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
