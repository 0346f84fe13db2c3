"""Shared rich consoles: data to stdout, diagnostics and progress to stderr.

Both print text as text: a call that wants rich markup asks for it (``markup=True``), so handles, bios, tweets and
paths from the data never turn into formatting, nor into a MarkupError (``I love [/music]``)."""

from __future__ import annotations

import os
import sys

from rich.console import Console


def _width(stream: object) -> int | None:
    """Terminals report their width; pipes and log files get 160 columns (not rich's 80) unless COLUMNS says."""
    isatty = getattr(stream, "isatty", None)
    if os.environ.get("COLUMNS") or (callable(isatty) and isatty()):
        return None
    return 160


console = Console(width=_width(sys.stdout), markup=False)
err_console = Console(stderr=True, soft_wrap=True, width=_width(sys.stderr), markup=False)
