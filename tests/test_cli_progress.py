"""The load progress display: a finished file keeps the rows/s it loaded at while later files load."""

from __future__ import annotations

import time
from pathlib import Path

from netforensics.cli.load import LoadProgress
from netforensics.store.ingest import FileResult


def test_a_finished_file_keeps_its_rate_while_the_next_one_loads() -> None:
    with LoadProgress() as progress:
        progress.start_file(Path("users.csv"), 100)
        progress.advance(1000, 100)
        progress.finish_file(FileResult(Path("users.csv"), "io-users", "0" * 64, "loaded"))
        finished = progress.progress.tasks[0]
        elapsed = finished.elapsed
        progress.start_file(Path("tweets.csv"), 100)
        time.sleep(0.05)
        assert finished.elapsed == elapsed
