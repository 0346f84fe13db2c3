"""Community score and verdict from :class:`~netforensics.detect.features.CommunityFeatures` (pure arithmetic).

Each *signal family* turns one or two features into a strength in [0, 1] with a linear ramp between a ``low``
value (nothing unusual for a genuine community) and a ``high`` value (typical of a run operation). The score is
the weighted mean of the strengths. Being dense, synchronised or amplifying is *not* enough: fandoms and
newsrooms are all three. A community is ``inauthentic`` only when its score reaches ``inauthentic_score`` and
at least ``min_identity_families`` of the families about *who the accounts are and where they come from*
(creation, account age, profile, posting hours, infrastructure) are strong (>= 0.5); ``suspicious`` when the
score reaches ``suspicious_score`` or one identity family is strong next to synchronisation, or when it is
synchronised and fewer than ``min_identity_families`` identity families could be measured at all (a shares file
carries no profiles or addresses: such a community can be neither convicted nor cleared); else ``organic``.
Unknown features (NaN) have strength 0. Every number here is documented in docs/detection.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from netforensics.detect.features import CommunityFeatures

FloatArray = npt.NDArray[np.float64]

VERDICTS: tuple[str, ...] = ("inauthentic", "suspicious", "organic")
IDENTITY_FAMILIES: tuple[str, ...] = ("creation", "account_age", "profile", "posting_hours", "infrastructure")
BEHAVIOUR_FAMILIES: tuple[str, ...] = ("synchronisation", "amplification")
FAMILIES: tuple[str, ...] = IDENTITY_FAMILIES + BEHAVIOUR_FAMILIES


@dataclass(frozen=True)
class Ramp:
    """``feature`` at or below ``low`` -> 0, at or above ``high`` -> 1, linear between; unknown (NaN) -> 0."""

    feature: str
    low: float
    high: float
    invert: bool = False  # a *low* value is the unusual one (then low > high), e.g. few weekend posts

    def strength(self, f: CommunityFeatures) -> FloatArray:
        values = np.asarray(getattr(f, self.feature), dtype=float)
        if self.invert:
            ramp = (self.low - values) / (self.low - self.high)
        else:
            ramp = (values - self.low) / (self.high - self.low)
        return np.nan_to_num(np.clip(ramp, 0.0, 1.0), nan=0.0)

    def known(self, f: CommunityFeatures) -> npt.NDArray[np.bool_]:
        return ~np.isnan(np.asarray(getattr(f, self.feature), dtype=float))


def _default_ramps() -> dict[str, tuple[Ramp, ...]]:
    return {
        "creation": (Ramp("creation_burst_share", 0.05, 0.40),),
        "account_age": (Ramp("young_share", 0.35, 0.70), Ramp("repurposed_share", 0.05, 0.30)),
        "profile": (Ramp("default_profile_share", 0.25, 0.65), Ramp("default_handle_share", 0.15, 0.50)),
        "posting_hours": (Ramp("hour_concentration", 0.60, 0.80), Ramp("weekend_share", 0.20, 0.08, invert=True)),
        "infrastructure": (Ramp("shared_exit_share", 0.10, 0.50), Ramp("mainland_share", 0.05, 0.25)),
        "synchronisation": (Ramp("fast_retweet_share", 0.25, 0.60), Ramp("sync_share", 0.35, 0.70)),
        "amplification": (Ramp("amplification_share", 0.50, 0.80),),
    }


@dataclass(frozen=True)
class ScoringParams:
    ramps: dict[str, tuple[Ramp, ...]] = field(default_factory=_default_ramps)
    weights: dict[str, float] = field(default_factory=lambda: {
        "creation": 1.0, "account_age": 1.0, "profile": 1.0, "posting_hours": 1.0, "infrastructure": 1.5,
        "synchronisation": 1.0, "amplification": 0.5,
    })
    inauthentic_score: float = 0.5
    suspicious_score: float = 0.3
    min_identity_families: int = 3
    strong: float = 0.5  # a family is "strong" at or above this strength
    min_size: int = 5  # smaller communities are never more than suspicious


@dataclass
class CommunityScores:
    """Per community (index = label; 0 unused)."""

    strengths: dict[str, FloatArray]  # family -> strength
    score: FloatArray
    verdict: list[str]

    def signals(self, label: int, minimum: float = 0.5) -> list[tuple[str, float]]:
        """The strong families of one community, strongest first (ties by name)."""
        pairs = [(name, round(float(v[label]), 3)) for name, v in self.strengths.items() if v[label] >= minimum]
        return sorted(pairs, key=lambda item: (-item[1], item[0]))


def score_communities(f: CommunityFeatures, params: ScoringParams) -> CommunityScores:
    k = len(f.size)
    strengths: dict[str, FloatArray] = {}
    for family in FAMILIES:
        ramps = params.ramps.get(family, ())
        strengths[family] = np.max([r.strength(f) for r in ramps], axis=0) if ramps else np.zeros(k)
    total_weight = sum(params.weights.get(family, 0.0) for family in FAMILIES)
    score = sum(strengths[family] * params.weights.get(family, 0.0) for family in FAMILIES) / max(total_weight, 1e-9)
    identity = np.sum([strengths[family] >= params.strong for family in IDENTITY_FAMILIES], axis=0)
    measured = np.sum([np.any([r.known(f) for r in params.ramps.get(family, ())] or [np.zeros(k, dtype=bool)], axis=0)
                       for family in IDENTITY_FAMILIES], axis=0)
    synchronised = strengths["synchronisation"] >= params.strong
    inauthentic = (score >= params.inauthentic_score) & (identity >= params.min_identity_families) & (f.size >= params.min_size)
    unclearable = synchronised & (measured < params.min_identity_families)
    suspicious = ~inauthentic & ((score >= params.suspicious_score) | ((identity >= 1) & synchronised) | unclearable)
    verdict = np.where(inauthentic, "inauthentic", np.where(suspicious, "suspicious", "organic")).tolist()
    verdict[0] = "organic"
    return CommunityScores(strengths, np.round(np.asarray(score, dtype=float), 4), verdict)
