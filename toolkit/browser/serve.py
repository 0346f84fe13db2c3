"""Serve a folder of Browser artefacts on loopback with the CORS header Browser needs to fetch them."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class CorsHandler(SimpleHTTPRequestHandler):
    """Static files with ``Access-Control-Allow-Origin: *`` (Browser loads guides cross-origin, preflighted) and no caching."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_OPTIONS(self) -> None:  # noqa: N802 - http.server's naming
        # Browser sends Pragma / Cache-Control with the guide request, so the browser preflights it.
        self.send_response(204)
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", self.headers.get("Access-Control-Request-Headers") or "*")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


def make_server(directory: Path, port: int = 0, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """A server for ``directory`` bound to ``host:port`` (port 0: any free port); call ``serve_forever()``."""
    handler = functools.partial(CorsHandler, directory=str(directory))
    return ThreadingHTTPServer((host, port), handler)
