"""Memory the process may use: physical RAM capped by its control group's limit (containers, systemd slices)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netforensics import machine
from netforensics.errors import UsageError
from netforensics.synth.params import SynthParams


@pytest.mark.parametrize("v2, v1, expected_gib", [
    ("2147483648\n", None, 2.0),              # cgroup v2 limit
    (None, "1073741824\n", 1.0),              # cgroup v1 limit
    ("max\n", "9223372036854771712\n", None),  # no limit either way: physical RAM
    ("garbage", None, None),
])
def test_a_control_group_limit_below_the_ram_is_what_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            v2: str | None, v1: str | None,
                                                            expected_gib: float | None) -> None:
    paths = []
    for name, text in (("memory.max", v2), ("memory.limit_in_bytes", v1)):
        path = tmp_path / name
        if text is not None:
            path.write_text(text)
        paths.append(path)
    monkeypatch.setattr(machine, "_CGROUP_LIMITS", tuple(paths))
    physical = machine.os.sysconf("SC_PAGE_SIZE") * machine.os.sysconf("SC_PHYS_PAGES")
    expected = physical if expected_gib is None else int(expected_gib * 2**30)
    assert machine.memory_bytes() == min(expected, physical)


def test_synth_refuses_a_size_the_control_group_cannot_hold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    limit = tmp_path / "memory.max"
    limit.write_text(f"{512 * 2**20}\n")
    monkeypatch.setattr(machine, "_CGROUP_LIMITS", (limit,))
    with pytest.raises(UsageError, match=r"1,003,150 accounts need about 0\.6 GiB .* lets it use 0\.5 GiB"):
        SynthParams(organic=1_000_000).validate()
    SynthParams(organic=500_000).validate()
