"""Synthetic influence operations with ground truth, in the real file formats (``netforensics synth``).

``generate(SynthParams(...), out_dir)`` writes users, tweets, follows, IP observations, IP ranges and
labels; see docs/synthetic-data.md for what is modelled and which parameters vary per seed.
"""

from netforensics.synth.generate import FILES, Summary, generate
from netforensics.synth.params import HK_SCALE, Scenario, SynthParams, draw

__all__ = ["FILES", "HK_SCALE", "Scenario", "Summary", "SynthParams", "draw", "generate"]
