"""``netforensics export graph``: the account graph with roles, communities and scores for Gephi and friends.

Formats: GEXF 1.3 (Gephi's own), GraphML, and CSV in Gephi's spreadsheet import format (``nodes.csv`` with
``Id,Label,...`` and ``edges.csv`` with ``Source,Target,Type,Weight,...``). Files are written as the rows stream
in, page by page (accounts in id order, then the edges leaving each page of accounts), so a graph of hundreds of
thousands of accounts never sits in memory as a graph object; only the exported ids are kept.

Nodes are accounts: all of them, or the members of one community of the current run (``community``). Edges:

* ``retweeted`` (directed, retweeter -> author): the ``RETWEETED`` summary; weight = number of retweets.
* ``shared_ip`` (undirected in CSV, written source < target): accounts seen on the same IP address; weight =
  number of shared addresses. Addresses used by more than ``max_ip_sharing`` accounts are left out (a campus NAT
  or a big VPN exit would otherwise add a clique of hundreds of thousands of edges).

Text is attacker-controlled: characters XML 1.0 forbids are dropped and everything is escaped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from netforensics import __version__
from netforensics.cypher_files import load as load_cypher
from netforensics.errors import NetforensicsError
from netforensics.output_files import cannot_write, make_folder, replaced_on_success
from netforensics.report.data import read_flagged, run_report_query
from netforensics.store.connection import GraphStore

FORMATS = ("gexf", "graphml", "csv")
PAGE = 10_000
EDGE_PAGE = 2_000  # source accounts per edge query

# (name, kind) of node and edge attributes; kinds: string, long, double, boolean.
NODE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("screen_name", "string"), ("display_name", "string"), ("created_at", "string"), ("followers", "long"),
    ("following", "long"), ("lang", "string"), ("hashed", "boolean"), ("community", "string"), ("verdict", "string"),
    ("community_score", "double"), ("role", "string"), ("role_score", "double"),
)
EDGE_ATTRIBUTES: tuple[tuple[str, str], ...] = (("kind", "string"), ("first_at", "string"), ("last_at", "string"))
EDGE_KINDS = ("retweeted", "shared_ip")

_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: object) -> str:
    """Text safe inside XML 1.0 (forbidden control characters and lone surrogates dropped)."""
    return _XML_FORBIDDEN.sub("", str(value))


@dataclass
class ExportSummary:
    format: str
    paths: list[Path]
    nodes: int = 0
    edges: dict[str, int] = field(default_factory=lambda: {k: 0 for k in EDGE_KINDS})
    run: str | None = None
    community: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"format": self.format, "paths": [str(p) for p in self.paths], "nodes": self.nodes,
                "edges": dict(self.edges), "run": self.run, "community": self.community}


def _value(value: Any) -> Any:
    """Neo4j temporals as ISO text (UTC as ``Z``); other values unchanged."""
    if hasattr(value, "to_native"):
        text = value.to_native().isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return value


def node_attributes(row: dict[str, Any]) -> dict[str, Any]:
    """A node row from ``cypher/report/export-*nodes`` -> attribute values (None = missing)."""
    attrs = {name: _value(row.get(name)) for name, _ in NODE_ATTRIBUTES}
    attrs["community"] = None if row.get("community") is None else str(row["community"])
    attrs["role"] = row.get("role") or "none"
    return attrs


def node_label(row: dict[str, Any]) -> str:
    return str(row.get("screen_name") or row["id"])


class GraphWriter(Protocol):
    def node(self, node_id: str, label: str, attrs: dict[str, Any]) -> None: ...
    def edge(self, source: str, target: str, weight: float, attrs: dict[str, Any]) -> None: ...
    def close(self) -> None: ...


def _xml_attr_value(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    if kind == "long":
        return str(int(value))
    return xml_text(value)


class GexfWriter:
    """GEXF 1.3: declarations, ``<nodes>``, then ``<edges>`` (opened at the first edge)."""

    def __init__(self, handle: IO[str], description: str) -> None:
        self.out = handle
        self.edges_open = False
        self.edge_count = 0
        w = handle.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3">\n')
        w(f"<meta><creator>netforensics {xml_escape(__version__)}</creator>"
          f"<description>{xml_escape(xml_text(description))}</description></meta>\n")
        w('<graph defaultedgetype="directed" mode="static">\n<attributes class="node">\n')
        for i, (name, kind) in enumerate(NODE_ATTRIBUTES):
            w(f'<attribute id="n{i}" title="{name}" type="{kind}"/>\n')
        w('</attributes>\n<attributes class="edge">\n')
        for i, (name, kind) in enumerate(EDGE_ATTRIBUTES):
            w(f'<attribute id="e{i}" title="{name}" type="{kind}"/>\n')
        w("</attributes>\n<nodes>\n")

    @staticmethod
    def _attvalues(prefix: str, spec: tuple[tuple[str, str], ...], attrs: dict[str, Any]) -> str:
        values = "".join(f'<attvalue for="{prefix}{i}" value={quoteattr(_xml_attr_value(attrs[name], kind))}/>'
                         for i, (name, kind) in enumerate(spec) if attrs.get(name) is not None)
        return f"<attvalues>{values}</attvalues>" if values else ""

    def node(self, node_id: str, label: str, attrs: dict[str, Any]) -> None:
        self.out.write(f"<node id={quoteattr(xml_text(node_id))} label={quoteattr(xml_text(label))}>"
                       f"{self._attvalues('n', NODE_ATTRIBUTES, attrs)}</node>\n")

    def edge(self, source: str, target: str, weight: float, attrs: dict[str, Any]) -> None:
        if not self.edges_open:
            self.out.write("</nodes>\n<edges>\n")
            self.edges_open = True
        self.out.write(f'<edge id="{self.edge_count}" source={quoteattr(xml_text(source))} target={quoteattr(xml_text(target))} '
                       f'weight="{float(weight)!r}">{self._attvalues("e", EDGE_ATTRIBUTES, attrs)}</edge>\n')
        self.edge_count += 1

    def close(self) -> None:
        self.out.write("</edges>\n" if self.edges_open else "</nodes>\n")
        self.out.write("</graph>\n</gexf>\n")


class GraphmlWriter:
    _TYPES = {"string": "string", "long": "long", "double": "double", "boolean": "boolean"}

    def __init__(self, handle: IO[str], description: str) -> None:
        self.out = handle
        self.edge_count = 0
        w = handle.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        w(f"<!-- {xml_text(description).replace('--', '- -')} -->\n")
        w('<key id="label" for="node" attr.name="label" attr.type="string"/>\n')
        for name, kind in NODE_ATTRIBUTES:
            w(f'<key id="n_{name}" for="node" attr.name="{name}" attr.type="{self._TYPES[kind]}"/>\n')
        w('<key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n')
        for name, kind in EDGE_ATTRIBUTES:
            w(f'<key id="e_{name}" for="edge" attr.name="{name}" attr.type="{self._TYPES[kind]}"/>\n')
        w('<graph id="netforensics" edgedefault="directed">\n')

    @staticmethod
    def _data(prefix: str, spec: tuple[tuple[str, str], ...], attrs: dict[str, Any]) -> str:
        return "".join(f'<data key="{prefix}{name}">{xml_escape(_xml_attr_value(attrs[name], kind))}</data>'
                       for name, kind in spec if attrs.get(name) is not None)

    def node(self, node_id: str, label: str, attrs: dict[str, Any]) -> None:
        self.out.write(f'<node id={quoteattr(xml_text(node_id))}><data key="label">{xml_escape(xml_text(label))}</data>'
                       f"{self._data('n_', NODE_ATTRIBUTES, attrs)}</node>\n")

    def edge(self, source: str, target: str, weight: float, attrs: dict[str, Any]) -> None:
        self.out.write(f'<edge id="e{self.edge_count}" source={quoteattr(xml_text(source))} target={quoteattr(xml_text(target))}>'
                       f'<data key="weight">{float(weight)!r}</data>{self._data("e_", EDGE_ATTRIBUTES, attrs)}</edge>\n')
        self.edge_count += 1

    def close(self) -> None:
        self.out.write("</graph>\n</graphml>\n")


class GephiCsvWriter:
    """Gephi's spreadsheet import: ``nodes.csv`` (Id, Label, attributes) and ``edges.csv`` (Source, Target, Type,
    Weight, attributes). ``shared_ip`` edges are Undirected, ``retweeted`` Directed."""

    def __init__(self, nodes: IO[str], edges: IO[str]) -> None:
        self.nodes = csv.writer(nodes, lineterminator="\n")
        self.edges = csv.writer(edges, lineterminator="\n")
        self.nodes.writerow(["Id", "Label", *(name for name, _ in NODE_ATTRIBUTES)])
        self.edges.writerow(["Source", "Target", "Type", "Weight", *(name for name, _ in EDGE_ATTRIBUTES)])

    @staticmethod
    def _cell(value: Any, kind: str) -> str:
        if value is None:
            return ""
        if kind == "boolean":
            return "true" if value else "false"
        return str(value)

    def node(self, node_id: str, label: str, attrs: dict[str, Any]) -> None:
        self.nodes.writerow([node_id, label, *(self._cell(attrs.get(n), k) for n, k in NODE_ATTRIBUTES)])

    def edge(self, source: str, target: str, weight: float, attrs: dict[str, Any]) -> None:
        kind = "Undirected" if attrs.get("kind") == "shared_ip" else "Directed"
        weight_text = str(int(weight)) if float(weight).is_integer() else repr(float(weight))
        self.edges.writerow([source, target, kind, weight_text, *(self._cell(attrs.get(n), k) for n, k in EDGE_ATTRIBUTES)])

    def close(self) -> None:
        pass


def _pages(store: GraphStore, run: str | None, community: str | None, page: int) -> Iterator[list[dict[str, Any]]]:
    name = "export-community-nodes" if community is not None else "export-nodes"
    after = ""
    while True:
        params: dict[str, Any] = {"run": run, "after": after, "page": page}
        if community is not None:
            params["community"] = community
        rows = run_report_query(store, name, params)
        if not rows:
            return
        yield rows
        after = str(rows[-1]["id"])
        if len(rows) < page:
            return


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def write_graph(store: GraphStore, writer: GraphWriter, summary: ExportSummary, *, max_ip_sharing: int = 100,
                page: int = PAGE, progress: Callable[[str, int], None] | None = None) -> ExportSummary:
    """Stream nodes then edges of the current run (``summary.run``/``summary.community``) into ``writer``."""
    tick = progress or (lambda _phase, _n: None)
    ids: list[str] = []
    for rows in _pages(store, summary.run, summary.community, page):
        for row in rows:
            node_id = str(row["id"])
            writer.node(node_id, node_label(row), node_attributes(row))
            ids.append(node_id)
        summary.nodes = len(ids)
        tick("nodes", summary.nodes)
    members = set(ids) if summary.community is not None else None
    for chunk in _chunks(ids, EDGE_PAGE):
        for r in run_report_query(store, "export-retweeted", {"ids": chunk}):
            target = str(r["target"])
            if members is None or target in members:
                writer.edge(str(r["source"]), target, float(r["count"]),
                            {"kind": "retweeted", "first_at": _value(r["first_at"]), "last_at": _value(r["last_at"])})
                summary.edges["retweeted"] += 1
        for r in run_report_query(store, "export-shared-ip", {"ids": chunk, "max_sharing": max_ip_sharing}):
            target = str(r["target"])
            if members is None or target in members:
                writer.edge(str(r["source"]), target, float(r["ips"]), {"kind": "shared_ip"})
                summary.edges["shared_ip"] += 1
        tick("edges", sum(summary.edges.values()))
    writer.close()
    return summary


def _current_run(store: GraphStore) -> str | None:
    return store.read_value(load_cypher("evaluate/current-run"))


def format_for(out: Path, fmt: str | None) -> str:
    """The format asked for, else the one the file name says (``.gexf``, ``.graphml``); CSV must be asked for."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise NetforensicsError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")
        return fmt
    suffix = out.suffix.lower().lstrip(".")
    if suffix in ("gexf", "graphml"):
        return suffix
    raise NetforensicsError(f"Cannot tell the format from {out.name!r}: give --format gexf, graphml or csv.")


