"""Browser favourites: a zip of ``.cypher`` files, one folder per category, that Browser imports when the zip is
dropped on its window (each file becomes a saved script named by its first ``//`` line)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from netforensics.browser.params import params_command
from netforensics.cypher_files import CypherFile

# A fixed timestamp keeps the zip byte-identical between runs.
_ZIP_TIME = (2019, 8, 19, 0, 0, 0)


def favourite_text(q: CypherFile) -> str:
    """The saved script: its name first (Browser's display name), the description, how to set parameters, the query."""
    lines = [f"// {q.name}", f"// {q.description}"]
    command = params_command(q)
    if command:
        lines.append(f"// parameters first: {command}")
    lines.append(q.text)
    return "\n".join(lines) + "\n"


def favourites_zip(queries: Sequence[CypherFile]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for q in sorted(queries, key=lambda q: (q.category, q.name)):
            info = zipfile.ZipInfo(f"netforensics {q.category or 'queries'}/{q.name}.cypher", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, favourite_text(q).encode("utf-8"))
    return buffer.getvalue()
