"""Serve the Browser artefacts of a folder on loopback, with the CORS header Browser needs to fetch them.

Only the files :func:`netforensics.browser.export` writes are served (anything else in the folder, such as notes or
the data home's password file, is a 404, and there are no folder listings), and only the two Browser fetches
cross-origin (the guide for ``:play``, the style sheet for ``:style``) carry ``Access-Control-Allow-Origin``: any
web page may read those, as they hold nothing but the query library.
"""

from __future__ import annotations

import functools
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from netforensics.browser import FAVOURITES_FILE, GUIDE_FILE, STYLE_FILE

CONTENT_TYPES = {GUIDE_FILE: "text/html; charset=utf-8", STYLE_FILE: "text/plain; charset=utf-8",
                 FAVOURITES_FILE: "application/zip"}
CROSS_ORIGIN = frozenset({GUIDE_FILE, STYLE_FILE})  # what Browser fetches from its own page


class ArtefactHandler(BaseHTTPRequestHandler):
    """GET/HEAD of the artefacts in ``directory`` (no caching), CORS preflight for the guide and the style, 404 else."""

    def __init__(self, *args: Any, directory: str, **kwargs: Any) -> None:
        self.directory = Path(directory)
        super().__init__(*args, **kwargs)

    def _name(self) -> str | None:
        name = urlsplit(self.path).path.lstrip("/")
        return name if name in CONTENT_TYPES else None

    def _not_found(self) -> None:
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _serve(self, with_body: bool) -> None:
        name = self._name()
        try:
            body = (self.directory / name).read_bytes() if name is not None else None
        except OSError:
            body = None
        if name is None or body is None:
            self._not_found()
            return
        self.send_response(200)
        self.send_header("Content-Type", CONTENT_TYPES[name])
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if name in CROSS_ORIGIN:
            self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._serve(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self._serve(with_body=False)

    def do_OPTIONS(self) -> None:  # noqa: N802 - http.server's naming
        # Browser sends Pragma / Cache-Control with the guide request, so the browser preflights it.
        if self._name() not in CROSS_ORIGIN:
            self._not_found()
            return
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", self.headers.get("Access-Control-Request-Headers") or "*")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


def make_server(directory: Path, port: int = 0, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """A server for the artefacts in ``directory`` bound to ``host:port`` (port 0: any free port); call ``serve_forever()``."""
    handler = functools.partial(ArtefactHandler, directory=str(directory))
    return ThreadingHTTPServer((host, port), handler)
