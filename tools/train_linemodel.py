"""Train the boilerplate line model from labelled lines and write it into the package.

    pip install '.[train]'
    python tools/train_linemodel.py [--out cleaner/data/linemodel/linemodel-v2.json] [--matrices FILE [--cache]]

Data (read from `../shared/devsets/`, never copied into the repository), each page rendered to its full
visible text, one block per line (`cleaner.html.visible_blocks`), as text input holds it:
- the Vietnamese article pages, labelled by hand (`bench/labels/vi/`), but for the held-out sites;
- CleanEval `final` and half of Dragnet (by a hash of the page name), labelled from their gold text
  (`bench.devsets.labels_from_gold`);
- half of trafilatura's evaluation pages (`pages/eval/`, by a hash of the site), labelled from their snippets
  (`bench.devsets.labels_from_snippets`): German, French, Polish and other pages, blogs and shops besides news.
Held out, never trained on: the Vietnamese pages of `HELD_OUT_SITES`, CleanEval `dev`, the other half of
Dragnet, the other half of trafilatura's evaluation pages and all of its `pages/cache/` (on which the
thresholds are chosen). `nox -s eval` reports on them.

Every page is used twice, as text input and as HTML with its markup evidence (`extract.method =
combined`). Two stages of scikit-learn's `HistGradientBoostingClassifier` (fixed seed, no early stopping, so
the same data give the same file); stage two learns from stage one's out-of-fold scores (grouped by page). The trees are
exported to plain JSON and checked against scikit-learn's own predictions before the file is written.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import itertools

from bench.devsets import (
    HELD_OUT_SITES,
    Page,
    gold_pages,
    held_out_dragnet,
    held_out_trafilatura,
    trafilatura_eval,
    vi_pages,
)
from cleaner.document import Document
from cleaner.filters.boilerplate import BoilerplateTransform
from cleaner.filters.extract import ExtractTransform
from cleaner.html import Evidence
from cleaner.linemodel.features import FEATURES, STAGE2_FEATURES, page_features, stage2_features
from cleaner.linemodel.model import TreeEnsemble

#: The model file's version: bumped whenever features, data or parameters change what the model says.
VERSION = 2
OUT = Path(__file__).resolve().parents[1] / "cleaner" / "data" / "linemodel" / f"linemodel-v{VERSION}.json"
#: Each page weighs the same within its set; a Vietnamese page weighs as much as this many English ones.
VI_PAGE_WEIGHT = 25.0
SEED = 0
PARAMS = {"max_iter": 200, "learning_rate": 0.1, "max_depth": 5, "max_leaf_nodes": 24, "l2_regularization": 1.0}


_RULES = BoilerplateTransform(line_model=None)


def rule_hits(lines: list[str]) -> frozenset[int]:
    """Lines the boilerplate rules take on their own: a feature of the model, as at run time."""
    doc = _RULES.process(Document(id="page", text="\n".join(lines)))
    assert isinstance(doc, Document)
    return frozenset(e.detail["line"] for e in doc.events if e.step == "boilerplate" and "line" in e.detail)


def training_pages() -> list[tuple[Page, float]]:
    pages: list[tuple[Page, float]] = []
    for page in vi_pages():
        if page.site not in HELD_OUT_SITES and any(page.labels):
            pages.append((page, VI_PAGE_WEIGHT))
    pages += [(p, 1.0) for p in gold_pages("cleaneval/final")]
    pages += [(p, 1.0) for p in gold_pages("dragnet") if not held_out_dragnet(p.name)]
    pages += [(p, 1.0) for p in trafilatura_eval() if not held_out_trafilatura(p.url) and any(p.labels)]
    return pages


_EXTRACT = ExtractTransform(method="combined")


def markup_evidence(page: Page) -> Evidence | None:
    """The evidence the extract step gives the boilerplate step at run time (`extract.method = combined`)."""
    doc = _EXTRACT.process(Document(id=page.name, html=page.html, metadata={"url": page.url} if page.url else {}))
    return doc.evidence if isinstance(doc, Document) else None


def _page_matrix(item: tuple[Page, bool]) -> np.ndarray:
    page, with_evidence = item
    lines = page.lines
    evidence = markup_evidence(page) if with_evidence else None
    return page_features(lines, lines[0] if lines else None, rule_hits(lines), evidence)


def matrices(pages: list[tuple[Page, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[int]]:
    """Stage-one features of every line, and for labelled lines: target, weight, page group; plus page starts.

    Each page comes twice: as text input (no markup evidence) and as HTML (`combined` extraction)."""
    xs, ys, ws, groups, starts = [], [], [], [], []
    offset = 0
    items = [(page, with_evidence) for page, _ in pages for with_evidence in (False, True)]
    with ProcessPoolExecutor(2) as pool:
        features = list(pool.map(_page_matrix, items, chunksize=8))
    for k, x in enumerate(features):
        g = k // 2
        page, weight = pages[g]
        lines = page.lines
        xs.append(x)
        starts.append(offset)
        offset += len(lines)
        scored = [i for i, lab in enumerate(page.labels) if lab in ("keep", "drop")]
        y = np.full(len(lines), -1, dtype=np.int8)
        for i in scored:
            y[i] = 1 if page.labels[i] == "keep" else 0
        ys.append(y)
        ws.append(np.full(len(lines), weight / max(len(scored), 1)))
        groups.append(np.full(len(lines), g))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws), np.concatenate(groups), [*starts, offset]


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> HistGradientBoostingClassifier:
    model = HistGradientBoostingClassifier(**PARAMS, early_stopping=False, random_state=SEED)
    return model.fit(x, y, sample_weight=w)


def export(model: HistGradientBoostingClassifier, names: tuple[str, ...]) -> dict:
    """Trees as lists (leaves point nowhere: left = right = -1); sklearn's private `_predictors` is read here,
    at training time only, and the result is checked against `decision_function` by the caller."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append(
            {
                "feature": [int(v) for v in nodes["feature_idx"]],
                "threshold": [float(v) for v in nodes["num_threshold"]],
                "left": [-1 if leaf[i] else int(v) for i, v in enumerate(nodes["left"])],
                "right": [-1 if leaf[i] else int(v) for i, v in enumerate(nodes["right"])],
                "value": [round(float(v), 8) for v in nodes["value"]],
                "missing_left": [int(v) for v in nodes["missing_go_to_left"]],
            }
        )
    depth = max(int(p[0].nodes["depth"].max()) for p in model._predictors)
    return {
        "features": list(names),
        "baseline": float(model._baseline_prediction.ravel()[0]),
        "depth": depth,
        "trees": trees,
    }


