"""One JSON record per line, as the standard `json` module reads and writes it, with orjson doing the work.

Our JSONL bytes are `json.dumps(record, ensure_ascii=False)` in UTF-8 (`", "` and `": "` between items, floats
as `repr`, non-ASCII characters as they are): that is the format every earlier output has, and it must not
change. orjson writes compact JSON, so it cannot write whole records; but it escapes a string exactly as `json`
does with `ensure_ascii=False` (checked on every code point in the tests), and strings are nearly all of a
record's bytes. `dumps_record` therefore writes the top-level object itself, each string, integer, boolean or
null value with orjson and any other value (metadata, details: dicts, lists, floats) with `json`.

`loads_record` reads a line with orjson where orjson's answer is `json.loads`'s: orjson refuses what `json`
refuses (invalid UTF-8, lone surrogates, control characters in strings, trailing data) and also some things
`json` reads (NaN and Infinity, numbers that overflow a float, a byte order mark); on any refusal the caller
reads the line with `json`, so errors and their messages are `json`'s own. orjson reads two things `json` does
not read the same way: an integer beyond 64 bits, which it turns into a float (a record holding a float is
read again with `json` when its line holds a run of 19 digits or more, found with `bytes.translate`, many times
faster than a regular expression), and nesting deeper than `json`'s recursion limit allows (a record nested
deeper than 100 levels is read again with `json`, which accepts or refuses it as before). orjson before 3.9.15
recurses without a limit and overflows the C stack on deep nesting (a 200,000-deep line ends the process), so
with those versions a line with more than 1,024 brackets never reaches orjson; later versions refuse nesting
deeper than 1,024 themselves, and the lines are not counted (two passes over every line's bytes).
"""

from __future__ import annotations

import json
from typing import Any

import orjson

__all__ = ["NOT_READ", "dumps_record", "loads_record"]

#: What `loads_record` returns for a line orjson leaves to `json`.
NOT_READ: Any = object()

_ENCODER = json.JSONEncoder(ensure_ascii=False)
#: Values orjson writes exactly as `json` does (an `int` beyond 64 bits makes orjson raise `TypeError`).
_ORJSON_TYPES = (str, int, bool, type(None))
#: `"key": ` of the keys seen, up to `_MAX_KEYS` of them.
_KEYS: dict[str, bytes] = {}
_MAX_KEYS = 4096
#: Every digit to "0": a run of 19 digits (which can exceed 2**63 - 1) is then a plain substring search.
_DIGITS_TO_ZERO = bytes.maketrans(b"0123456789", b"0" * 10)
_LONG_DIGITS = b"0" * 19
#: With an orjson that does not limit its recursion, a line with more brackets than this could be deep enough to
#: end the process, and goes to `json`, which raises `RecursionError` instead.
_MAX_OPENINGS = 1024
#: Whether orjson refuses nesting deeper than 1,024 levels itself (3.9.15 and later): then no line is counted.
_ORJSON_LIMITS_DEPTH = tuple(int(part) for part in orjson.__version__.split(".")[:3] if part.isdigit()) >= (3, 9, 15)
#: Values of a record `_left_to_json` need not look into.
_FLAT = frozenset((str, int, bool, type(None)))
#: Deeper records are read by `json`, whose limit is Python's recursion limit less the caller's depth.
_MAX_DEPTH = 100


def dumps_record(record: dict[str, Any], end: bytes = b"") -> bytes:
    """`json.dumps(record, ensure_ascii=False).encode("utf-8")` followed by `end`, byte for byte (same errors
    too), joined once: a record's text is copied once, not at every concatenation."""
    pieces = [b"{"]
    try:
        for key, value in record.items():
            prefix = _KEYS.get(key) if type(key) is str else None
            if prefix is None:
                prefix = _key_prefix(key)
            encoded = orjson.dumps(value) if type(value) in _ORJSON_TYPES else _ENCODER.encode(value).encode("utf-8")
            pieces += (prefix, encoded, b", ")
    except TypeError:  # a key json converts, a lone surrogate, an int beyond 64 bits: json's answer or error
        return json.dumps(record, ensure_ascii=False).encode("utf-8") + end
    if len(pieces) > 1:
        pieces.pop()  # the separator after the last item
    pieces += (b"}", end)
    return b"".join(pieces)


def _key_prefix(key: Any) -> bytes:
    """`"key": ` as bytes, remembered for the few hundred keys records have; `TypeError` for a key that is not
    a string (json converts numbers and booleans; the caller leaves the record to it)."""
    if type(key) is not str:
        raise TypeError(key)
    prefix = orjson.dumps(key) + b": "
    if len(_KEYS) < _MAX_KEYS:
        _KEYS[key] = prefix
    return prefix


def loads_record(raw: bytes) -> Any:
    """`json.loads` of one line of UTF-8 bytes, or `NOT_READ` when the line must be read with `json` itself."""
    if not _ORJSON_LIMITS_DEPTH and raw.count(b"[") + raw.count(b"{") > _MAX_OPENINGS:
        return NOT_READ
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return NOT_READ
    return NOT_READ if _left_to_json(record, raw) else record


def _left_to_json(record: Any, raw: bytes) -> bool:
    """Whether `json` must read `raw` after all: orjson read nesting deeper than `_MAX_DEPTH` (where `json` may
    raise `RecursionError`), or a float where the line holds 19 digits in a row (an integer beyond 64 bits)."""
    if type(record) is dict and _FLAT.issuperset(map(type, record.values())):
        return False  # no float, no nesting: the common record
    holds_float = type(record) is float
    stack = [(record, 1)] if type(record) in (dict, list) else []
    while stack:
        item, depth = stack.pop()
        if depth > _MAX_DEPTH:
            return True
        for child in item.values() if type(item) is dict else item:
            kind = type(child)
            if kind is float:
                holds_float = True
            elif kind is dict or kind is list:
                stack.append((child, depth + 1))
    return holds_float and _LONG_DIGITS in raw.translate(_DIGITS_TO_ZERO)
