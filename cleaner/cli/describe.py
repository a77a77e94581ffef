"""`cleaner check` and `cleaner filters`: describe steps without running them.

`check` builds every step of a pipeline file's chain, so every parameter is validated, and prints the chain
resolved; `filters` lists every built-in step with its parameters, defaults, allowed values and reason codes
(as text, or as JSON for tools).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from typing import Any

from cleaner.chain import check_chain
from cleaner.cli.spec import pipeline_spec
from cleaner.config import build_steps
from cleaner.params import allowed, choices, descriptions, hints
from cleaner.pipeline import Pipeline
from cleaner.registry import BUILTIN_STEPS, DEFAULT_CHAIN, step_class

__all__ = ["check_command", "filters_command"]


def check_command(args: argparse.Namespace) -> int:
    """Build every step of the file's chain (so every parameter is checked) and print it resolved."""
    spec = pipeline_spec(args)
    pipeline = Pipeline(build_steps(spec))
    check_chain(spec.names())
    print(f"{args.config}: {len(pipeline.steps)} steps, config sha256 {pipeline.config_hash[:12]}")
    for number, step in enumerate(pipeline.steps, 1):
        print(f"{number:3}. {step.name} v{step.version}")
        for key, value in dataclasses.asdict(step.config).items():
            print(f"       {key} = {json.dumps(value, ensure_ascii=False, default=str)}")
    return 0


def filters_command(args: argparse.Namespace) -> int:
    """Every built-in step: version, summary, whether the default chain runs it, parameters, reason codes."""
    listing: list[dict[str, Any]] = []
    for name in BUILTIN_STEPS:
        cls = step_class(name)
        params = []
        types, described = hints(cls.Config), descriptions(cls.Config)
        for field in dataclasses.fields(cls.Config):
            params.append(
                {
                    "name": field.name,
                    "type": str(field.type),
                    "allowed": allowed(types[field.name]),
                    "choices": choices(types[field.name]),
                    "default": field.default,
                    "description": described.get(field.name, ""),
                }
            )
        doc = (cls.__doc__ or "").strip().splitlines()
        listing.append(
            {
                "name": name,
                "class": f"{cls.__module__}.{cls.__name__}",
                "version": cls.version,
                "default": name in DEFAULT_CHAIN,
                "summary": doc[0] if doc else "",
                "reasons": list(cls.reasons),
                "parameters": params,
            }
        )
    if args.json:
        print(json.dumps(listing, ensure_ascii=False, indent=2, default=list))
        return 0
    for entry in listing:
        flag = "" if entry["default"] else "  (not in the default chain)"
        print(f"{entry['name']} v{entry['version']}: {entry['summary']}{flag}")
        for param in entry["parameters"]:
            default = json.dumps(param["default"], ensure_ascii=False, default=list)
            print(f"    {param['name']} = {default}    ({param['allowed']})")
            if param["description"]:
                print(f"        {param['description']}")
        if entry["reasons"]:
            print(f"    drops with: {', '.join(entry['reasons'])}")
    return 0
