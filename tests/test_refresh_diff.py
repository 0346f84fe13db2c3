"""The refresh diff reports role changes: a community whose members stayed but whose roles changed is not
"unchanged" (pure: hand-made runs, no server)."""

from __future__ import annotations

import numpy as np

from netforensics.cli.console import console
from netforensics.cli.refresh import _print_report
from netforensics.detect.pipeline import CommunitySummary, DetectionParams, DetectionResult
from netforensics.refresh.run import PreviousRun, RefreshReport, StableIds, _describe
from netforensics.store.detection_writes import RoleAssignment

FLAGGED = [f"a{i}" for i in range(40)]
ORGANIC = [f"b{i}" for i in range(20)]  # large enough that one account is under the 10% lineage link threshold


def previous(roles: dict[str, str]) -> PreviousRun:
    ids = FLAGGED + ORGANIC
    return PreviousRun("run-1", np.array(ids, dtype=object), np.array([11] * 40 + [12] * 20, dtype=np.int64),
                       {11: 40, 12: 20}, {11: "inauthentic", 12: "organic"},
                       np.array([roles.get(a, "") for a in ids], dtype=object))


def diff(before: PreviousRun, members: dict[str, int], roles: dict[str, str]) -> RefreshReport:
    ids = np.array(FLAGGED + ORGANIC, dtype=object)
    labels = np.array([members[a] for a in ids], dtype=np.int64)
    hook = StableIds(before, next_id=13)
    stable = hook(ids, labels)
    community = np.array([stable[label] for label in labels], dtype=np.int64)
    sizes = {cid: int(np.count_nonzero(community == cid)) for cid in set(community.tolist())}
    summaries = [CommunitySummary(cid, sizes[cid], 0.9 if cid == 11 else 0.1,
                                  "inauthentic" if cid == 11 else "organic", [], {}) for cid in sorted(sizes)]
    assignments = [RoleAssignment(a, role, 1.0, {}) for a, role in roles.items()]
    result = DetectionResult("run-2", "test", DetectionParams(), ids, community, summaries, assignments, {})
    report = RefreshReport("run-2", before.run)
    _describe(report, result, before, hook)
    return report


SAME_MEMBERS = {**{a: 1 for a in FLAGGED}, **{b: 2 for b in ORGANIC}}
ROLES_BEFORE = {"a0": "core", "a1": "amplifier", "a2": "amplifier", "a3": "amplifier", "a4": "amplifier"}


def test_same_members_with_new_roles_is_not_unchanged() -> None:
    roles_after = {"a0": "core", "a1": "amplifier", "a2": "amplifier", "a3": "amplifier",
                   "a5": "amplifier", "a6": "amplifier", "a7": "amplifier"}  # a4 no longer flagged, a5-a7 new
    report = diff(previous(ROLES_BEFORE), SAME_MEMBERS, roles_after)
    (change,) = report.changes
    assert change["community"] == 11 and change["delta"] == 0 and (change["joined"], change["left"]) == (0, 0)
    assert change["previous_roles"] == {"core": 1, "amplifier": 4} and change["roles"] == {"core": 1, "amplifier": 6}
    assert (change["newly_core"], change["newly_amplifier"], change["no_longer_flagged"]) == (0, 3, 1)
    assert report.roles == {"before": {"core": 1, "amplifier": 4}, "after": {"core": 1, "amplifier": 6},
                            "newly_core": 0, "newly_amplifier": 3, "no_longer_flagged": 1}
    sentence = next(s for s in report.sentences if s.startswith("community 11"))
    assert "unchanged" not in sentence
    assert sentence == "community 11 kept its 40 accounts; amplifiers 4 → 6 (3 newly amplifier, 1 no longer flagged)"
    assert any(s.startswith("roles in all communities: amplifiers 4 → 6") for s in report.sentences)

    with console.capture() as captured:
        _print_report(report.as_dict())
    table = captured.get()
    assert "Role changes" in table and "4 → 6" in table


def test_unchanged_only_when_members_and_roles_are() -> None:
    report = diff(previous(ROLES_BEFORE), SAME_MEMBERS, ROLES_BEFORE)
    assert report.sentences == ["community 11 unchanged (40 accounts)"]
    assert report.roles["newly_amplifier"] == report.roles["no_longer_flagged"] == 0


def test_swapped_members_of_the_same_size_are_not_unchanged() -> None:
    swapped = {**SAME_MEMBERS, "a9": 2, "b0": 1}
    report = diff(previous(ROLES_BEFORE), swapped, ROLES_BEFORE)
    (change,) = report.changes
    assert change["delta"] == 0 and (change["joined"], change["left"]) == (1, 1)
    assert report.sentences == ["community 11 kept its size (40 accounts): 1 joined, 1 left"]
