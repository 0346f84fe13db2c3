"""The reading layer every parser shares: plain or ``.gz`` files, CSV or JSON lines, line numbers, header checks.

Undecodable bytes never stop a file: the line is decoded with replacement characters and the record that holds
it becomes a :class:`Reject` saying so. Nothing here touches the database.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from netforensics.errors import NetforensicsError

# Tweet texts in real releases exceed csv's default 128 KiB field limit only when a quote is broken; allow
# long fields anyway so such a line is rejected with a reason instead of raising.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class HeaderMismatch(NetforensicsError):
    """A file's header is not the one its format needs; the message names expected and found columns."""


class UnreadableFile(NetforensicsError):
    """The file cannot be opened or is not what its name says (e.g. a broken ``.gz``)."""


@dataclass(frozen=True, slots=True)
class Reject:
    """One input record that was not loaded: where, why, and the record as read."""

    line: int
    reason: str
    raw: str
    rows: int = 1  # a record whose boundaries cannot be trusted (a broken quote) counts every line it swallowed


Row = dict[str, Any]
Parsed = Row | Reject


@dataclass
class ParsedSource:
    """A file being parsed: its records (rows or rejects), and how far the reading has got (for progress)."""

    path: Path
    kind: str
    records: Iterator[Parsed]
    bytes_total: int
    bytes_done: Callable[[], int]
    meta: dict[str, Any] = field(default_factory=dict)
    # when one input record yields several rows (a twitter-json line: users, mentions, tweets), the number of
    # records whose rows were all accepted so far: the summary and the reject rate count records, not rows
    records_accepted: Callable[[], int] | None = None


def open_binary(path: Path) -> tuple[IO[bytes], Callable[[], int]]:
    """Open ``path`` (gzip when it ends in ``.gz``); also return a function giving the compressed bytes read."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed by the caller through the returned stream
    except OSError as err:
        raise UnreadableFile(f"Cannot read {path}: {err.strerror}") from err
    size = path.stat().st_size

    def position() -> int:
        return size if raw.closed else raw.tell()

    if path.suffix == ".gz":
        return cast(IO[bytes], _GzipClosingRaw(raw)), position
    return raw, position


class _GzipClosingRaw(gzip.GzipFile):
    """A gzip stream that also closes the file underneath it."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__(fileobj=raw, mode="rb")
        self._raw = raw

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()


class _LineDecoder:
    """Decode byte lines strictly; remember the numbers of lines that needed replacement characters."""

    def __init__(self, stream: IO[bytes], path: Path, keep_lines: bool = False) -> None:
        self.stream = stream
        self.path = path
        self.bad_lines: set[int] = set()
        self.line = 0
        # with keep_lines: the lines handed out since the CSV reader's consumer last took them (one record's)
        self.pending: list[str] = []
        self._keep = keep_lines

    def __iter__(self) -> Iterator[str]:
        keep = self.pending.append if self._keep else None
        try:
            for raw in self.stream:
                self.line += 1
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    self.bad_lines.add(self.line)
                    text = raw.decode("utf-8", errors="replace")
                if keep is not None:
                    keep(text)
                yield text
        except (OSError, EOFError, gzip.BadGzipFile) as err:
            raise UnreadableFile(f"{self.path}: cannot read past line {self.line}: {err}") from err


def _first_line_without_bom(decoder: Iterator[str]) -> Iterator[str]:
    first = True
    for text in decoder:
        if first:
            text = text.removeprefix("\ufeff")
            first = False
        yield text


def check_header(path: Path, found: list[str], required: Iterable[str], optional: Iterable[str] = ()) -> None:
    """Raise :class:`HeaderMismatch` unless every required column is present once (extra columns are allowed)."""
    required, optional = list(required), list(optional)
    repeated = sorted({c for c in [*required, *optional] if found.count(c) > 1})
    if repeated:
        raise HeaderMismatch(f"{path}: the header names {', '.join(repeated)} more than once; which one to read is "
                             "ambiguous. Keep one column of each name.")
    missing = [c for c in required if c not in found]
    if missing:
        expected = ",".join(required + [f"[{c}]" for c in optional])
        raise HeaderMismatch(
            f"{path}: the header does not match this format: expected columns {expected}; "
            f"found {','.join(found) or '(empty file)'}; missing {','.join(missing)}."
        )


