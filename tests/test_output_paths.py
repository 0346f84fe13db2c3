"""Output paths: ``replaced_on_success`` keeps symlinks, FIFOs and devices intact and cleans up after itself, and
every command that writes a file (report, export graph, browser export / serve) turns a path it cannot write into
one line and exit code 1, never a traceback."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from pathlib import Path

import pytest

from netforensics.errors import NetforensicsError
from netforensics.output_files import replaced_on_success
from netforensics.report.export import export_graph
from netforensics.settings import ConnectionSettings
from netforensics.store.connection import GraphStore
from tests import report_graph
from tests.cli_helpers import run_cli

UNCREATABLE = Path("/proc")  # exists, but nothing can be created in it


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    with replaced_on_success(link) as part:
        part.write_text("new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "later.csv")
    with replaced_on_success(dangling) as part:
        part.write_text("made")
    assert dangling.is_symlink() and (tmp_path / "later.csv").read_text() == "made"


def test_a_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader waiting, as `cat pipe` would be
    try:
        with replaced_on_success(fifo) as part:
            assert part == fifo
            part.write_bytes(b"account_1,account_2,weight\n")
        assert os.read(reader, 1000) == b"account_1,account_2,weight\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_dev_stdout_redirected_to_a_file_is_written_into_not_replaced(tmp_path: Path) -> None:
    import sys

    out = tmp_path / "out.txt"
    out.write_text("", encoding="utf-8")
    inode = out.stat().st_ino
    code = ("from netforensics.output_files import replaced_on_success\n"
            "with replaced_on_success('/dev/stdout') as p: p.write_text('report\\n')\n")
    with out.open("a") as redirected:
        subprocess.run([sys.executable, "-c", code], stdout=redirected, check=True)
    assert out.stat().st_ino == inode and out.read_text(encoding="utf-8") == "report\n"
    assert not list(tmp_path.glob("*.part"))


def test_a_failed_rename_removes_the_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "pairs.csv"
    out.write_text("previous")

    def cross_device(src: object, dst: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr("netforensics.output_files.os.replace", cross_device)
    with pytest.raises(OSError), replaced_on_success(out) as part:
        part.write_text("new")
    assert [p.name for p in tmp_path.iterdir()] == ["pairs.csv"] and out.read_text() == "previous"


def test_a_folder_target_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "results"
    folder.mkdir()
    with pytest.raises(NetforensicsError, match="is a folder"), replaced_on_success(folder) as part:
        part.write_text("x")
    assert [p.name for p in tmp_path.iterdir()] == ["results"]


def test_a_part_already_there_is_replaced_not_written_through(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me")
    out = tmp_path / "pairs.csv"
    (tmp_path / "pairs.csv.part").symlink_to(elsewhere)
    with replaced_on_success(out) as part:
        part.write_text("result")
    assert out.read_text() == "result" and not out.is_symlink()
    assert elsewhere.read_text() == "keep me"
    (tmp_path / "pairs.csv.part").mkdir()
    with pytest.raises(NetforensicsError, match="folder in the way"), replaced_on_success(out) as part:
        part.write_text("x")
    assert out.read_text() == "result"


def one_clean_error(done: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    for needle in needles:
        assert needle in done.stderr, done.stderr


@pytest.fixture()
def afile(tmp_path: Path) -> Path:
    path = tmp_path / "afile"
    path.write_text("not a folder")
    return path


def test_report_and_export_graph_name_a_path_they_cannot_write(store: GraphStore, neo4j_settings: ConnectionSettings,
                                                                tmp_path: Path, afile: Path) -> None:
    report_graph.build(store)
    for out, args in ((afile / "r.html", ["report"]), (afile / "x.graphml", ["export", "graph"]),
                      (afile, ["export", "graph", "--format", "csv"])):
        one_clean_error(run_cli(*args, str(out), settings=neo4j_settings), f"Cannot write {out}: {afile} exists and is not a folder")
    assert afile.read_text() == "not a folder"
    for args in (["report", str(UNCREATABLE / "r.html")], ["export", "graph", str(UNCREATABLE / "x.graphml")]):
        one_clean_error(run_cli(*args, settings=neo4j_settings), f"Cannot write {args[-1]}")
    folder = tmp_path / "existing_dir"
    folder.mkdir()
    one_clean_error(run_cli("export", "graph", str(folder), "--format", "gexf", settings=neo4j_settings), "is a folder")
    assert not (tmp_path / "existing_dir.part").exists()


def test_export_graph_without_a_current_run_exits_1(store: GraphStore, neo4j_settings: ConnectionSettings,
                                                    tmp_path: Path) -> None:
    with pytest.raises(NetforensicsError, match="No current detection run"):
        export_graph(store, tmp_path / "g.gexf", "gexf")
    one_clean_error(run_cli("export", "graph", str(tmp_path / "g.gexf"), settings=neo4j_settings),
                    "netforensics clusters")
    assert not list(tmp_path.iterdir())


def test_browser_commands_name_a_folder_they_cannot_create(tmp_path: Path, afile: Path) -> None:
    one_clean_error(run_cli("browser", "export", str(afile / "x")), f"Cannot write {afile / 'x'}")
    one_clean_error(run_cli("browser", "export", str(UNCREATABLE / "bx")), f"Cannot write {UNCREATABLE / 'bx'}")
    one_clean_error(run_cli("browser", "serve", "--dir", str(UNCREATABLE / "zz"), "--port", "0"),
                    f"Cannot write {UNCREATABLE / 'zz'}")
