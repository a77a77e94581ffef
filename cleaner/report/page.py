"""One self-contained HTML page: style, body, and Vega-Lite charts drawn by the JavaScript inlined in the page.

The Vega, Vega-Lite and vega-embed bundle comes from `vl-convert-python` (BSD-3-Clause, as are Vega and Altair),
which ships it for offline use: the page loads nothing from the network and opens from disk. Bundling takes
about two seconds, so the bundle is kept in the user's cache directory, named by the library versions, and made
again when the cache is missing or cannot be written. Pages without charts (a document view) carry no
JavaScript at all.
"""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

__all__ = ["html_page", "vega_bundle"]

_STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1em 2em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: .5em 0; } th, td { padding: 2px 8px; text-align: left;
  vertical-align: top; border-bottom: 1px solid #eee; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5em; } .chart { min-height: 120px; }
.examples li, .events li { font-family: ui-monospace, monospace; font-size: 12px; }
del { color: #a33; text-decoration-thickness: 1px; }
.line { font-family: ui-monospace, monospace; font-size: 13px; white-space: pre-wrap; padding: 1px 4px; }
.line.removed { background: #fbecec; } .line.moved { background: #eef3fb; } .line.partial { background: #fdf6e3; }
.label { font: 11px system-ui, sans-serif; background: #555; color: #fff; border-radius: 3px; padding: 0 4px;
  margin-left: .5em; white-space: nowrap; }
.moved .label { background: #36c; } .tag { background: #e8f0e8; border-radius: 3px; padding: 0 5px; margin-right: 4px; }
mark.repair { background: #ffe28a; } mark.other { background: #e6e6e6; } mark.shared { background: #c8ecc8; }
.status.rejected { color: #a33; } .status.kept { color: #286; } .note { color: #777; font-style: italic; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
.pre { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 12px; border: 1px solid #ddd;
  padding: .5em; max-height: 40em; overflow: auto; }
#documents article.doc { display: none; } #documents article.doc:target { display: block; }
"""

_EMBED = """
for (const [id, spec] of Object.entries(CHARTS)) {
  vegaEmbed('#' + id, spec, {actions: false, renderer: 'svg'}).catch(console.error);
}
"""


@cache
def vega_bundle() -> str:
    """The vega-embed bundle (Vega and Vega-Lite included) as one script, from vl-convert or the cache."""
    import vl_convert

    versions = f"{vl_convert.get_vega_embed_version()}-{vl_convert.get_vega_version()}"
    versions += f"-{vl_convert.get_vegalite_versions()[-1]}"
    cached = _cache_dir() / f"vega-embed-{versions}.js"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    bundle = str(vl_convert.javascript_bundle("window.vegaEmbed = vegaEmbed;"))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cached.parent, delete=False) as stream:
            stream.write(bundle)
        os.replace(stream.name, cached)
    except OSError:
        pass  # no cache: the next report bundles again
    return bundle


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cleaner"


def html_page(title: str, body: str, charts: dict[str, dict[str, Any]] | None = None) -> str:
    """A complete page; `charts` maps element ids in `body` to Vega-Lite specs drawn into them."""
    scripts = ""
    if charts:
        data = json.dumps(charts, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")  # no tags
        bundle = vega_bundle().replace("</script", "<\\/script")
        scripts = f"<script>{bundle}</script>\n<script>const CHARTS = {data};{_EMBED}</script>"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n{scripts}\n</body>\n</html>\n"
    )
