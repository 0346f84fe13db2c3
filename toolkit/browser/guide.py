"""The Browser guide: HTML slides (one per category) whose ``<pre class="runnable">`` blocks put a query and its
``:params`` into Browser's editor with one click. Played with ``:play <url>`` (Browser 5 shows it in the sidebar)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from itertools import groupby

from netforensics.browser.params import params_command
from netforensics.cypher_files import CypherFile

CATEGORY_TITLES = {
    "communities": "Communities of the current run",
    "amplification": "Who amplifies whom, and how fast",
    "infrastructure": "Shared infrastructure: IPs, VPNs, hosting, mainland networks",
    "accounts": "Accounts: search, bursts, repurposing, news personas",
    "runs": "Detection runs and lineage",
    "datasets": "Loaded datasets",
}


def _runnable(text: str) -> str:
    return f'<pre class="pre-scrollable code runnable">{escape(text, quote=False)}</pre>'


def _query_block(q: CypherFile) -> str:
    params = ", ".join(f"<code>{escape(p.name)}</code>: {escape(p.type)}" + ("" if p.required else f" = {escape(p.default or '')}")
                       for p in q.params) or "none"
    parts = [f'<h4 id="{escape(q.name)}">{escape(q.name)}</h4>', f"<p>{escape(q.description)}</p>",
             f"<p><small>Parameters: {params}. Returns: {escape(q.returns)}.</small></p>"]
    command = params_command(q)
    if command:
        parts.append("<p><small>1. Set the parameters (edit the values, then run):</small></p>")
        parts.append(_runnable(command))
        parts.append("<p><small>2. Run the query:</small></p>")
    parts.append(_runnable(q.text))
    return "\n".join(parts)


def _slide(title: str, lead: str, body: str) -> str:
    return (f'<slide class="row-fluid">\n<div class="col-sm-3">\n<h3>{escape(title)}</h3>\n<p class="lead">{lead}</p>\n</div>\n'
            f'<div class="col-sm-9">\n{body}\n</div>\n</slide>')


def guide_html(queries: Sequence[CypherFile], style_url: str | None = None) -> str:
    """The guide as one HTML document: an introduction slide, then one slide per query category."""
    order = list(CATEGORY_TITLES)
    ordered = sorted(queries, key=lambda q: (order.index(q.category) if q.category in order else len(order), q.category, q.name))
    by_category = [(cat, list(group)) for cat, group in groupby(ordered, key=lambda q: q.category)]
    contents = "".join(f"<li><b>{escape(CATEGORY_TITLES.get(cat, cat))}</b>: {escape(', '.join(q.name for q in group))}</li>"
                       for cat, group in by_category)
    style = (f"<p>Colour the graph (core operators red, amplifiers orange, organic accounts grey, IPs and networks by kind in the caption):</p>{_runnable(':style ' + style_url)}"
             if style_url else "<p>To colour the graph, drag <code>netforensics.grass</code> onto this Browser window.</p>")
    intro = (
        "<p>Named, parameterised queries from the netforensics library (<code>cypher/queries/</code>), the same ones "
        "<code>netforensics query</code> runs. Click a grey block to put it into the editor, adjust it, and run it.</p>"
        f"{style}<p>Queries about communities and roles read the <b>current</b> detection run "
        "(<code>(:DetectionRun {current: true})</code>).</p>"
        f"<ol>{contents}</ol>"
        f"<p>Start with an overview of the current run:</p>{_runnable(':params {min_size: 3, limit: 50}')}"
        f"{_runnable(next((q.text for q in queries if q.name == 'communities-overview'), 'MATCH (c:Community) RETURN c LIMIT 25'))}"
    )
    slides = [_slide("netforensics", "Find the core operators and amplifier swarms of an influence operation.", intro)]
    for cat, group in by_category:
        body = "\n<hr>\n".join(_query_block(q) for q in group)
        slides.append(_slide(CATEGORY_TITLES.get(cat, cat), f"{len(group)} queries", body))
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>netforensics investigation queries</title>\n</head>\n"
            "<body>\n<article class=\"guide\">\n<carousel class=\"deck container-fluid\">\n"
            + "\n".join(slides)
            + "\n</carousel>\n</article>\n</body>\n</html>\n")