def export_graph(store: GraphStore, out: Path, fmt: str, *, community: str | None = None, max_ip_sharing: int = 100,
                 page: int = PAGE, progress: Callable[[str, int], None] | None = None) -> ExportSummary:
    """Write the graph to ``out`` (a file; for ``csv`` a folder that receives nodes.csv and edges.csv).

    Files are written under a temporary name and moved into place when complete. NetforensicsError if there is
    no current run, the community is not in it, or ``out`` cannot be written.
    """
    run = _current_run(store)
    if run is None:
        raise NetforensicsError("No current detection run to take communities and roles from: run `netforensics clusters` first.")
    if community is not None and not read_flagged(store, run, community):
        raise NetforensicsError(f"The current run {run} has no community with id {community!r}.")
    scope = f"community {community} of run {run}" if community is not None else f"all accounts, roles of run {run}"
    description = f"netforensics account graph: {scope}; edges retweeted (retweeter -> author) and shared_ip."
    if fmt == "csv":
        make_folder(out)
        paths = [out / "nodes.csv", out / "edges.csv"]
    else:
        make_folder(out.parent, out)
        paths = [out]
    summary = ExportSummary(fmt, paths, run=run, community=community)
    try:
        with ExitStack() as files:
            handles = [files.enter_context(part.open("w", encoding="utf-8", newline=""))
                       for part in [files.enter_context(replaced_on_success(p)) for p in paths]]
            writer: GraphWriter
            if fmt == "gexf":
                writer = GexfWriter(handles[0], description)
            elif fmt == "graphml":
                writer = GraphmlWriter(handles[0], description)
            else:
                writer = GephiCsvWriter(handles[0], handles[1])
            write_graph(store, writer, summary, max_ip_sharing=max_ip_sharing, page=page, progress=progress)
    except OSError as err:
        raise cannot_write(out, err) from err
    return summary
