"""Neo4j Browser artefacts generated from the query library: a guide (``:play``), favourites (a zip of
``.cypher`` files to drop on Browser) and a GraSS style sheet (``:style``), plus a tiny local server for them.

:func:`export` writes all three; :func:`netforensics.browser.serve.make_server` serves them (and nothing else of
the folder) with the CORS header Browser needs. Browser fetches remote guides and styles only from hosts in the
server setting ``browser.remote_content_hostname_whitelist`` (default ``guides.neo4j.com,localhost``), so the guide is
played as ``:play http://localhost:<port>/netforensics-guide.html``.
"""

from __future__ import annotations

from pathlib import Path

from netforensics.browser.favourites import favourites_zip
from netforensics.browser.guide import guide_html
from netforensics.browser.style import grass
from netforensics.output_files import cannot_write, make_folder, replaced_on_success
from netforensics.query_library import list_queries

GUIDE_FILE = "netforensics-guide.html"
STYLE_FILE = "netforensics.grass"
FAVOURITES_FILE = "netforensics-favorites.zip"


def export(out_dir: Path, base_url: str | None = None) -> dict[str, Path]:
    """Write guide, style sheet and favourites into ``out_dir``; ``base_url`` (where they will be served)
    lets the guide offer a one-click ``:style`` command. Returns {"guide"|"style"|"favourites": path}.
    NetforensicsError if the folder or a file cannot be written."""
    make_folder(out_dir)
    queries = list_queries()
    style_url = f"{base_url.rstrip('/')}/{STYLE_FILE}" if base_url else None
    paths = {"guide": out_dir / GUIDE_FILE, "style": out_dir / STYLE_FILE, "favourites": out_dir / FAVOURITES_FILE}
    contents = {"guide": guide_html(queries, style_url=style_url).encode("utf-8"), "style": grass().encode("utf-8"),
                "favourites": favourites_zip(queries)}
    for kind, path in paths.items():
        try:
            with replaced_on_success(path) as part:
                part.write_bytes(contents[kind])
        except OSError as err:
            raise cannot_write(path, err) from err
    return paths


__all__ = ["export", "guide_html", "grass", "favourites_zip", "GUIDE_FILE", "STYLE_FILE", "FAVOURITES_FILE"]
