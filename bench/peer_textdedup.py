"""text-dedup's MinHash (`text_dedup.minhash`, its defaults) on a JSONL file, run in its own environment by
`bench.peers`. Imports only text-dedup and the standard library.

    python bench/peer_textdedup.py IN.jsonl WORKDIR

Prints one JSON object: seconds, peak memory, documents in and kept, and the cluster of every document that has
one (its union-find dump, by id), written to WORKDIR/clusters.json.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


def main() -> None:
    from text_dedup.minhash import main as minhash

    source, work = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    args = ["--path", "json", "--data_files", str(source), "--split", "train", "--cache_dir", str(work / "cache")]
    args += ["--output", str(work / "out"), "--column", "text", "--idx_column", "id", "--num_proc", "1", "--debug"]
    began = time.perf_counter()
    minhash.main(args, standalone_mode=False)
    seconds = time.perf_counter() - began
    with (work / "out" / "uf.pkl").open("rb") as stream:
        found = pickle.load(stream)
    clusters = {str(doc): str(found.find(doc)) for doc in found.parent}
    (work / "clusters.json").write_text(json.dumps(clusters), encoding="utf-8")
    with source.open(encoding="utf-8") as stream:
        docs_in = sum(1 for _ in stream)
    kept = docs_in - sum(1 for doc, root in clusters.items() if doc != root)
    peak = max(resource.getrusage(r).ru_maxrss for r in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    result = {"seconds": round(seconds, 3), "docs_in": docs_in, "kept": kept, "peak_rss_mb": round(peak / 1024, 1)}
    print(json.dumps({**result, "clusters": str(work / "clusters.json")}))


if __name__ == "__main__":
    main()
