"""The report's pure parts: time-zone inference, delay bins, creation windows, SVG escaping."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from netforensics.report import plots, profiles
from netforensics.report.data import NetworkSample
from netforensics.report.network_picture import network_svg


def _block(start_utc: int, hours: int, per_hour: int = 10) -> list[int]:
    counts = [0] * 24
    for h in range(start_utc, start_utc + hours):
        counts[h % 24] = per_hour
    return counts


@pytest.mark.parametrize("start_utc, offset", [(1, 8), (14, -5), (9, 0), (20, -11), (22, 11)])
def test_a_nine_hour_office_day_gives_its_offset(start_utc: int, offset: int) -> None:
    guess = profiles.infer_utc_offset(_block(start_utc, 9))
    assert guess is not None
    assert (guess.offset, guess.workday_share, guess.ambiguous) == (offset, 1.0, False)
    assert guess.label == ("UTC" if offset == 0 else f"UTC{offset:+d}")


def test_a_short_day_fits_a_range_and_the_middle_is_chosen() -> None:
    guess = profiles.infer_utc_offset(_block(2, 4))  # 02-05 UTC: 09:00 start at +7 ... 17:59 end at +12
    assert guess is not None
    assert (guess.fits_from, guess.fits_to, guess.offset) == (7, 12, 9)


def test_night_noise_lowers_the_share_and_no_posts_gives_no_guess() -> None:
    counts = _block(1, 9)
    counts[20] = 30
    guess = profiles.infer_utc_offset(counts)
    assert guess is not None and guess.offset == 8 and guess.workday_share == pytest.approx(90 / 120)
    assert profiles.infer_utc_offset([0] * 24) is None


def test_local_hours_shift_the_clock() -> None:
    local = profiles.local_hours(_block(1, 1), 8)
    assert local.index(10.0) == 9


def test_delay_bins() -> None:
    counts = profiles.delay_histogram([-5, 0, 59, 60, 179, 600, 7200, 86400 * 10])
    labels = [label for _, label in profiles.DELAY_EDGES]
    assert dict(zip(labels, counts)) == {"<1m": 3, "1-3m": 2, "3-10m": 0, "10-30m": 1, "30-60m": 0, "1-3h": 1,
                                         "3-12h": 0, "12-24h": 0, "1-3d": 0, ">3d": 1}
    assert profiles.median([3.0, 1.0, 2.0, 10.0]) == 2.5 and profiles.median([]) is None


def test_creation_window_keeps_bursts_and_counts_old_accounts_apart() -> None:
    rows = [(dt.date(2012, 1, 1), "core", 2)] + [(dt.date(2019, 7, 10), "amplifier", 40), (dt.date(2019, 7, 11), "amplifier", 10),
                                                 (dt.date(2019, 3, 2), "core", 5)]
    window = profiles.creation_window(rows)
    assert window is not None
    assert window.earlier == 2 and window.earliest == dt.date(2012, 1, 1)
    assert window.peak_day == dt.date(2019, 7, 10) and window.peak_accounts == 40
    assert sum(window.by_role["amplifier"]) == 50 and sum(window.by_role["core"]) == 5
    assert profiles.creation_window([]) is None


def test_charts_escape_text_and_are_well_formed_svg() -> None:
    hostile = '<script>alert(1)</script>&"'
    svg = plots.bar_chart(["a", hostile], [plots.Series(hostile, [1, 2], "#000")], title=hostile)
    assert "<script>" not in svg
    ET.fromstring(svg)  # parses: everything escaped and closed
    sample = NetworkSample([("1", hostile, "core"), ("2", "amp", "amplifier"), ("3", "x", "")], [("2", "1", 4), ("3", "1", 1)], 3)
    picture = network_svg(sample)
    assert "<script>" not in picture and picture.count("<circle") == 3 + 3  # nodes plus the legend's three
    ET.fromstring(picture)
    assert network_svg(sample) == picture  # seeded layout: same sample, same picture
