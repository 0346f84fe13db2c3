"""Load files into Neo4j: parse (``netforensics.loaders``) -> batches -> writers, one ``LoadBatch`` per file.

A file is identified by the sha256 of its bytes (not re-read when a complete batch has the same path, size and
modification time: a refresh inbox keeps gigabytes of old files). A file whose batch is ``complete`` is skipped unless ``force``;
a ``running`` or ``failed`` batch (an interrupted or rejected load) is simply loaded again: every write is a MERGE
(or a CREATE of what the same transaction just found missing), so the re-run resumes without duplicates. Rejected rows go to a rejects CSV (file, line, reason, raw); when
their share exceeds ``max_reject_rate`` the batch is marked ``failed`` and :class:`TooManyRejects` is raised
after the rejects are written.
"""

from __future__ import annotations

import csv
import hashlib
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Protocol

from netforensics.errors import DatabaseUnavailable, NetforensicsError, TooManyRejects
from netforensics.loaders import follows, io_archive, ip_ranges, ips, shares, twitter_json
from netforensics.loaders.reading import ParsedSource, Reject
from netforensics.store import schema
from netforensics.store.batch_writes import BatchPlan, WriteCounts, read_rows, write_once, write_plan
from netforensics.store.connection import GraphStore, batched
from netforensics.store.evidence_writes import LoadContext, Row, TouchedTweets, prepare_follows, prepare_tweets, refresh_retweeted
from netforensics.store.ip_writes import prepare_ip_observations, prepare_networks

# Turns one batch of parsed rows into what it writes; runs on the parsing thread (it may read, never writes).
Preparer = Callable[[GraphStore, Sequence[Row], LoadContext], BatchPlan]


@dataclass(frozen=True)
class Source:
    """One ``load`` sub-command: how to parse its files and how to write their rows."""

    name: str
    parse: Callable[[Path], ParsedSource]
    prepare: Preparer
    summarises_retweets: bool = False
    expand: Callable[[list[Path]], list[Path]] | None = None  # folders into files, in loading order
    default_dataset: Callable[[list[Path]], str] | None = None


SOURCES: dict[str, Source] = {
    "io-archive": Source("io-archive", io_archive.parse, prepare_tweets, summarises_retweets=True,
                         expand=io_archive.release_files, default_dataset=io_archive.dataset_name),
    "twitter-json": Source("twitter-json", twitter_json.parse, prepare_tweets, summarises_retweets=True),
    "shares": Source("shares", shares.parse, prepare_tweets, summarises_retweets=True),
    "follows": Source("follows", follows.parse, prepare_follows),
    "ips": Source("ips", ips.parse, prepare_ip_observations),
    "ip-ranges": Source("ip-ranges", ip_ranges.parse, prepare_networks),
}
DEFAULT_BATCH_SIZE = 2_000  # smaller transactions keep the server's young GC cheap (docs/loading.md, Speed)


@dataclass(frozen=True)
class LoadOptions:
    batch_size: int = DEFAULT_BATCH_SIZE
    force: bool = False
    max_reject_rate: float = 0.01
    rejects_path: Path | None = None  # None: ``<input>.rejects.csv`` beside each input
    dataset: str | None = None

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise NetforensicsError(f"--batch-size must be at least 1, not {self.batch_size}.")
        if not 0.0 <= self.max_reject_rate <= 1.0:
            raise NetforensicsError(f"--max-reject-rate must be between 0 and 1, not {self.max_reject_rate}.")


@dataclass
class FileResult:
    path: Path
    kind: str
    sha256: str
    status: str  # loaded, skipped, failed
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    seconds: float = 0.0
    rejects_path: Path | None = None
    counts: WriteCounts = field(default_factory=WriteCounts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path), "kind": self.kind, "sha256": self.sha256, "status": self.status,
            "rows_read": self.rows_read, "rows_loaded": self.rows_loaded, "rows_rejected": self.rows_rejected,
            "seconds": round(self.seconds, 3), "rows_per_second": round(self.rows_read / self.seconds) if self.seconds else None,
            "rejects_path": str(self.rejects_path) if self.rejects_path else None, **self.counts.as_dict(),
        }


class Progress(Protocol):
    """What a load reports while it runs (the CLI draws a progress bar; notebooks may pass nothing)."""

    def start_file(self, path: Path, total_bytes: int) -> None: ...
    def advance(self, rows: int, bytes_done: int) -> None: ...
    def finish_file(self, result: FileResult) -> None: ...


