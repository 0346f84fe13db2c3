"""Small hand-written SVG charts for the report (inline, no scripts, no external resources).

Every text that reaches the SVG goes through :func:`esc`. Charts are plain bar charts: grouped bars to set a
community against the organic baseline, stacked bars for roles, horizontal bars for categories.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from netforensics.report.profiles import DELAY_EDGES, CreationWindow, TimeZoneGuess

ROLE_COLOURS = {"core": "#c0392b", "amplifier": "#e67e22", "": "#95a5a6"}
ROLE_NAMES = {"core": "core", "amplifier": "amplifier", "": "no role"}
COMMUNITY_COLOUR = "#d35400"
BASELINE_COLOUR = "#5d8aa8"
AXIS_COLOUR = "#555"
GRID_COLOUR = "#e3e3e3"
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\""


def esc(text: object) -> str:
    """Text for SVG/HTML content and attribute values."""
    return escape(str(text), quote=True)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    colour: str


def _nice_max(value: float) -> tuple[float, int]:
    """A round axis maximum at or above ``value`` and a number of grid steps that keeps the ticks round."""
    if value <= 0:
        return 1.0, 4
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exp * (1 + 1e-9):
            return step * exp, 4 if step == 2 else 5
    return 10 * exp, 5


def _fmt(value: float, percent: bool) -> str:
    if percent:
        return f"{100 * value:.0f}%"
    if value >= 1000:
        return f"{value / 1000:.0f}k" if value % 1000 == 0 else f"{value / 1000:.1f}k"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def bar_chart(categories: Sequence[str], series: Sequence[Series], *, title: str, stacked: bool = False,
              percent: bool = False, width: int = 560, height: int = 230, label_every: int = 1,
              aria: str | None = None) -> str:
    """Vertical bars, one group (or stack) per category, with a y grid, x labels and a legend."""
    left, right, top, bottom = 44, 10, 30, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(categories), 1)
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))] if stacked else \
        [max((s.values[i] for s in series), default=0) for i in range(len(categories))]
    y_max, steps = _nice_max(max(totals, default=0))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-label="{esc(aria or title)}" {FONT} font-size="11">',
           f'<text x="{left}" y="16" font-size="13" font-weight="600" fill="#222">{esc(title)}</text>']
    for k in range(steps + 1):
        value = y_max * k / steps
        y = top + plot_h - plot_h * k / steps
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID_COLOUR}"/>')
        out.append(f'<text x="{left - 5}" y="{y + 4:.1f}" text-anchor="end" fill="{AXIS_COLOUR}">{esc(_fmt(value, percent))}</text>')
    slot = plot_w / n
    gap = min(2.0, slot * 0.15)
    group_w = min(slot - gap, 28.0 * max(len(series), 1) if not stacked else 56.0)
    for i, _ in enumerate(categories):
        x0 = left + i * slot + (slot - group_w) / 2
        if stacked:
            y = top + plot_h
            for s in series:
                h = plot_h * s.values[i] / y_max
                if h > 0:
                    out.append(f'<rect x="{x0:.1f}" y="{y - h:.1f}" width="{max(group_w, 0.6):.1f}" height="{h:.1f}" '
                               f'fill="{s.colour}"><title>{esc(categories[i])}: {esc(s.name)} {esc(_fmt(s.values[i], percent))}</title></rect>')
                    y -= h
        else:
            bar_w = max(group_w / max(len(series), 1), 0.6)
            for j, s in enumerate(series):
                h = plot_h * s.values[i] / y_max
                if h > 0:
                    out.append(f'<rect x="{x0 + j * bar_w:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                               f'fill="{s.colour}"><title>{esc(categories[i])}: {esc(s.name)} {esc(_fmt(s.values[i], percent))}</title></rect>')
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="{AXIS_COLOUR}"/>')
    for i, cat in enumerate(categories):
        if i % label_every == 0:
            x = left + (i + 0.5) * slot
            out.append(f'<text x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="middle" fill="{AXIS_COLOUR}">{esc(cat)}</text>')
    lx = left
    for s in series:
        out.append(f'<rect x="{lx}" y="{height - 14}" width="10" height="10" fill="{s.colour}"/>')
        out.append(f'<text x="{lx + 14}" y="{height - 5}" fill="#333">{esc(s.name)}</text>')
        lx += 24 + 7 * len(s.name)
    out.append("</svg>")
    return "".join(out)


def hbar_chart(rows: Sequence[tuple[str, float, str]], *, title: str, total: int, width: int = 560,
               note: str = "") -> str:
    """Horizontal bars: (label, value, colour) with the value and its share of ``total``."""
    row_h, top, left = 22, 28, 130
    height = top + row_h * max(len(rows), 1) + (18 if note else 8)
    v_max = max((v for _, v, _ in rows), default=0) or 1
    bar_room = width - left - 120
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-label="{esc(title)}" {FONT} font-size="11">',
           f'<text x="4" y="16" font-size="13" font-weight="600" fill="#222">{esc(title)}</text>']
    for i, (label, value, colour) in enumerate(rows):
        y = top + i * row_h
        w = bar_room * value / v_max
        share = f" ({100 * value / total:.0f}%)" if total else ""
        out.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" fill="#333">{esc(label)}</text>')
        out.append(f'<rect x="{left}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row_h - 7}" fill="{colour}"/>')
        out.append(f'<text x="{left + w + 6:.1f}" y="{y + 14}" fill="#333">{esc(f"{value:,.0f}")}{esc(share)}</text>')
    if not rows:
        out.append(f'<text x="{left}" y="{top + 14}" fill="#777">no observations</text>')
    if note:
        out.append(f'<text x="4" y="{height - 4}" fill="#777">{esc(note)}</text>')
    out.append("</svg>")
    return "".join(out)


def creation_chart(window: CreationWindow, max_bars: int = 70) -> str:
    """Accounts created per day (or per k days when the window is long), stacked by role."""
    k = max(1, math.ceil(len(window.days) / max_bars))
    starts = window.days[::k]
    roles = list(window.by_role)
    series = [Series(ROLE_NAMES.get(r, r), [sum(window.by_role[r][i:i + k]) for i in range(0, len(window.days), k)],
                     ROLE_COLOURS.get(r, "#7f8c8d")) for r in roles]
    labels = [d.strftime("%d %b %y") for d in starts]
    bin_text = "day" if k == 1 else f"{k} days"
    return bar_chart(labels, series, stacked=True, label_every=max(1, len(labels) // 6),
                     title=f"Accounts created per {bin_text}")


def hours_chart(community: Sequence[float], baseline: Sequence[float], guess: TimeZoneGuess | None) -> str:
    """Share of posts per local hour at the guessed offset, the community against the organic baseline."""
    zone = guess.label if guess else "UTC"
    return bar_chart([f"{h:02d}" for h in range(24)],
                     [Series("this community", community, COMMUNITY_COLOUR), Series("organic baseline", baseline, BASELINE_COLOUR)],
                     percent=True, label_every=2, title=f"Posts per hour of day ({zone}, the community's likely time zone)")


def delay_chart(community: Sequence[float], baseline: Sequence[float]) -> str:
    return bar_chart([label for _, label in DELAY_EDGES],
                     [Series("this community", community, COMMUNITY_COLOUR), Series("organic baseline", baseline, BASELINE_COLOUR)],
                     percent=True, title="Delay between a post and its retweet")


KIND_COLOURS = {"vpn": "#8e44ad", "hosting": "#2c3e50", "mainland (CN)": "#c0392b", "residential": "#27ae60",
                "mobile": "#16a085", "campus": "#2980b9", "unknown": "#95a5a6", "unmapped": "#bdc3c7"}


def kinds_chart(rows: Sequence[tuple[str, int]], observed: int) -> str:
    return hbar_chart([(kind, float(n), KIND_COLOURS.get(kind, "#7f8c8d")) for kind, n in rows],
                      title="Network kinds of the members' IP addresses (accounts)", total=observed,
                      note=f"{observed:,} members with IP observations; an account may use several kinds.")


def lineage_chart(steps: Sequence[tuple[str, int, str]]) -> str:
    """Sizes along the lineage, oldest first: (label, size, colour)."""
    return bar_chart([label for label, _, _ in steps], [Series("members", [float(s) for _, s, _ in steps], COMMUNITY_COLOUR)],
                     title="Size across detection runs (oldest left)", height=200,
                     label_every=max(1, len(steps) // 8))


def date_text(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
