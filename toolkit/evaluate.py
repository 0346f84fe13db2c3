"""Score predicted roles against ground-truth labels (``netforensics evaluate``).

:func:`scorecard` is pure arithmetic on two tables: labels (account id -> true role) and predictions
(account id -> predicted role and community). Accounts without a prediction count as not flagged;
predictions for accounts without a label are counted and otherwise ignored. The readers below turn a
``labels.csv`` (``account_id,role,team``), an ``export accounts`` CSV
(``account_id,community,role,role_score,evidence``) or the current detection run in Neo4j into those tables.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from netforensics.cypher_files import load as load_cypher
from netforensics.errors import NetforensicsError
from netforensics.store.connection import GraphStore

TRUE_ROLES = ("core", "amplifier", "organic")
PREDICTED_ROLES = ("core", "amplifier", "")  # "" = not flagged


@dataclass(frozen=True)
class Prediction:
    role: str  # "core", "amplifier" or "" (not flagged)
    community: str = ""


@dataclass(frozen=True)
class ClassScore:
    """Precision / recall / F1 of one class; 0.0 where a ratio has no denominator."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class CommunityScore:
    community: str
    labelled_members: int
    flagged: int
    false_positives: int  # organic accounts flagged core or amplifier
    inauthentic_members: int  # labelled core or amplifier, flagged or not

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TrapScore:
    """Real people of one trap (labels.csv's ``trap`` column) and how many of them were flagged."""

    people: int
    flagged_core: int
    flagged_amplifier: int

    @property
    def flagged(self) -> int:
        return self.flagged_core + self.flagged_amplifier

    def as_dict(self) -> dict[str, int]:
        return {**asdict(self), "flagged": self.flagged}


@dataclass(frozen=True)
class Scorecard:
    core: ClassScore
    amplifier: ClassScore
    inauthentic: ClassScore  # core or amplifier; confusing the two is not an error here
    labelled: Counter[str]  # accounts per true role
    organic_flagged: int
    confusion: dict[str, dict[str, int]]  # true role -> predicted role ("" = none) -> count
    worst_communities: list[CommunityScore]
    unlabelled_predictions: int  # flagged accounts that are not in the labels
    unknown_roles: Counter[str] = field(default_factory=Counter)  # predicted roles other than core/amplifier
    traps: dict[str, TrapScore] = field(default_factory=dict)  # organic accounts per trap, when the labels name traps
    warnings: list[str] = field(default_factory=list)  # labels that look like they belong to another data set

    @property
    def organic_flagged_share(self) -> float:
        organic = self.labelled["organic"]
        return self.organic_flagged / organic if organic else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "core": self.core.as_dict(),
            "amplifier": self.amplifier.as_dict(),
            "inauthentic": self.inauthentic.as_dict(),
            "labelled": {role: self.labelled[role] for role in TRUE_ROLES},
            "organic_flagged": self.organic_flagged,
            "organic_flagged_share": self.organic_flagged_share,
            "confusion": self.confusion,
            "worst_communities": [c.as_dict() for c in self.worst_communities],
            "unlabelled_predictions": self.unlabelled_predictions,
            "unknown_roles": dict(self.unknown_roles),
            "traps": {name: t.as_dict() for name, t in self.traps.items()},
            "warnings": list(self.warnings),
        }


def _class_score(pairs: Counter[tuple[str, str]], truth: set[str], predicted: set[str]) -> ClassScore:
    tp = sum(n for (t, p), n in pairs.items() if t in truth and p in predicted)
    fp = sum(n for (t, p), n in pairs.items() if t not in truth and p in predicted)
    fn = sum(n for (t, p), n in pairs.items() if t in truth and p not in predicted)
    return ClassScore(tp, fp, fn)


def scorecard(labels: Mapping[str, str], predictions: Mapping[str, Prediction], worst: int = 10,
              traps: Mapping[str, tuple[str, ...]] | None = None) -> Scorecard:
    """Compare ``predictions`` with ``labels`` (true role per account: core / amplifier / organic).

    ``worst`` limits the communities listed, ordered by false positives (then size, then id). ``traps``
    (account id -> trap names, from :func:`read_traps`) adds how many organic people of each trap were flagged.
    """
    bad = sorted({r for r in labels.values() if r not in TRUE_ROLES})
    if bad:
        raise NetforensicsError(f"labels hold unknown roles {bad}: expected core, amplifier or organic.")
    unknown_roles: Counter[str] = Counter(p.role for p in predictions.values() if p.role not in PREDICTED_ROLES)
    pairs: Counter[tuple[str, str]] = Counter()
    per_community: dict[str, list[int]] = {}
    for account, truth in labels.items():
        prediction = predictions.get(account)
        role = prediction.role if prediction is not None and prediction.role in ("core", "amplifier") else ""
        pairs[(truth, role)] += 1
        if prediction is not None and prediction.community:
            stats = per_community.setdefault(prediction.community, [0, 0, 0, 0])
            stats[0] += 1
            stats[1] += role != ""
            stats[2] += role != "" and truth == "organic"
            stats[3] += truth != "organic"
    unlabelled = sum(1 for account, p in predictions.items() if p.role in ("core", "amplifier") and account not in labels)
    communities = [CommunityScore(c, *s) for c, s in per_community.items()]
    communities.sort(key=lambda c: (-c.false_positives, -c.labelled_members, c.community))
    return Scorecard(
        core=_class_score(pairs, {"core"}, {"core"}),
        amplifier=_class_score(pairs, {"amplifier"}, {"amplifier"}),
        inauthentic=_class_score(pairs, {"core", "amplifier"}, {"core", "amplifier"}),
        labelled=Counter({role: sum(n for (t, _), n in pairs.items() if t == role) for role in TRUE_ROLES}),
        organic_flagged=sum(n for (t, p), n in pairs.items() if t == "organic" and p),
        confusion={t: {p: pairs[(t, p)] for p in PREDICTED_ROLES} for t in TRUE_ROLES},
        worst_communities=[c for c in communities if c.false_positives > 0][:worst],
        unlabelled_predictions=unlabelled,
        unknown_roles=unknown_roles,
        traps=_trap_scores(labels, predictions, traps or {}),
        warnings=coverage_warnings(labels, predictions),
    )