def default_matrices(out: Path) -> Path:
    """Where the features of a run are kept for `--cache`: in the temporary directory, named for the model file
    the run writes, so runs that write different files never share one."""
    return Path(tempfile.gettempdir()) / f"{out.stem}-matrices.npz"


def load_matrices(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[int]] | None:
    """The features `main` saved at `path`, or None when they were computed for another feature set."""
    saved = np.load(path)
    if "features" not in saved.files or tuple(str(name) for name in saved["features"]) != FEATURES:
        return None
    return saved["x1"], saved["y"], saved["w"], saved["groups"], [int(s) for s in saved["starts"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--matrices", type=Path, default=None, help="the features' file (default: MODEL-matrices.npz in the temp dir)"
    )
    parser.add_argument("--cache", action="store_true", help="reuse the features in --matrices (same data)")
    args = parser.parse_args(argv)
    cache = args.matrices or default_matrices(args.out)
    saved = load_matrices(cache) if args.cache and cache.exists() else None
    if args.cache and saved is None:
        print(f"{cache}: no features of this feature set, computing them", file=sys.stderr)
    if saved is not None:
        x1, y, w, groups, starts = saved
    else:
        pages = training_pages()
        if not pages:
            print("no development data found (../shared/devsets)", file=sys.stderr)
            return 2
        x1, y, w, groups, starts = matrices(pages)
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, x1=x1, y=y, w=w, groups=groups, starts=np.array(starts), features=np.array(FEATURES))
    n_pages = (len(starts) - 1) // 2  # each page comes twice, as text and as HTML
    labelled = y >= 0
    print(f"{n_pages} pages, {len(y)} lines, {int(labelled.sum())} labelled", file=sys.stderr)
    # stage one out of fold, so stage two learns from scores like those it will see on new pages
    p1 = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(x1, y, groups):
        keep = train[labelled[train]]
        p1[test] = fit(x1[keep], y[keep], w[keep]).predict_proba(x1[test])[:, 1]
    x2 = np.vstack([stage2_features(x1[a:b], p1[a:b]) for a, b in itertools.pairwise(starts)])
    stage1 = fit(x1[labelled], y[labelled], w[labelled])
    stage2 = fit(x2[labelled], y[labelled], w[labelled])
    data = {
        "name": "linemodel",
        "version": VERSION,
        "trained_on": {"pages": n_pages, "lines": int(labelled.sum()), "held_out_vi_sites": sorted(HELD_OUT_SITES)},
        "params": PARAMS,
        "stage1": export(stage1, FEATURES),
        "stage2": export(stage2, STAGE2_FEATURES),
    }
    for stage, x, model in (("stage1", x1, stage1), ("stage2", x2, stage2)):
        ours = TreeEnsemble.from_dict(data[stage]).raw(x[:5000])
        theirs = model.decision_function(x[:5000])
        gap = float(np.abs(ours - theirs).max())
        if gap > 1e-4:
            raise SystemExit(f"{stage}: exported trees disagree with scikit-learn by {gap}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
