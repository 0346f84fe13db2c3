"""Read retweet ("share") events from files into the arrays :mod:`netforensics.detect.co_retweet` takes.

Two formats, recognised from the header (plain or gzip-compressed, whatever the file name says):

* the CooRTweet shares format, ``object_id,account_id,content_id,timestamp_share``: one row per share, the
  shared object, the sharing account, the share's own id and unix seconds (integer or float);
* a Twitter information-operations archive tweets CSV (31 columns, ``tweetid`` ... ``poll_choices``): rows with
  ``is_retweet`` true and ``retweet_tweetid`` set are retweets; ``tweet_time`` is ``YYYY-MM-DD HH:MM`` (UTC,
  minute resolution; ``HH:MM:SS`` is accepted too).

Ids are read as strings and never as numbers (archive ids overflow floats). Rows sharing a share id (``content_id``
/ ``tweetid``) are one event: the first occurrence is kept, as a database keyed on the id would. Rows without an
account, an original tweet or a readable time are skipped and counted.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from netforensics.errors import NetforensicsError
from netforensics.output_files import replaced_on_success

SHARES_FORMAT = "shares"
ARCHIVE_FORMAT = "io-archive"

#: Columns read from each format, in the order (share id, account, original tweet, time).
SHARES_COLUMNS = ("content_id", "account_id", "object_id", "timestamp_share")
ARCHIVE_COLUMNS = ("tweetid", "userid", "retweet_tweetid", "tweet_time", "is_retweet")

_NUMBER = r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$"
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class ShareEvents:
    """Retweet events as aligned arrays, plus the id vocabularies to turn indices back into ids.

    * ``account`` — int64 index into ``account_ids``; ``account_ids`` is sorted, so comparing indices is the same
      as comparing the id strings;
    * ``tweet`` — int64 index into ``tweet_ids`` (the original tweets);
    * ``time`` — float64 unix seconds;
    * ``resolution`` — the data's time resolution in seconds: 60 when every time is a whole minute (IO archives),
      1 for whole seconds, ``None`` for sub-second times or too few events to tell;
    * ``rows_read`` / ``rows_skipped`` / ``duplicates_dropped`` — what happened to the input rows (for the archive,
      rows that are not retweets are not counted as read).
    """

    account: npt.NDArray[np.int64]
    tweet: npt.NDArray[np.int64]
    time: npt.NDArray[np.float64]
    account_ids: pa.Array
    tweet_ids: pa.Array
    resolution: float | None
    rows_read: int
    rows_skipped: int
    duplicates_dropped: int
    formats: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.account)


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(2) == _GZIP_MAGIC


def read_header(path: Path) -> list[str]:
    """The column names on the first line of ``path`` (plain or gzip); raises NetforensicsError if unreadable."""
    try:
        gz = _is_gzip(path)
        raw = gzip.open(path, "rb") if gz else path.open("rb")
        with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
            first = next(csv.reader(text), None)
    except FileNotFoundError as err:
        raise NetforensicsError(f"{path}: no such file") from err
    except (OSError, UnicodeDecodeError, EOFError, csv.Error) as err:
        raise NetforensicsError(f"{path}: cannot read the header ({err})") from err
    if not first:
        raise NetforensicsError(f"{path}: the file is empty; expected a CSV header on the first line")
    return [name.strip() for name in first]


def detect_format(path: Path) -> str:
    """``SHARES_FORMAT`` or ``ARCHIVE_FORMAT`` from the file's header; NetforensicsError naming both otherwise."""
    header = read_header(path)
    names = set(header)
    if set(SHARES_COLUMNS) <= names:
        return SHARES_FORMAT
    if set(ARCHIVE_COLUMNS) <= names:
        return ARCHIVE_FORMAT
    found = ",".join(header[:12]) + (",..." if len(header) > 12 else "")
    raise NetforensicsError(
        f"{path}: unrecognised header; expected shares columns object_id,account_id,content_id,timestamp_share "
        f"or an IO-archive tweets CSV (tweetid,userid,tweet_time,is_retweet,retweet_tweetid,...); found {found}"
    )


