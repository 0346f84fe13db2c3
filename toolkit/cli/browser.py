"""``netforensics browser``: the query library one click away in Neo4j Browser (guide, favourites, style sheet)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from netforensics.browser import FAVOURITES_FILE, GUIDE_FILE, STYLE_FILE, export
from netforensics.browser.serve import make_server
from netforensics.cli.console import console, err_console
from netforensics.errors import NetforensicsError
from netforensics.settings import data_home

app = typer.Typer(help="Neo4j Browser artefacts from the query library: a guide for :play, favourites to import, a :style sheet.",
                  no_args_is_help=True)


@app.command("export")
def export_command(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the guide, the style sheet and the favourites zip into.", file_okay=False)],
    base_url: Annotated[Optional[str], typer.Option("--base-url", help="Where the folder will be served (e.g. http://localhost:8001); the guide then offers a one-click :style.", show_default=False)] = None,
) -> None:
    """Write netforensics-guide.html (for :play), netforensics.grass (for :style or drag-and-drop) and
    netforensics-favorites.zip (drag onto Browser to import the queries as saved scripts)."""
    paths = export(out_dir, base_url)
    for kind, path in paths.items():
        console.print(f"{kind:<10} {path}", highlight=False)
    err_console.print("Serve the folder with `netforensics browser serve --dir " + str(out_dir) + "`, or drag the .zip and .grass files onto Browser.")


@app.command("serve")
def serve_command(
    directory: Annotated[Optional[Path], typer.Option("--dir", help="Folder to write and serve the artefacts from. [default: <data home>/browser]", file_okay=False, show_default=False)] = None,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1 (0: any free port).")] = 8001,
) -> None:
    """Write the artefacts and serve them on localhost (with the CORS header Browser needs) until Ctrl-C;
    then type the printed :play command in Neo4j Browser. Only those three files are served, whatever else the
    folder holds."""
    folder = directory or data_home() / "browser"
    try:
        server = make_server(folder, port)
    except OSError as err:
        raise NetforensicsError(f"Cannot listen on 127.0.0.1:{port}: {err.strerror or err}. Try --port 0 for any free port.") from err
    actual = server.server_address[1]
    base = f"http://localhost:{actual}"
    try:
        export(folder, base)
    except NetforensicsError:
        server.server_close()
        raise
    console.print(f"Serving {folder} on {base} (Ctrl-C to stop). In Neo4j Browser run:", highlight=False)
    console.print(f"  :play {base}/{GUIDE_FILE}\n  :style {base}/{STYLE_FILE}", highlight=False)
    console.print(f"Favourites: download {base}/{FAVOURITES_FILE} and drag it onto Browser.", highlight=False)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
