"""The progress bar (tqdm): input bytes against their total on sharded runs, documents on streams."""

from __future__ import annotations

import io

from cleaner.progress import Progress


def test_sharded_run_counts_bytes_towards_the_total_and_names_the_stage():
    out = io.StringIO()
    progress = Progress(out)
    progress.start(2_000_000)
    progress.read(500_000)
    progress.read(1_500_000)
    progress.stage("dedup")
    progress.close()
    text = out.getvalue()
    assert "dedup" in text and "100%" in text and "2.00M/2.00M" in text


def test_streaming_run_counts_documents_and_quiet_prints_nothing():
    out = io.StringIO()
    progress = Progress(out)
    for kept in (True, False, True):
        progress.update(10, kept)
    progress.close()
    assert "3 docs" in out.getvalue() and (progress.kept, progress.rejected) == (2, 1)
    silent = io.StringIO()
    quiet = Progress(silent, enabled=False)
    quiet.update(1, True)
    quiet.close()
    assert silent.getvalue() == ""
