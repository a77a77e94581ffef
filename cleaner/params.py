"""Step parameters: checked and coerced against their annotations, and described for `cleaner filters`.

One checker serves every step, so `extract.fast = "no"` or `quality.min_words = 3.5` stops a run before it starts
with a message naming the field, the value and what is allowed. The annotations a config may use: `bool`, `int`,
`float`, `str`, `Literal[...]` (a choice), `tuple[str, ...]` (a list), `tuple[float, float]` (a pair), each
optionally `| None`. Values arrive from TOML, `--set` or Python: a list becomes a tuple so configs stay hashable, a
comma-separated string is a list of strings (`--set language.languages=vi,en`), and the string "none" is None
where None is allowed (TOML has no null). An int is a float; a float is not an int; a bool is neither.
"""

from __future__ import annotations

import dataclasses
import difflib
import inspect
import re
import types
import typing
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from cleaner.errors import ConfigError

if TYPE_CHECKING:
    from cleaner.steps import StepConfig

__all__ = ["allowed", "check_params", "choices", "descriptions", "did_you_mean", "hints"]

_NONE = type(None)
_ANNOTATED_FIELD = re.compile(r"^\s+(\w+)\s*:")


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest known name, or an empty string."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def hints(config: type[StepConfig]) -> dict[str, Any]:
    """Each field's resolved annotation."""
    resolved = typing.get_type_hints(config)
    return {f.name: resolved[f.name] for f in dataclasses.fields(config)}


def check_params(step: str, config: type[StepConfig], params: dict[str, Any]) -> dict[str, Any]:
    """`params` checked against `config`'s fields and coerced; `ConfigError` for an unknown name or a wrong type."""
    known = hints(config)
    checked: dict[str, Any] = {}
    for name, value in params.items():
        if name not in known:
            raise ConfigError(
                f"{step}: unknown parameter {name!r}{did_you_mean(name, known)}; known: {', '.join(known) or 'none'}"
            )
        checked[name] = _coerce(f"{step}.{name}", value, known[name])
    return checked


def allowed(hint: Any) -> str:
    """What a value of this annotation may be, in words: `an integer or none`, `one of 'a', 'b'`."""
    options = [a for a in typing.get_args(hint) if a is not _NONE] if _is_union(hint) else [hint]
    words = " or ".join(_words(option) for option in options)
    return f"{words} or none" if _is_union(hint) else words


def choices(hint: Any) -> list[Any] | None:
    """The values of a `Literal` annotation (optional or not), else None."""
    for option in typing.get_args(hint) if _is_union(hint) else [hint]:
        if typing.get_origin(option) is Literal:
            return list(typing.get_args(option))
    return None


def descriptions(config: type[StepConfig]) -> dict[str, str]:
    """Each field's `#:` comment, joined into one line (the comments are the parameters' documentation), from
    the config class and the config classes it derives from."""
    found: dict[str, str] = {}
    for klass in reversed(config.__mro__):
        if not dataclasses.is_dataclass(klass):
            continue
        comment: list[str] = []
        for line in inspect.getsource(klass).splitlines():
            stripped = line.strip()
            if stripped.startswith("#:"):
                comment.append(stripped[2:].strip())
                continue
            match = _ANNOTATED_FIELD.match(line)
            if match and comment:
                found[match.group(1)] = " ".join(comment)
            comment = []
    return found


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def _words(hint: Any) -> str:
    if hint is bool:
        return "true or false"
    if hint is int:
        return "an integer"
    if hint is float:
        return "a number"
    if hint is str:
        return "a string"
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Literal:
        return "one of " + ", ".join(map(repr, args))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return f"a list of {_words(args[0]).removeprefix('a ').removeprefix('an ')}s"
    if origin is tuple:
        return f"a list of {len(args)} values ({', '.join(_words(a) for a in args)})"
    return str(hint)


def _coerce(field: str, value: Any, hint: Any) -> Any:
    if _is_union(hint):
        is_none = value is None or (isinstance(value, str) and value.strip().lower() == "none")
        if is_none and _NONE in typing.get_args(hint):
            return None
        for option in (a for a in typing.get_args(hint) if a is not _NONE):
            try:
                return _coerce(field, value, option)
            except ConfigError:
                continue
        _fail(field, value, hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Literal:
        if value in args and any(type(value) is type(a) for a in args):
            return value
        hint_text = did_you_mean(value, args) if isinstance(value, str) else ""
        raise ConfigError(f"{field} must be {allowed(hint)}, got {value!r}{hint_text}")
    if origin is tuple:
        return _coerce_tuple(field, value, hint, args)
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if hint in (bool, int, str) and type(value) is hint:
        return value
    _fail(field, value, hint)


def _coerce_tuple(field: str, value: Any, hint: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    if isinstance(value, str) and args[-1] is Ellipsis and args[0] is str:
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list | tuple):
        _fail(field, value, hint)
    types = [args[0]] * len(value) if args[-1] is Ellipsis else list(args)
    if len(value) != len(types):
        _fail(field, value, hint)
    try:
        return tuple(_coerce(field, item, arg) for item, arg in zip(value, types, strict=True))
    except ConfigError:
        _fail(field, value, hint)


def _fail(field: str, value: Any, hint: Any) -> typing.NoReturn:
    raise ConfigError(f"{field} must be {allowed(hint)}, got {value!r} ({type(value).__name__})")