def csv_record_text(fields: list[str]) -> str:
    """The record as CSV text again (what a rejects file shows as the raw record); a field holding a line break
    is quoted, so the text reads back as the same record."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(fields)  # quotes fields with \r or \n in them
    return out.getvalue()[:-2]


@dataclass
class CsvReader:
    """A CSV file opened for streaming: the header, then ``(first line number, fields)`` per record."""

    path: Path
    header: list[str]
    _reader: Any
    _decoder: _LineDecoder
    _stream: IO[bytes]
    bytes_done: Callable[[], int]

    @property
    def bytes_total(self) -> int:
        return self.path.stat().st_size

    def records(self) -> Iterator[tuple[int, list[str]] | Reject]:
        """Each record with the number of the line it starts on; undecodable or ragged records as rejects."""
        width = len(self.header)
        reader = self._reader
        decoder = self._decoder
        bad = decoder.bad_lines
        decoder.pending.clear()  # the header's line
        end = reader.line_num
        try:
            while True:
                try:
                    fields = next(reader)
                except StopIteration:
                    return
                except csv.Error as err:
                    start, end = end + 1, reader.line_num
                    yield Reject(start, _malformed(str(err), start, end), self._take_lines(), rows=end - start + 1)
                    continue
                start, end = end + 1, reader.line_num
                if end > start and len(fields) != width and fields:
                    # a malformed record over several lines: its line breaks may not be the ones its writer meant
                    yield Reject(start, f"expected {width} fields, found {len(fields)} over lines {start}-{end}",
                                 self._take_lines(), rows=end - start + 1)
                    continue
                decoder.pending.clear()
                if bad and any(n in bad for n in range(start, end + 1)):
                    yield Reject(start, "undecodable bytes (not UTF-8)", csv_record_text(fields))
                elif len(fields) != width:
                    if not fields:
                        continue  # a blank line
                    yield Reject(start, f"expected {width} fields, found {len(fields)}", csv_record_text(fields))
                else:
                    yield start, fields
        finally:
            self._stream.close()

    def _take_lines(self) -> str:
        """The text of the lines the reader consumed since the last record (without the final line break)."""
        text = "".join(self._decoder.pending).rstrip("\r\n")
        self._decoder.pending.clear()
        return text


def _malformed(error: str, start: int, end: int) -> str:
    """A reject reason for a record the strict CSV reader refused; its lines are all counted as rejected."""
    lines = f"line {start}" if end == start else f"lines {start}-{end}"
    if error == "unexpected end of data":
        return f"a quoted field is never closed: it runs from line {start} to the end of the file ({lines} rejected)"
    if "expected after" in error:
        return (f"a quote inside a quoted field is not doubled, or a quoted field opened earlier was never closed "
                f"({lines} rejected)")
    return f"malformed CSV: {error} ({lines} rejected)"


def open_csv(path: Path, required: Iterable[str], optional: Iterable[str] = ()) -> CsvReader:
    """Open a CSV file and check its header against the format's required (and optional) columns."""
    stream, position = open_binary(path)
    decoder = _LineDecoder(stream, path, keep_lines=True)
    # strict: a quote that does not close its field where it should is an error, not text: an unclosed quote then
    # fails at the next quote or at the end of the file instead of silently merging the lines in between
    reader = csv.reader(_first_line_without_bom(iter(decoder)), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        header = []
    except csv.Error as err:
        stream.close()
        raise HeaderMismatch(f"{path}: the first line is not a CSV header: {err}") from err
    try:
        check_header(path, header, required, optional)
    except HeaderMismatch:
        stream.close()
        raise
    return CsvReader(path, header, reader, decoder, stream, position)


def peek_csv_header(path: Path) -> list[str]:
    """The header of a CSV file without reading further (used to tell users files from tweets files)."""
    stream, _ = open_binary(path)
    try:
        first = stream.readline().decode("utf-8", errors="replace").removeprefix("\ufeff")
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        raise UnreadableFile(f"{path}: cannot read the first line: {err}") from err
    finally:
        stream.close()
    return [h.strip() for h in next(csv.reader([first]), [])]



def json_lines(path: Path) -> tuple[Iterator[tuple[int, Any] | Reject], Callable[[], int]]:
    """``(line number, decoded JSON value)`` per non-blank line; bad JSON and bad bytes as rejects."""
    stream, position = open_binary(path)
    decoder = _LineDecoder(stream, path)

    def records() -> Iterator[tuple[int, Any] | Reject]:
        try:
            for text in _first_line_without_bom(iter(decoder)):
                number = decoder.line
                stripped = text.strip()
                if not stripped:
                    continue
                if number in decoder.bad_lines:
                    yield Reject(number, "undecodable bytes (not UTF-8)", stripped)
                    continue
                try:
                    yield number, json.loads(stripped)
                except json.JSONDecodeError as err:
                    yield Reject(number, f"not valid JSON: {err.msg} at column {err.colno}", stripped)
        finally:
            stream.close()

    return records(), position


JSON_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz", ".json.gz")


def is_json_lines(path: Path) -> bool:
    return path.name.lower().endswith(JSON_SUFFIXES)


@dataclass
class Table:
    """A generic CSV or JSONL file seen as columns plus ``(line, fields)`` records in those columns' order."""

    columns: list[str]
    records: Iterator[tuple[int, list[str]] | Reject]
    bytes_total: int
    bytes_done: Callable[[], int]


def json_field(value: Any, column: str) -> str:
    """A JSON value as the text its CSV column would hold; objects, arrays and inexact numbers are refused."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{column} is not a finite number: {value!r}")
        if not value.is_integer():
            return repr(value)
        if abs(value) < 2**53:
            return str(int(value))
        raise ValueError(f"{column} is {value!r}: a number too large to be exact in JSON (write ids as strings)")
    raise ValueError(f"{column} is not a single value: {json.dumps(value, ensure_ascii=False)[:80]}")


def open_table(path: Path, required: Iterable[str], optional: Iterable[str] = ()) -> Table:
    """CSV (header checked) or JSON lines (one object per line, keys checked per line) with the same shape."""
    required, optional = list(required), list(optional)
    size = path.stat().st_size if path.exists() else 0
    if not is_json_lines(path):
        reader = open_csv(path, required, optional)
        return Table(reader.header, reader.records(), size, reader.bytes_done)
    columns = required + optional
    lines, position = json_lines(path)

    def records() -> Iterator[tuple[int, list[str]] | Reject]:
        for item in lines:
            if isinstance(item, Reject):
                yield item
                continue
            number, value = item
            if not isinstance(value, dict):
                yield Reject(number, "expected a JSON object", json.dumps(value, ensure_ascii=False))
                continue
            missing = [c for c in required if value.get(c) in (None, "")]
            if missing:
                yield Reject(number, f"missing {','.join(missing)}", json.dumps(value, ensure_ascii=False))
                continue
            try:
                yield number, [json_field(value.get(c), c) for c in columns]
            except ValueError as err:
                yield Reject(number, str(err), json.dumps(value, ensure_ascii=False))

    return Table(columns, records(), size, position)


def convert_records(
    records: Iterator[tuple[int, list[str]] | Reject],
    convert: Callable[[list[str]], Row],
    raw: Callable[[list[str]], str] = csv_record_text,
) -> Iterator[Parsed]:
    """Apply ``convert`` to each record; a ``ValueError`` becomes a :class:`Reject` with its message as the reason."""
    for record in records:
        if isinstance(record, Reject):
            yield record
            continue
        line, fields = record
        try:
            yield convert(fields)
        except (ValueError, OverflowError) as err:  # OverflowError: a value past what Python's types hold
            yield Reject(line, str(err), raw(fields))
