"""What every scene shares: the shipped model, the chosen digit (env NN_DIGIT) and its trace.

Loaded once at import, so a bad NN_DIGIT or weights file stops manim before anything renders,
with one line saying what is wrong.
"""
from __future__ import annotations

import sys

from network import ModelFileError, load_pretrained, model_card
from network.digits import Digit, DigitError, resolve

try:
    NET = load_pretrained()
    CARD = model_card()
    DIGIT: Digit = resolve()
except (DigitError, ModelFileError) as e:
    sys.exit(f"error: {e}")

TRACE = NET.trace(DIGIT.x)


def digit_and_trace(spec: str) -> tuple[Digit, "object"]:
    """Another digit (a showcase name, path or split:index) with the model's trace for it."""
    d = resolve(spec)
    return d, NET.trace(d.x)