def _read_columns(path: Path, columns: Sequence[str], multiline: bool) -> pa.Table:
    try:
        stream = pa.input_stream(str(path), compression="gzip" if _is_gzip(path) else None)
        return pacsv.read_csv(
            stream,
            read_options=pacsv.ReadOptions(encoding="utf8"),
            parse_options=pacsv.ParseOptions(newlines_in_values=multiline),
            convert_options=pacsv.ConvertOptions(
                include_columns=list(columns),
                column_types={name: pa.string() for name in columns},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, OSError) as err:
        raise NetforensicsError(f"{path}: cannot parse the CSV ({str(err).splitlines()[0]})") from err


def _clean_seconds(stamp: pa.ChunkedArray) -> pa.ChunkedArray | None:
    """The times as float64 when Arrow's cast reads every one as a finite number, else None (then rows are checked
    one by one). The cast is strict (no spaces, no stray text), so it never accepts what the checks would skip;
    it is a fifth of their cost on a clean file."""
    try:
        seconds = pc.cast(stamp, pa.float64())
    except pa.ArrowInvalid:
        return None
    return seconds if len(seconds) == 0 or pc.all(pc.is_finite(seconds)).as_py() else None


def _shares_rows(path: Path) -> tuple[pa.Table, int, int]:
    """(share id, account, tweet, time seconds float64) rows of a shares file, rows read, rows skipped."""
    table = _read_columns(path, SHARES_COLUMNS, multiline=False)
    share, account, tweet, stamp = (table.column(name) for name in SHARES_COLUMNS)
    clean = _clean_seconds(stamp)
    if clean is not None and not pc.any(pc.or_(pc.equal(account, ""), pc.equal(tweet, ""))).as_py():
        return pa.table({"share": share, "account": account, "tweet": tweet, "time": clean}), table.num_rows, 0
    ok = pc.and_(
        pc.and_(pc.not_equal(account, ""), pc.not_equal(tweet, "")), pc.match_substring_regex(stamp, _NUMBER)
    )
    kept = pa.table({"share": share, "account": account, "tweet": tweet, "time": stamp}).filter(ok)
    seconds = pc.cast(pc.utf8_trim_whitespace(kept.column("time")), pa.float64())
    kept = kept.set_column(3, "time", seconds)
    # The pattern also accepts numbers beyond float64 (1e400), which the cast makes infinite: skipped like "inf".
    kept = kept.filter(pc.is_finite(seconds))
    return kept, table.num_rows, table.num_rows - kept.num_rows


def _archive_rows(path: Path) -> tuple[pa.Table, int, int]:
    """The retweet rows of an IO-archive tweets file, as in :func:`_shares_rows`."""
    table = _read_columns(path, ARCHIVE_COLUMNS, multiline=True)
    retweet = pc.and_(
        pc.equal(pc.utf8_lower(pc.utf8_trim_whitespace(table.column("is_retweet"))), "true"),
        pc.not_equal(table.column("retweet_tweetid"), ""),
    )
    positions = np.flatnonzero(retweet.to_numpy(zero_copy_only=False))
    # Times are parsed on the retweet rows only; the id columns are filtered once, to the rows that are kept.
    stamp = pc.utf8_trim_whitespace(table.column("tweet_time").filter(retweet))
    when = pc.strptime(stamp, format="%Y-%m-%d %H:%M", unit="s", error_is_null=True)
    if when.null_count:
        when = pc.coalesce(when, pc.strptime(stamp, format="%Y-%m-%d %H:%M:%S", unit="s", error_is_null=True))
    has_account = pc.not_equal(table.column("userid"), "").to_numpy(zero_copy_only=False)
    ok = pc.is_valid(when).to_numpy(zero_copy_only=False) & has_account[positions]
    keep = np.zeros(table.num_rows, dtype=bool)
    keep[positions[ok]] = True
    ids = table.select(["tweetid", "userid", "retweet_tweetid"]).filter(pa.array(keep))
    seconds = pc.cast(pc.cast(when.filter(pa.array(ok)), pa.int64()), pa.float64())
    kept = pa.table(
        {"share": ids.column("tweetid"), "account": ids.column("userid"), "tweet": ids.column("retweet_tweetid"), "time": seconds}
    )
    return kept, len(positions), len(positions) - kept.num_rows


def _codes(values: pa.ChunkedArray, sort: bool) -> tuple[pa.Array, npt.NDArray[np.int64]]:
    """Factorise strings: (vocabulary, int64 index per value); with ``sort`` the vocabulary is in string order."""
    encoded = pc.dictionary_encode(values.cast(pa.large_string()).combine_chunks())
    vocabulary = encoded.dictionary
    index = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    if not sort:
        return vocabulary, index
    order = pc.array_sort_indices(vocabulary).to_numpy(zero_copy_only=False)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    return vocabulary.take(pa.array(order)), rank[index]


def _surely_distinct(ids: pa.ChunkedArray) -> bool:
    """True when every id is an integer and no two are equal (then no two strings are equal either): a sort of
    int64 values, a fifth of the cost of hashing the strings. False means "hash them to find out"."""
    try:
        values = np.sort(pc.cast(ids, pa.int64()).to_numpy(zero_copy_only=False))
    except pa.ArrowInvalid:  # an id that is not an int64 (text, empty, too long): only the strings can tell
        return False
    return not bool(np.any(values[1:] == values[:-1]))


def time_resolution(time: npt.NDArray[np.float64]) -> float | None:
    """60.0 if every time is a whole minute, 1.0 if every time is a whole second, else None (or too few to tell)."""
    if len(time) < 20:
        return None
    if not np.all(np.mod(time, 1.0) == 0):
        return None
    return 60.0 if np.all(np.mod(time, 60.0) == 0) else 1.0


def read_share_events(
    paths: Sequence[Path | str], on_file: Callable[[Path, str], None] | None = None
) -> ShareEvents:
    """Read retweet events from shares or IO-archive tweets files (formats may be mixed) into :class:`ShareEvents`.

    ``on_file(path, format)`` is called before each file is read (for progress display). Raises
    NetforensicsError with one clear line for a missing file, an unrecognised header or an unparsable CSV.
    """
    tables: list[pa.Table] = []
    formats: list[str] = []
    read = skipped = 0
    for raw_path in paths:
        path = Path(raw_path)
        kind = detect_format(path)
        if on_file is not None:
            on_file(path, kind)
        rows, n_read, n_skipped = (_shares_rows if kind == SHARES_FORMAT else _archive_rows)(path)
        tables.append(rows)
        formats.append(kind)
        read += n_read
        skipped += n_skipped
    if not tables:
        raise NetforensicsError("no input files given")
    events = pa.concat_tables(tables)

    # Accounts and tweets are factorised while the share ids are checked (Arrow's kernels release the GIL). One event
    # per share id, first occurrence wins; rows without a share id cannot be matched, so all stay. When share ids may
    # repeat, they are factorised to find out; when they do (rare: files that overlap), the kept rows are factorised
    # again so that no account or tweet exists only in a dropped row.
    with ThreadPoolExecutor(max_workers=3) as pool:
        distinct = pool.submit(_surely_distinct, events.column("share"))
        accounts = pool.submit(_codes, events.column("account"), True)
        tweets = pool.submit(_codes, events.column("tweet"), False)
        share_codes = None if distinct.result() else _codes(events.column("share"), False)
        (account_ids, account), (tweet_ids, tweet) = accounts.result(), tweets.result()
    duplicates = 0
    if share_codes is not None and len(share_codes[0]) < events.num_rows:
        _, first = np.unique(share_codes[1], return_index=True)
        keep = np.zeros(events.num_rows, dtype=bool)
        keep[first] = True
        keep |= pc.equal(events.column("share"), "").to_numpy(zero_copy_only=False)
        duplicates = int(events.num_rows - keep.sum())
        if duplicates:
            events = events.filter(pa.array(keep))
            account_ids, account = _codes(events.column("account"), sort=True)
            tweet_ids, tweet = _codes(events.column("tweet"), sort=False)
    time = events.column("time").to_numpy().astype(np.float64)
    return ShareEvents(
        account=account,
        tweet=tweet,
        time=time,
        account_ids=account_ids,
        tweet_ids=tweet_ids,
        resolution=time_resolution(time),
        rows_read=read,
        rows_skipped=skipped,
        duplicates_dropped=duplicates,
        formats=tuple(formats),
    )


def pairs_table(
    account_1: npt.NDArray[np.int64], account_2: npt.NDArray[np.int64], weight: npt.NDArray[np.int64], account_ids: pa.Array
) -> pa.Table:
    """``account_1,account_2,weight`` with indices turned back into id strings (order and rows unchanged)."""
    return pa.table(
        {
            "account_1": account_ids.take(pa.array(account_1)).cast(pa.string()),
            "account_2": account_ids.take(pa.array(account_2)).cast(pa.string()),
            "weight": pa.array(weight, type=pa.int64()),
        }
    )


def ids_need_quoting(ids: pa.Array) -> bool:
    """Whether any id holds a comma, a double quote or a line break (and so must be quoted in CSV)."""
    return len(ids) > 0 and bool(pc.any(pc.match_substring_regex(ids, r'[",\r\n]')).as_py())


#: CSV bytes encoded per batch. glibc gives buffers over 32 MiB fresh memory every time (page faults, dear on a VM);
#: batches of a few MiB reuse theirs. The HK-scale output (975 MB, 44-character ids) took 0.9-1.1 s at 32-64k rows
#: a batch (3-6 MB) against 1.2-1.7 s at 512k rows (48 MB); the 300k list (short ids) is best at 256-512k rows.
BATCH_BYTES = 4 << 20


def batch_rows_for(account_ids: pa.Array) -> int:
    """Rows per encoded batch: about :data:`BATCH_BYTES` of CSV for ids of this length, 16k to 512k rows."""
    if len(account_ids) == 0:
        return 1 << 19
    mean_id = (pc.sum(pc.binary_length(account_ids)).as_py() or 0) / len(account_ids)
    return int(min(1 << 19, max(1 << 14, BATCH_BYTES // (2 * mean_id + 4))))


def write_pairs_csv(
    account_1: npt.NDArray[np.int64],
    account_2: npt.NDArray[np.int64],
    weight: npt.NDArray[np.int64],
    account_ids: pa.Array,
    path: Path | str,
    batch_rows: int | None = None,
    threads: int = os.cpu_count() or 1,
) -> None:
    """Write ``account_1,account_2,weight`` (indices turned into ids, rows in the given order) as CSV; see
    :func:`write_pair_blocks_csv`."""
    write_pair_blocks_csv([(account_1, account_2, weight)], account_ids, path, batch_rows, threads)


def write_pair_blocks_csv(
    blocks: Iterable[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]],
    account_ids: pa.Array,
    path: Path | str,
    batch_rows: int | None = None,
    threads: int = os.cpu_count() or 1,
) -> None:
    """Write blocks of ``(account_1, account_2, weight)`` index arrays, in order, as one CSV with ids for indices.

    The header is plain; ids are quoted only if one of them holds a comma, quote or line break. Each block is
    consumed as it comes (a generator of blocks never has to exist whole) and encoded ``batch_rows`` rows at a time
    (default: :func:`batch_rows_for` the ids), ``threads`` batches in parallel (Arrow releases the GIL) and written
    in order. The file appears whole or not at all (written as ``PATH.part``, renamed at the end).
    NetforensicsError if it cannot be written.
    """
    options = pacsv.WriteOptions(
        quoting_style="needed" if ids_need_quoting(account_ids) else "none", include_header=False
    )
    rows = batch_rows if batch_rows is not None else batch_rows_for(account_ids)

    def encode(account_1: npt.NDArray[np.int64], account_2: npt.NDArray[np.int64], weight: npt.NDArray[np.int64]) -> pa.Buffer:
        sink = pa.BufferOutputStream()
        pacsv.write_csv(pairs_table(account_1, account_2, weight, account_ids), sink, write_options=options)
        return sink.getvalue()

    try:
        with replaced_on_success(path) as part, open(part, "wb") as out, ThreadPoolExecutor(max_workers=threads) as pool:
            # Arrow quotes header names whatever the style; write a plain one.
            out.write(b"account_1,account_2,weight\n")
            in_flight: deque[Future[pa.Buffer]] = deque()
            for account_1, account_2, weight in blocks:
                for start in range(0, len(weight), rows):
                    end = start + rows
                    in_flight.append(pool.submit(encode, account_1[start:end], account_2[start:end], weight[start:end]))
                    if len(in_flight) >= threads:
                        out.write(in_flight.popleft().result())
            while in_flight:
                out.write(in_flight.popleft().result())
    except (OSError, pa.ArrowException) as err:
        raise NetforensicsError(f"cannot write {path}: {err}") from err
