"""Account profile texts: handles, display names, bios, locations.

Organic handles are chosen by people (words, names, underscores); operation accounts lean on the
platform's default pattern (name followed by digits), which is a real tell but not a label: some
organic accounts have default handles too, and some amplifiers have chosen ones.
"""

from __future__ import annotations

import numpy as np

from netforensics.synth import vocabulary as vocab


def _pick(options: tuple[str, ...], n: int, rng: np.random.Generator) -> np.ndarray:
    return np.asarray(options, dtype=object)[rng.integers(0, len(options), n)]


def _digits(n: int, width_low: int, width_high: int, rng: np.random.Generator) -> list[str]:
    widths = rng.integers(width_low, width_high + 1, n)
    values = rng.integers(0, 10**9, n)
    return [str(v).zfill(9)[:w] for v, w in zip(values.tolist(), widths.tolist())]


def chosen_handles(n: int, rng: np.random.Generator) -> np.ndarray:
    """Handles people pick: word+word, first_last, name with a short number, pinyin."""
    style = rng.integers(0, 5, n)
    a = _pick(vocab.HANDLE_WORDS, n, rng).tolist()
    b = _pick(vocab.HANDLE_WORDS, n, rng).tolist()
    first = [s.lower() for s in _pick(vocab.LATIN_FIRST, n, rng).tolist()]
    last = [s.lower() for s in _pick(vocab.LATIN_LAST, n, rng).tolist()]
    pin = _pick(vocab.PINYIN_FAMILY, n, rng).tolist()
    short = _digits(n, 2, 3, rng)
    out = []
    for i, s in enumerate(style.tolist()):
        if s == 0:
            out.append(f"{a[i]}{b[i]}")
        elif s == 1:
            out.append(f"{first[i]}_{last[i]}")
        elif s == 2:
            out.append(f"{first[i]}{short[i]}")
        elif s == 3:
            out.append(f"{a[i]}_{pin[i]}")
        else:
            out.append(f"the{a[i]}{b[i][:3]}")
    return np.asarray(out, dtype=object)


def default_handles(n: int, rng: np.random.Generator) -> np.ndarray:
    """The platform's suggested handle: a name followed by many digits (e.g. ``LisaChan84736251``)."""
    first = _pick(vocab.LATIN_FIRST, n, rng).tolist()
    last = _pick(vocab.LATIN_LAST, n, rng).tolist()
    pin_family = _pick(vocab.PINYIN_FAMILY, n, rng).tolist()
    pin_given = _pick(vocab.PINYIN_GIVEN, n, rng).tolist()
    digits = _digits(n, 6, 9, rng)
    latin = rng.random(n) < 0.5
    return np.asarray(
        [
            f"{first[i]}{last[i]}{digits[i]}"[:15] if latin[i] else f"{pin_family[i]}{pin_given[i]}{digits[i]}"[:15]
            for i in range(n)
        ],
        dtype=object,
    )


def display_names(n: int, rng: np.random.Generator, hanzi_share: float) -> np.ndarray:
    first = _pick(vocab.LATIN_FIRST, n, rng).tolist()
    last = _pick(vocab.LATIN_LAST, n, rng).tolist()
    hanzi = _pick(vocab.HANZI_NAMES, n, rng).tolist()
    use_hanzi = rng.random(n) < hanzi_share
    return np.asarray([hanzi[i] if use_hanzi[i] else f"{first[i]} {last[i]}" for i in range(n)], dtype=object)


def bios(options: tuple[str, ...], n: int, rng: np.random.Generator, empty_share: float = 0.0) -> np.ndarray:
    out = _pick(options, n, rng)
    out[rng.random(n) < empty_share] = ""
    return out


def locations(region: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A reported location per account from its region code (index into ``REGIONS``)."""
    out = np.empty(region.shape[0], dtype=object)
    for code, name in enumerate(REGIONS):
        mask = region == code
        out[mask] = _pick(vocab.LOCATIONS_BY_REGION[name], int(mask.sum()), rng)
    return out


def make_unique(handles: np.ndarray) -> np.ndarray:
    """Append a short suffix to repeated handles (handles are unique on the platform)."""
    _, first_index, inverse = np.unique(handles.astype(str), return_index=True, return_inverse=True)
    repeated = np.flatnonzero(first_index[inverse] != np.arange(handles.shape[0]))
    out = handles.copy()
    for i in repeated.tolist():
        out[i] = f"{handles[i][:11]}_{i % 1000:03d}"
    if len(set(out.tolist())) != out.shape[0]:  # pathological: fall back to the row number
        out = np.asarray([f"{h[:8]}_{i}" for i, h in enumerate(out.tolist())], dtype=object)
    return out


REGIONS = ("hk", "us", "uk", "tw", "sea", "kr")
REGION_UTC_OFFSET = np.array([8.0, -6.0, 0.0, 8.0, 7.5, 9.0])
REGION_LANG = np.array([2, 0, 7, 2, 0, 4])  # index into vocabulary.ACCOUNT_LANGS