def file_sha256(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as err:
        raise NetforensicsError(f"Cannot read {path}: {err.strerror}") from err


def file_identity(store: GraphStore, path: Path, force: bool) -> tuple[str, dict[str, Any]]:
    """The file's sha256 and its stat fields for the batch: taken from a complete batch of the same path, size and
    modification time when there is one (unless ``force``), else computed from the bytes."""
    try:
        stat = path.stat()
    except OSError as err:
        raise NetforensicsError(f"Cannot read {path}: {err.strerror}") from err
    where = {"path": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    known = [] if force else read_rows(store, "batch-by-file", **where)
    return (str(known[0]["sha256"]) if known else file_sha256(path)), where


def default_rejects_path(path: Path) -> Path:
    return path.with_name(path.name + ".rejects.csv")


class RejectsFile:
    """The rejects CSV (``file,line,reason,raw``), opened only when the first reject arrives."""

    def __init__(self, path: Path, append: bool = False) -> None:
        self.path = path
        self.append = append
        self._handle: IO[str] | None = None
        self._writer: Any = None
        self.count = 0

    def add(self, source: Path, reject: Reject) -> None:
        if self._handle is None:
            try:
                exists = self.append and self.path.exists() and self.path.stat().st_size > 0
                self._handle = open(self.path, "a" if self.append else "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as err:
                raise NetforensicsError(f"Cannot write the rejects file {self.path}: {err.strerror}; choose another with --rejects.") from err
            self._writer = csv.writer(self._handle)
            if not exists:
                self._writer.writerow(["file", "line", "reason", "raw"])
        self._writer.writerow([str(source), reject.line, reject.reason, reject.raw])
        self.count += 1

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def load_files(store: GraphStore, source: str, paths: Sequence[Path], options: LoadOptions = LoadOptions(),
               progress: Progress | None = None, touched: TouchedTweets | None = None) -> list[FileResult]:
    """Load each file in turn (schema applied first); stop at the first file with too many rejects.

    ``touched`` collects the ids of the tweets the files wrote or pointed at (the refresh's incremental projection)."""
    if source not in SOURCES:
        raise NetforensicsError(f"Unknown source {source!r}; known: {', '.join(SOURCES)}.")
    spec = SOURCES[source]
    paths = spec.expand(list(paths)) if spec.expand else list(paths)
    if not paths:
        raise NetforensicsError("No input files found.")
    if options.dataset is None and spec.default_dataset is not None:
        options = replace(options, dataset=spec.default_dataset(paths))
    for path in paths:
        if not path.is_file():
            raise NetforensicsError(f"{path} is not a file (or does not exist).")
    schema.ensure(store)
    results = []
    shared_rejects = RejectsFile(options.rejects_path, append=False) if options.rejects_path else None
    # What earlier files of this load wrote (e.g. the users file's accounts) is not sent again by later ones.
    memory = LoadContext(now="", dataset=options.dataset, touched=touched)
    try:
        for path in paths:
            results.append(load_file(store, spec, path, options, progress, shared_rejects, memory))
    finally:
        if shared_rejects is not None:
            shared_rejects.close()
    return results


def load_file(store: GraphStore, source: Source, path: Path, options: LoadOptions, progress: Progress | None = None,
              shared_rejects: RejectsFile | None = None, memory: LoadContext | None = None) -> FileResult:
    """Load one file; ``memory`` (a context of earlier files of the same load, same dataset) lends its record of
    what they wrote."""
    sha256, where = file_identity(store, path, options.force)
    parsed = source.parse(path)  # header problems raise here, before anything is written
    result = FileResult(path, parsed.kind, sha256, "loaded")
    previous = read_rows(store, "batch-status", sha256=sha256)
    if previous and previous[0]["status"] == "complete" and not options.force:
        parsed.records.close()  # type: ignore[attr-defined]
        if previous[0]["kind"] not in (None, parsed.kind):
            raise NetforensicsError(
                f"{path}: these bytes were loaded as {previous[0]['kind']} evidence (finished {previous[0]['finished_at']}), "
                f"not as {parsed.kind}; a file is one kind of evidence. If it really holds both, load it again with --force.")
        result.status = "skipped"
        result.rows_loaded = int(previous[0]["rows_loaded"] or 0)
        if progress:
            progress.finish_file(result)
        return result

    now = server_now(store)
    ctx = LoadContext(now=now, dataset=options.dataset, force=options.force)
    if memory is not None:
        ctx.share_memory(memory)
    if options.dataset:
        write_once(store, "dataset", dataset=options.dataset, now=now)
    write_once(store, "batch-start", sha256=sha256, kind=parsed.kind, dataset=options.dataset, now=now, **where)
    rejects = shared_rejects or RejectsFile(default_rejects_path(path))
    started = time.perf_counter()
    if progress:
        progress.start_file(path, parsed.bytes_total)
    status = "failed"
    batches = batched(_accepted(parsed.records, path, rejects, result), options.batch_size)
    plans = _Prefetched((source.prepare(store, batch, ctx) for batch in batches), parsed.records)
    try:
        for plan in plans:
            write_plan(store, plan, result.counts)
            result.rows_loaded += plan.rows
            if progress:
                progress.advance(plan.rows, parsed.bytes_done())
        if source.summarises_retweets:
            refresh_retweeted(store, ctx, result.counts)
        status = "complete"
    except DatabaseUnavailable as err:
        raise DatabaseUnavailable(
            f"{err} The load of {path} stopped after {result.rows_loaded:,} rows; run the same command again "
            "to resume (rows already written are merged, not duplicated)."
        ) from err
    finally:
        plans.close()  # the parsing thread has stopped (and counted every reject) once this returns
        if shared_rejects is None:
            rejects.close()
        result.seconds = time.perf_counter() - started
        if parsed.records_accepted is not None and status == "complete":
            result.rows_loaded = parsed.records_accepted()  # input records (lines), not the rows derived from them
        result.rows_read = result.rows_loaded + result.rows_rejected
        result.rejects_path = rejects.path if result.rows_rejected else None
        too_many = result.rows_read > 0 and result.rows_rejected / result.rows_read > options.max_reject_rate
        result.status = "loaded" if status == "complete" and not too_many else "failed"
        _finish_batch(store, result, "complete" if result.status == "loaded" else "failed")
        if progress:
            progress.finish_file(result)
    if result.status == "failed":
        raise TooManyRejects(
            f"{path}: {result.rows_rejected:,} of {result.rows_read:,} rows rejected "
            f"({result.rows_rejected / result.rows_read:.1%}, over --max-reject-rate {options.max_reject_rate:.1%}); "
            f"see {rejects.path}. The accepted rows were loaded; fix the file and load it again."
        )
    return result


class _Prefetched:
    """Iterate ``batches`` while a thread parses and prepares the next ones: that Python work runs while the writer
    waits for the server (the driver releases the GIL in socket IO). At most ``depth`` batches wait in memory."""

    _END = object()

    def __init__(self, batches: Iterator[BatchPlan], records: Iterator[Any], depth: int = 2) -> None:
        self._batches = batches
        self._records = records
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, name="netforensics-parse", daemon=True)
        self._thread.start()

    def _produce(self) -> None:
        try:
            for batch in self._batches:
                if self._stop.is_set():
                    break
                self._put(batch)
        except BaseException as err:  # handed to the consumer, raised there  # noqa: BLE001
            self._put(err)
        finally:
            close = getattr(self._records, "close", None)
            if close is not None:
                close()  # closes the input file, also when the consumer stopped early
            self._put(self._END)

    def _put(self, item: Any) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def __iter__(self) -> Iterator[BatchPlan]:
        while True:
            item = self._queue.get()
            if item is self._END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


def _accepted(records: Iterator[Any], path: Path, rejects: RejectsFile, result: FileResult) -> Iterator[Row]:
    for record in records:
        if type(record) is Reject:
            rejects.add(path, record)
            result.rows_rejected += record.rows
        else:
            yield record


def server_now(store: GraphStore) -> str:
    """The server's time (ISO): what the run's ``started_at`` is compared with, whatever the loader's clock says."""
    return str(read_rows(store, "server-now")[0]["now"])


def _finish_batch(store: GraphStore, result: FileResult, status: str) -> None:
    """Record the outcome; when the server is gone that is impossible, and the batch stays ``running`` (= resumable)."""
    try:
        write_once(store, "batch-finish", sha256=result.sha256, status=status, rows_read=result.rows_read,
                   rows_loaded=result.rows_loaded, rows_rejected=result.rows_rejected, seconds=result.seconds,
                   now=server_now(store))
    except DatabaseUnavailable:
        pass
