"""The lesson's look in one place: colours, type sizes, and how a signed value is drawn.

Every scene and legend takes its colours from here, so a change of scheme is one edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from manim import BLUE, GREEN, GREY_B, GREY_C, RED, WHITE, YELLOW, ManimColor

if TYPE_CHECKING:
    from lessonkit.values import Key

# A weight's sign, wherever a weight is drawn (as in the original's network diagrams: blue
# positive, red negative). Edges and 28x28 weight images share the one pair.
POSITIVE: ManimColor = BLUE
NEGATIVE: ManimColor = RED
POSITIVE_NAME, NEGATIVE_NAME = "blue", "red"  # how legends and the README name them
EDGE_POSITIVE: ManimColor = POSITIVE
EDGE_NEGATIVE: ManimColor = NEGATIVE
GRID_POSITIVE: ManimColor = POSITIVE
GRID_NEGATIVE: ManimColor = NEGATIVE
# Edges: even the smallest weight is drawn this fraction of the full width, at this opacity, so
# the 784->16 layer (whose weights are small next to its largest) still shows its structure.
EDGE_FLOOR, EDGE_MIN_OPACITY = 0.2, 0.3
NEURON: ManimColor = WHITE  # a neuron's outline and fill (fill opacity = activation)
HIGHLIGHT: ManimColor = YELLOW  # what to look at now: a chosen neuron, a total, a key word
RIGHT_ANSWER: ManimColor = GREEN
WRONG_ANSWER: ManimColor = RED
MUTED: ManimColor = GREY_B  # side notes, indices, sizes
FRAME: ManimColor = GREY_C  # thin frames and grid lines
CURVE: ManimColor = BLUE  # the sigmoid's graph
CURVE_ALT: ManimColor = YELLOW  # a second graph beside it (ReLU)
PIXEL: ManimColor = WHITE  # a pixel's square (fill opacity = its value, ink is bright)
INK_ON_BRIGHT = "#000000"  # text written over a bright square or neuron
INK_ON_DARK: ManimColor = WHITE  # text written over a dark square or neuron
BACKGROUND = "#000000"  # the frame's background (manim's default), for cover-ups


def ink_over(value: float) -> ManimColor | str:
    """The colour for text written over a square or neuron filled to `value` (0..1)."""
    return INK_ON_BRIGHT if value >= 0.5 else INK_ON_DARK


# Type sizes (manim font_size). LEGIBLE is the smallest any text may be at 854x480.
TITLE, HEADING, BODY, NOTE, SMALL = 48, 40, 34, 28, 24
LEGIBLE = 18
INDEX = 22  # indices beside neurons and matrix rows and columns: small, but above LEGIBLE scaled to 0.85


@dataclass(frozen=True)
class Signed:
    """How a signed value is drawn: its sign by colour, its size relative to a reference value.

    Parameters
    ----------
    positive, negative
        The colours of values above and below zero.
    reference
        The key of the value that full size stands for (for example the largest weight of the
        layer), so a faint square or thin edge is truly a small value.
    channel
        ``"fill"``: fill opacity is |value| / reference (squares); ``"stroke"``: stroke width is
        ``full`` * |value| / reference (edges).
    full
        The stroke width that stands for the reference value (``channel="stroke"`` only).
    floor
        The fraction of ``full`` that even a zero value is drawn with (``channel="stroke"``
        only), so the structure of a layer with many small weights still reads; width is
        ``full * (floor + (1 - floor) * |value| / reference)``, still growing with |value|.
    """

    positive: ManimColor
    negative: ManimColor
    reference: Key
    channel: str = "fill"
    full: float = 1.0
    floor: float = 0.0

    def __deepcopy__(self, memo) -> Signed:
        return self  # immutable

    def colour(self, value: float) -> ManimColor:
        return self.positive if value > 0 else self.negative

    def stroke_width(self, relative: float) -> float:
        """The stroke width that draws a value of |value| / reference = `relative`."""
        return self.full * (self.floor + (1 - self.floor) * relative)

    def stroke_opacity(self, relative: float) -> float:
        """The edge opacity for `relative`: never fainter than the structure needs."""
        return EDGE_MIN_OPACITY + (1 - EDGE_MIN_OPACITY) * relative

    def read(self, mob) -> float:
        """The signed relative size a mobject drawn this way shows now."""
        if self.channel == "stroke":
            colour = mob.get_stroke_color()
            size = (mob.get_stroke_width() / self.full - self.floor) / (1 - self.floor)
        else:
            colour, size = mob.get_fill_color(), mob.get_fill_opacity()
        sign = 1.0 if colour.to_hex().upper() == ManimColor(self.positive).to_hex().upper() else -1.0
        return sign * size


def edge_scheme(reference: Key, full: float = 2.5) -> Signed:
    """Blue/red edges whose width grows with |w| relative to `reference` (a layer's largest
    weight), above a floor so a layer of many small weights still shows its structure."""
    return Signed(EDGE_POSITIVE, EDGE_NEGATIVE, reference, channel="stroke", full=full, floor=EDGE_FLOOR)


def grid_scheme(reference: Key) -> Signed:
    """Blue/red squares whose opacity is relative to `reference`."""
    return Signed(GRID_POSITIVE, GRID_NEGATIVE, reference, channel="fill")
