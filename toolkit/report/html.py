"""Render a :class:`ReportData` as one self-contained HTML page (inline CSS and SVG; no scripts, no links out).

Account names, evidence, features and parameters are attacker-controlled or user-supplied text: every value
passes through :func:`esc` (``html.escape`` with quotes). A Content-Security-Policy meta tag forbids scripts and
any resource that is not inline, as a second line of defence.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from netforensics import __version__
from netforensics.evaluate import Scorecard
from netforensics.report import plots, profiles
from netforensics.report.data import Baseline, CommunityCard, CoreAccount, ReportData
from netforensics.report.network_picture import network_svg
from netforensics.report.plots import date_text, esc

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
MAX_VALUE_TEXT = 160

STYLE = """
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#222;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
header.page{background:#1f2a36;color:#fff;padding:18px 28px}
header.page h1{margin:0 0 4px;font-size:22px}
header.page p{margin:0;color:#c9d3dd}
main{max-width:1220px;margin:0 auto;padding:18px 20px 40px}
section.panel,article.card{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:16px 20px;margin:0 0 18px}
h2{font-size:18px;margin:0 0 10px}
h3{font-size:15px;margin:16px 0 8px}
.tiles{display:flex;flex-wrap:wrap;gap:10px;margin:4px 0 12px}
.tile{flex:1 1 0;background:#f7f8fa;border:1px solid #e3e6ea;border-radius:6px;padding:8px 10px;min-width:90px}
.tile b{display:block;font-size:20px}
.tile span{color:#666;font-size:12px}
table{border-collapse:collapse;width:100%;margin:4px 0 8px;font-size:13px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eceef1;vertical-align:top}
th{background:#f7f8fa;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:14px 18px;margin:8px 0}
.plots figure{margin:0;border:1px solid #eceef1;border-radius:6px;padding:8px;background:#fff}
.plots figcaption{color:#555;font-size:12px;margin-top:4px}
svg.chart{max-width:100%;height:auto;display:block}
.verdict{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12px;font-weight:600;background:#fdebd0;color:#a04000}
.verdict.inauthentic,.verdict.coordinated{background:#fadbd8;color:#922b21}
.facts{margin:6px 0 8px;padding-left:18px}
.facts li{margin:2px 0}
.evidence{font-size:12px;color:#444;word-break:break-word}
.muted{color:#777}
.nowrap{white-space:nowrap}
.name{font-weight:600;word-break:break-all}
code{font-size:12px;background:#f2f3f5;padding:0 3px;border-radius:3px;word-break:break-all}
@media (max-width:900px){.cols{grid-template-columns:1fr}}
"""


def _num(value: Any, digits: int = 0) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return esc(value)


def value_text(value: Any, limit: int = MAX_VALUE_TEXT) -> str:
    """A JSON-ish value as short plain text (not yet escaped)."""
    if value is None:
        text = "unknown"
    elif isinstance(value, float):
        text = f"{value:.3g}"
    elif isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kv_table(data: Any, empty: str = "none recorded") -> str:
    if isinstance(data, Mapping) and data:
        rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(value_text(v))}</td></tr>" for k, v in data.items())
        return f"<table class=\"kv\">{rows}</table>"
    if data in (None, "", {}, []):
        return f"<p class=\"muted\">{esc(empty)}</p>"
    return f"<p><code>{esc(value_text(data, 600))}</code></p>"


def _signals_html(features: Any) -> str:
    """A community's signal families (strongest first) and its features, one row each ("unknown" where the data
    do not carry a feature); other shapes (older runs) as they are."""
    if isinstance(features, Mapping) and isinstance(features.get("features"), Mapping):
        strengths = features.get("strengths")
        strengths = strengths if isinstance(strengths, Mapping) else {}
        ranked = dict(sorted(strengths.items(), key=lambda item: -item[1] if isinstance(item[1], (int, float)) else 0.0))
        return ("<h4>Signal families (strength 0 to 1)</h4>" + _kv_table(ranked)
                + "<h4>Features</h4>" + _kv_table(features["features"]))
    return _kv_table(features)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Iterable[int] = ()) -> str:
    """``rows`` hold already-escaped cell HTML; ``numeric`` are right-aligned column indexes."""
    num = set(numeric)
    right = ' class="num"'
    head = "".join(f"<th{right if i in num else ''}>{esc(h)}</th>" for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f"<td{right if i in num else ''}>{c}</td>" for i, c in enumerate(r)) + "</tr>"
                   for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _tiles(items: Sequence[tuple[str, Any]]) -> str:
    return "<div class=\"tiles\">" + "".join(f"<div class=\"tile\"><b>{_num(v)}</b><span>{esc(k)}</span></div>"
                                              for k, v in items) + "</div>"


def _duration(start: dt.datetime | None, end: dt.datetime | None) -> str:
    if start is None or end is None:
        return "-"
    seconds = (end - start).total_seconds()
    return f"{seconds:,.1f} s" if seconds < 120 else f"{seconds / 60:,.1f} min"


def _overview(data: ReportData) -> str:
    run = data.run
    t = data.totals
    flagged_core = sum(c.core for c in data.cards)
    flagged_amp = sum(c.amplifiers for c in data.cards)
    tiles = _tiles([("accounts", t.get("accounts")), ("stub accounts", t.get("stub_accounts")), ("tweets", t.get("tweets")),
                    ("IP addresses", t.get("ips")), ("networks", t.get("networks")), ("follows", t.get("follows")),
                    ("communities reported", len(data.cards)), ("core accounts in them", flagged_core),
                    ("amplifiers in them", flagged_amp)])
    datasets = _table(
        ["dataset", "accounts", "load batches", "complete", "failed", "rows loaded", "rows rejected", "file kinds", "last loaded"],
        [[f"<span class=\"name\">{esc(d.name)}</span>", _num(d.accounts), _num(d.batches), _num(d.complete), _num(d.failed),
          _num(d.rows_loaded), _num(d.rows_rejected), esc(", ".join(d.kinds)) or "-", esc(date_text(d.last_loaded))]
         for d in data.datasets],
        numeric=range(1, 7),
    ) if data.datasets else "<p class=\"muted\">No datasets recorded (evidence loaded without a dataset name).</p>"
    run_rows = [("run", run.id), ("status", run.status), ("started", date_text(run.started_at)),
                ("finished", date_text(run.finished_at)), ("duration", _duration(run.started_at, run.finished_at)),
                ("code version", run.code_version or "-")]
    run_table = "<table class=\"kv\">" + "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in run_rows) + "</table>"
    parts = [
        "<section class=\"panel\" id=\"overview\"><h2>Overview</h2>", tiles,
        "<h3>What was loaded</h3>", datasets,
        "<div class=\"cols\"><div><h3>Detection run</h3>", run_table, "<h3>Timings</h3>",
        _timings(run.timings), "</div><div><h3>Run parameters</h3>", _kv_table(run.params), "</div></div>",
    ]
    if data.scorecard is not None:
        parts += ["<h3>Scorecard against labels", f" ({esc(data.labels_source)})" if data.labels_source else "", "</h3>",
                  _scorecard(data.scorecard)]
    parts.append("</section>")
    return "".join(parts)


def _timings(timings: Any) -> str:
    if isinstance(timings, Mapping) and timings and all(isinstance(v, (int, float)) for v in timings.values()):
        rows = [[esc(k), f"{float(v):,.2f} s"] for k, v in timings.items()]
        return _table(["phase", "time"], rows, numeric=[1])
    return _kv_table(timings)


def _scorecard(card: Scorecard) -> str:
    rows = [[esc(name), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", _num(s.true_positives),
             _num(s.false_positives), _num(s.false_negatives)]
            for name, s in (("core", card.core), ("amplifier", card.amplifier), ("inauthentic", card.inauthentic))]
    table = _table(["class", "precision", "recall", "F1", "true pos.", "false pos.", "false neg."], rows, numeric=range(1, 7))
    organic = (f"<p>Organic accounts flagged: {_num(card.organic_flagged)} of {_num(card.labelled['organic'])} "
               f"({100 * card.organic_flagged_share:.2f}%).</p>")
    if not card.traps:
        return table + organic
    trap_rows = [[esc(name), _num(t.people), _num(t.flagged_core), _num(t.flagged_amplifier)] for name, t in card.traps.items()]
    traps = "<p>Real people in the traps:</p>" + _table(["trap", "people", "flagged core", "flagged amplifier"], trap_rows, numeric=range(1, 4))
    return table + organic + traps


def _contents(data: ReportData) -> str:
    if not data.cards:
        return ("<section class=\"panel\"><h2>Flagged communities</h2><p>The current run flagged no community "
                "(every verdict is organic or benign).</p></section>")
    rows = [[f"<a href=\"#c-{esc(c.id)}\">{esc(c.id)}</a>", f"<span class=\"verdict {esc(c.verdict)}\">{esc(c.verdict)}</span>",
             _num(c.score, 2), _num(c.size), _num(c.core), _num(c.amplifiers), esc(_top_names(c.core_accounts))]
            for c in data.cards]
    title = "Community" if data.community_filter is not None else "Flagged communities"
    return (f"<section class=\"panel\"><h2>{title}</h2>"
            + _table(["community", "verdict", "score", "members", "core", "amplifiers", "top core accounts"], rows, numeric=range(2, 6))
            + "</section>")


def _top_names(accounts: Sequence[CoreAccount], n: int = 4) -> str:
    return ", ".join(a.screen_name or a.id for a in accounts[:n])


def _evidence(evidence: Any) -> str:
    if isinstance(evidence, Mapping):
        parts = [f"<b>{esc(k)}</b>: {esc(value_text(v, 120))}" for k, v in evidence.items()]
        return "<div class=\"evidence\">" + "; ".join(parts) + "</div>" if parts else "<span class=\"muted\">-</span>"
    if evidence in (None, ""):
        return "<span class=\"muted\">-</span>"
    return f"<div class=\"evidence\">{esc(value_text(evidence, 400))}</div>"


def _core_table(card: CommunityCard) -> str:
    if not card.core_accounts:
        return "<p class=\"muted\">No core accounts in this community.</p>"
    rows = [[f"<span class=\"name\">{esc(a.screen_name or a.id)}</span>"
             + (f"<br><span class=\"muted\">{esc(a.display_name)}</span>" if a.display_name else ""),
             esc(date_text(a.created_at)), _num(a.followers), _num(a.posts), _num(a.retweeted_by), _num(a.role_score, 2),
             _evidence(a.evidence)]
            for a in card.core_accounts]
    return _table(["account", "created", "followers", "posts", "retweeted by", "role score", "evidence"], rows,
                  numeric=range(2, 6))


def _facts(card: CommunityCard, baseline: Baseline, guess: profiles.TimeZoneGuess | None,
           window: profiles.CreationWindow | None) -> list[str]:
    facts: list[str] = []
    if guess is not None:
        fits = (f" Offsets from {profiles.offset_label(guess.fits_from)} to {profiles.offset_label(guess.fits_to)} fit "
                f"equally well; the middle one is shown." if guess.ambiguous else "")
        facts.append(f"Likely time zone <b>{esc(guess.label)}</b>: at that offset {100 * guess.workday_share:.0f}% of the "
                     f"community's posts fall between 09:00 and 18:00 local time (the offset that best fits a 9-to-6 "
                     f"working day).{esc(fits)}")
    med, base_med = profiles.median(card.delays), profiles.median(baseline.delays)
    if med is not None:
        base = f" (organic baseline: {_delay_text(base_med)})" if base_med is not None else ""
        facts.append(f"Median retweet delay <b>{esc(_delay_text(med))}</b>{esc(base)} over {len(card.delays):,} retweets.")
    if window is not None and window.peak_accounts > 0:
        facts.append(f"Busiest registration day {esc(window.peak_day.isoformat() if window.peak_day else '-')}: "
                     f"<b>{window.peak_accounts:,}</b> accounts created.")
        if window.earlier:
            facts.append(f"{window.earlier:,} account{'s were' if window.earlier != 1 else ' was'} created before {esc(window.start.isoformat())} "
                         f"(earliest {esc(date_text(window.earliest))}; old or repurposed accounts).")
    if card.observed_accounts:
        share = {k.kind: k.accounts / card.observed_accounts for k in card.network_kinds}
        infra = ", ".join(f"{esc(kind)} {100 * share[kind]:.0f}%" for kind in ("vpn", "hosting", "mainland (CN)") if kind in share)
        if infra:
            facts.append(f"Of {card.observed_accounts:,} members with IP observations: {infra}.")
    return facts


def _delay_text(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 3600:
        return f"{seconds / 60:.1f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def _lineage(card: CommunityCard) -> tuple[str, str]:
    """(chart, table) for the CONTINUES chain."""
    if len(card.lineage) <= 1:
        return "", "<p class=\"muted\">No predecessor in earlier runs: this community is new in the current run.</p>"
    # One bar per run, oldest left: the biggest predecessor at each depth.
    best: dict[int, Any] = {}
    for step in card.lineage:
        if step.depth not in best or (step.size or 0) > (best[step.depth].size or 0):
            best[step.depth] = step
    chain = [best[d] for d in sorted(best, reverse=True)]
    chart = plots.lineage_chart([(s.run[-14:], int(s.size or 0), "") for s in chain])
    rows = [[_num(s.depth), f"{esc(s.run)}<br><span class=\"muted nowrap\">{esc(date_text(s.run_started_at))}</span>", esc(s.id),
             _num(s.size), _num(s.score, 2), esc(s.verdict or "-"), esc(s.kind or ("(this run)" if s.depth == 0 else "-")),
             _num(s.jaccard, 2)]
            for s in card.lineage]
    table = _table(["back", "run", "community", "members", "score", "verdict", "change", "Jaccard"], rows,
                   numeric=[0, 3, 4, 7])
    return chart, table


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{esc(caption)}</figcaption></figure>"


def render_card(card: CommunityCard, baseline: Baseline) -> str:
    guess = profiles.infer_utc_offset(card.hours_utc)
    offset = guess.offset if guess else 0
    hours = profiles.shares(profiles.local_hours(card.hours_utc, offset))
    base_hours = profiles.shares(profiles.local_hours(baseline.hours_utc, offset))
    window = profiles.creation_window(card.creation_days)
    figures = []
    if window is not None:
        figures.append(_figure(plots.creation_chart(window),
                               "Registration bursts: accounts created on the same days, stacked by role."))
    if sum(card.hours_utc):
        figures.append(_figure(plots.hours_chart(hours, base_hours, guess),
                               f"Share of posts per local hour at {guess.label if guess else 'UTC'}; the organic baseline shifted to the same clock."))
    if card.delays:
        figures.append(_figure(plots.delay_chart(profiles.shares(profiles.delay_histogram(card.delays)),
                                                 profiles.shares(profiles.delay_histogram(baseline.delays))),
                               "Synchronisation: share of retweets per delay bin (archive times are per minute)."))
    figures.append(_figure(plots.kinds_chart([(k.kind, k.accounts) for k in card.network_kinds], card.observed_accounts),
                           "Where members connect from: VPN and hosting exits, mainland China (CN), homes, phones, campuses."))
    lineage_chart, lineage_table = _lineage(card)
    if lineage_chart:
        figures.append(_figure(lineage_chart, "Lineage: this community's predecessors through CONTINUES links."))
    figures.append(_figure(network_svg(card.network),
                           "Sampled network: core accounts (red) and amplifiers (orange), edges are retweets."))
    facts = _facts(card, baseline, guess, window)
    return "".join([
        f"<article class=\"card\" id=\"c-{esc(card.id)}\">",
        f"<h2>Community {esc(card.id)} <span class=\"verdict {esc(card.verdict)}\">{esc(card.verdict)}</span></h2>",
        f"<p>Score <b>{_num(card.score, 2)}</b> · {_num(card.size)} members: <b>{_num(card.core)}</b> core, "
        f"<b>{_num(card.amplifiers)}</b> amplifiers, {_num(card.others)} without a role · key <code>{esc(card.key)}</code></p>",
        "<ul class=\"facts\">" + "".join(f"<li>{f}</li>" for f in facts) + "</ul>" if facts else "",
        "<div class=\"plots\">", "".join(figures), "</div>",
        "<div class=\"cols\"><div><h3>Signals (community features)</h3>", _signals_html(card.features),
        "</div><div><h3>Lineage</h3>", lineage_table, "</div></div>",
        f"<h3>Top core accounts ({min(len(card.core_accounts), card.core):,} of {card.core:,})</h3>", _core_table(card),
        "</article>",
    ])


def render_report(data: ReportData) -> str:
    """The whole page as text (UTF-8 when written)."""
    scope = f"community {data.community_filter}" if data.community_filter is not None else "flagged communities"
    return "".join([
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{esc(CSP)}\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        f"<title>netforensics report: run {esc(data.run.id)}</title><style>{STYLE}</style></head><body>",
        "<header class=\"page\"><h1>netforensics report</h1>",
        f"<p>Detection run <b>{esc(data.run.id)}</b> ({esc(scope)}) · generated {esc(date_text(data.generated_at))} UTC "
        f"by netforensics {esc(__version__)} · communities are scored, not assumed guilty: read the evidence.</p></header><main>",
        _overview(data), _contents(data),
        "".join(render_card(card, data.baseline) for card in data.cards),
        "</main></body></html>",
    ])