def coverage_warnings(labels: Mapping[str, str], predictions: Mapping[str, Prediction]) -> list[str]:
    """Sentences saying the labels and the predictions hardly share an account (labels of another data set, or
    ids written differently), which would otherwise show only as a recall of 0. Organic accounts outside every
    community legitimately have no prediction, so only the inauthentic labels are required to match."""
    inauthentic = [a for a, role in labels.items() if role in ("core", "amplifier")]
    if not labels or not predictions:
        return [] if not labels else ["No account has a prediction: is the detection run (or export) empty?"]
    if inauthentic and not any(a in predictions for a in inauthentic):
        matched = sum(1 for a in labels if a in predictions)
        return [f"None of the {len(inauthentic):,} accounts labelled core or amplifier is among the {len(predictions):,} "
                f"accounts with a prediction ({matched:,} of {len(labels):,} labels match at all): are the labels "
                "from another data set?"]
    matched = sum(1 for a in labels if a in predictions)
    if matched * 2 < len(labels) and matched * 2 < len(predictions):
        return [f"Only {matched:,} of {len(labels):,} labelled accounts are among the {len(predictions):,} accounts "
                "with a prediction: are the labels from another data set?"]
    return []


def _trap_scores(labels: Mapping[str, str], predictions: Mapping[str, Prediction],
                 traps: Mapping[str, tuple[str, ...]]) -> dict[str, TrapScore]:
    counts: dict[str, list[int]] = {}
    for account, names in traps.items():
        if labels.get(account) != "organic":
            continue
        prediction = predictions.get(account)
        role = prediction.role if prediction is not None else ""
        for name in names:
            c = counts.setdefault(name, [0, 0, 0])
            c[0] += 1
            c[1] += role == "core"
            c[2] += role == "amplifier"
    return {name: TrapScore(*counts[name]) for name in sorted(counts)}


def _undecodable_line(path: Path) -> int:
    """The 1-based number of the first line that is not UTF-8 (0 when the bytes cannot be read again)."""
    try:
        data = path.read_bytes()
    except OSError:
        return 0
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return 0


def _rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; every row must have a value for each ``required`` column.

    ``utf-8-sig`` accepts the byte-order mark Excel writes before the header."""
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise NetforensicsError(f"{path} lacks the column(s) {', '.join(missing)} (needs {','.join(required)}).")
            for row in reader:
                short = [c for c in required if row.get(c) is None]
                if short:
                    raise NetforensicsError(
                        f"{path} line {reader.line_num} has fewer fields than the header (no {', '.join(short)}): "
                        f"fix or remove that line.")
                rows.append((reader.line_num, row))
    except UnicodeDecodeError as err:
        line = _undecodable_line(path)
        where = f" line {line}" if line else ""
        raise NetforensicsError(f"{path}{where} is not UTF-8 text: save the file as UTF-8 (CSV UTF-8 in Excel).") from err
    except csv.Error as err:
        raise NetforensicsError(f"{path} is not a readable CSV file ({err}).") from err
    except OSError as err:
        raise NetforensicsError(f"Cannot read {path}: {err.strerror}.") from err
    return rows


def read_labels(path: Path) -> dict[str, str]:
    """``account_id,role[,team]`` -> {account id: role}; ids and roles are stripped, roles lower-cased.

    An account listed twice with the same role is kept once; with two different roles the file is refused,
    naming both lines (which one is true cannot be guessed)."""
    labels: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for line, row in _rows(path, ("account_id", "role")):
        account, role = row["account_id"].strip(), row["role"].strip().lower()
        if account in labels and labels[account] != role:
            raise NetforensicsError(
                f"{path} labels account {account} {labels[account]!r} on line {first_line[account]} and {role!r} on "
                f"line {line}: keep one of the two lines.")
        labels[account] = role
        first_line.setdefault(account, line)
    return labels


def read_traps(path: Path) -> dict[str, tuple[str, ...]]:
    """The optional ``trap`` column of a labels file (names joined by ``+``) -> {account id: trap names};
    empty when the file has no such column (labels not written by ``netforensics synth``)."""
    rows = _rows(path, ("account_id",))
    if not rows or "trap" not in rows[0][1]:
        return {}
    return {row["account_id"].strip(): tuple(t for t in (row["trap"] or "").split("+") if t)
            for _, row in rows if row["trap"]}


def read_export(path: Path) -> dict[str, Prediction]:
    """An ``export accounts`` CSV (``account_id,community,role,...``) -> predictions."""
    return {
        row["account_id"].strip(): Prediction((row.get("role") or "").strip().lower(), (row.get("community") or "").strip())
        for _, row in _rows(path, ("account_id", "role"))
    }


def read_current_run(store: GraphStore) -> dict[str, Prediction]:
    """Roles of the current detection run's ``MEMBER_OF`` relationships."""
    run = store.read_value(load_cypher("evaluate/current-run"))
    if run is None:
        raise NetforensicsError("No current detection run in the database: run `netforensics clusters` first, or pass --export FILE.")
    rows = store.read_as_decoded(load_cypher("evaluate/current-roles"), {"run": run})  # plain values, 250k rows
    return {str(r["account_id"]): Prediction(r["role"] or "", "" if r["community"] is None else str(r["community"])) for r in rows}
