"""Reports on the current detection run: one self-contained HTML page (``netforensics report``) and graph
exports for Gephi and friends (``netforensics export graph``).

Reading (``data``, Cypher in ``cypher/report/``) is kept apart from drawing (``plots``, ``network_picture``)
and rendering (``html``), so a notebook can read once and render as often as it likes::

    from netforensics.report import build_report
    html_text = build_report(store)                  # or build_report(store, community="17")
"""

from __future__ import annotations

from collections.abc import Callable

from netforensics.evaluate import Scorecard
from netforensics.report.data import ReportData, ReportLimits, read_report
from netforensics.report.html import render_report
from netforensics.store.connection import GraphStore


def build_report(store: GraphStore, *, community: str | None = None, limits: ReportLimits | None = None,
                 scorecard: Scorecard | None = None, labels_source: str | None = None,
                 progress: Callable[[str], None] | None = None) -> str:
    """Read the current run and render the page; returns the HTML text."""
    data = read_report(store, community=community, limits=limits, scorecard=scorecard, labels_source=labels_source,
                       progress=progress)
    return render_report(data)


__all__ = ["ReportData", "ReportLimits", "build_report", "read_report", "render_report"]
