"""A neuron built by hand, not trained: a detector of one short horizontal stroke.

The lesson's hope is that a first-hidden-layer neuron could light up for one small piece of a
digit. This is how one would build such a neuron by hand: positive weights on a short stretch of
rows where the stroke should be, negative weights on the rows just above and below it (so a wide
blob of ink cancels out), zero elsewhere, and a bias that keeps the neuron dark unless the stretch
is mostly inked. Its weighted sums and activations on real digits are then real numbers of the
lesson, computed here as for any neuron: sigmoid(w . a + b).
"""

from __future__ import annotations

import numpy as np

STROKE = (3, 7)  # rows and columns of the stretch that should hold ink
BORDER = 2  # rows of negative weights above it and below it
GAIN = 6.0  # the weighted sum of a fully inked stretch with a clean border
BIAS = -3.0  # half of GAIN: lit only when the stretch is more inked than not

__all__ = ["BIAS", "BORDER", "GAIN", "STROKE", "edge_bias", "edge_spot", "edge_weights"]


def edge_weights(row: int, col: int, shape: tuple[int, int] = (28, 28)) -> np.ndarray:
    """The hand-built weights (row-major, one per pixel) for a stroke whose top-left pixel is
    (`row`, `col`): +GAIN shared over the stretch, -GAIN shared over the border rows."""
    h, w = STROKE
    if not (BORDER <= row <= shape[0] - h - BORDER and 0 <= col <= shape[1] - w):
        raise ValueError(f"a stroke at row {row}, column {col} does not fit with its border in {shape}")
    grid = np.zeros(shape)
    grid[row - BORDER : row + h + BORDER, col : col + w] = -GAIN / (2 * BORDER * w)
    grid[row : row + h, col : col + w] = GAIN / (h * w)
    return grid.ravel()


def edge_bias() -> float:
    """The hand-built neuron's bias."""
    return BIAS


def edge_spot(pixels: np.ndarray) -> tuple[int, int]:
    """Where to build the detector for a digit: the top-left pixel of the stretch where its
    weighted sum on this digit is largest (the digit's strongest short horizontal stroke)."""
    h, w = STROKE
    window = np.lib.stride_tricks.sliding_window_view(pixels, (h + 2 * BORDER, w))
    inside = window[:, :, BORDER : BORDER + h, :].sum(axis=(2, 3)) / (h * w)
    border = (window.sum(axis=(2, 3)) - inside * (h * w)) / (2 * BORDER * w)
    top, left = np.unravel_index(int(np.argmax(inside - border)), inside.shape)
    return int(top) + BORDER, int(left)
