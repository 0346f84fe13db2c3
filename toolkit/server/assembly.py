"""`netforensics db install`: assemble Neo4j Community + GDS + APOC + Browser from Maven Central.

No tarball of the server is published on Central, so the distribution is rebuilt from its parts: the
runtime dependencies of ``org.neo4j:neo4j`` (+ HTTP server, Bolt, Browser) go into ``lib/``, the GDS and
APOC groups into ``plugins/``. Maven resolves and copies; nothing is compiled. Re-running is a no-op when
``installed.json`` already names the same versions.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from netforensics.errors import ServerNotInstalled
from netforensics.server import versions
from netforensics.server.layout import ServerLayout

MIN_JAVA = 17
_INSTALL_HINT = (
    "Install a Java 17 JDK and Maven (Debian: `apt-get install openjdk-17-jdk-headless maven`), "
    "or run Neo4j with docker/compose.yaml and point NEO4J_URI at it."
)


def java_major_version(java: str = "java") -> int | None:
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def check_prerequisites() -> None:
    """Raise :class:`ServerNotInstalled` with what to install when Java or Maven is missing."""
    major = java_major_version()
    if major is None:
        raise ServerNotInstalled(f"Java was not found on PATH. {_INSTALL_HINT}")
    if major < MIN_JAVA or major > 21:
        raise ServerNotInstalled(f"Neo4j 5.26 needs Java 17 or 21, found Java {major}. {_INSTALL_HINT}")
    if shutil.which("mvn") is None:
        raise ServerNotInstalled(f"Maven (`mvn`) was not found on PATH. {_INSTALL_HINT}")


def is_installed(layout: ServerLayout) -> bool:
    return layout.read_installed() == versions.fingerprint() and any(layout.lib.glob("neo4j-*.jar"))


def render_pom() -> str:
    template = resources.files("netforensics.server").joinpath("assembly.pom.xml").read_text(encoding="utf-8")
    return (
        template.replace("@NEO4J@", versions.NEO4J_VERSION)
        .replace("@GDS@", versions.GDS_VERSION)
        .replace("@APOC@", versions.APOC_VERSION)
        .replace("@BROWSER@", versions.BROWSER_VERSION)
    )


def _maven_copy(pom: Path, out: Path, log: Path, *, plugins: bool) -> None:
    groups = ",".join(versions.PLUGIN_GROUPS)
    selector = f"-DincludeGroupIds={groups}" if plugins else f"-DexcludeGroupIds={groups}"
    command = [
        "mvn", "-B", "-q", "-f", str(pom),
        "dependency:copy-dependencies", f"-DoutputDirectory={out}", "-DincludeScope=runtime", selector,
    ]
    with log.open("a", encoding="utf-8") as handle:
        handle.write("$ " + " ".join(command) + "\n")
        handle.flush()
        result = subprocess.run(command, stdout=handle, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:])
        raise ServerNotInstalled(
            f"Maven could not assemble the server (exit {result.returncode}); is Maven Central reachable? "
            f"Full log: {log}\n{tail}"
        )


def install(layout: ServerLayout, *, force: bool = False, report: Callable[[str], None] = lambda _: None) -> bool:
    """Assemble the server into ``layout.server_home``; returns False when it was already installed."""
    if is_installed(layout) and not force:
        return False
    check_prerequisites()
    build = layout.home / "build"
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    pom = build / "pom.xml"
    pom.write_text(render_pom(), encoding="utf-8")
    log = build / "maven.log"
    staged_lib, staged_plugins = build / "lib", build / "plugins"
    report(f"Resolving Neo4j {versions.NEO4J_VERSION} from Maven Central")
    _maven_copy(pom, staged_lib, log, plugins=False)
    report(f"Resolving GDS {versions.GDS_VERSION} and APOC {versions.APOC_VERSION}")
    _maven_copy(pom, staged_plugins, log, plugins=True)
    for folder in (layout.server_home, layout.conf, layout.data, layout.logs, layout.run, layout.server_home / "import"):
        folder.mkdir(parents=True, exist_ok=True)
    # Swap jars in only after both copies succeeded: a failed install leaves the previous one usable.
    for staged, target in ((staged_lib, layout.lib), (staged_plugins, layout.plugins)):
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(staged), str(target))
    layout.installed_file.write_text(json.dumps(versions.fingerprint(), indent=2) + "\n")
    report("Installed")
    return True
