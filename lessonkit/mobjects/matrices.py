"""Vectors and matrices of real entries, with parentheses that hug them."""

from __future__ import annotations

from manim import MathTex, MobjectMatrix

from .shown import notation

__all__ = ["pick", "matrix", "sized_parens"]


def pick(n: int, keep: list[int]) -> list[int | None]:
    """Indices to show from 0..n-1: the given ones in order, None where a run is skipped.

    Parameters
    ----------
    n
        How many there are (e.g. 784 pixels, 16 neurons).
    keep
        The indices to show, in any order; duplicates are dropped.

    Returns
    -------
    list[int | None]
        Ascending indices with one None for each gap, including before the first and after the
        last when they are not 0 and n-1: ``pick(784, [0, 1, 783])`` is ``[0, 1, None, 783]``.
        Give it to `matrix`, which draws the None as dots.

    Examples
    --------
    .. manim:: PickExample
        :save_last_frame:

        from manim import Scene
        from lessonkit.mobjects import matrix, number, pick
        from lessonkit.lesson import Lesson
        from lessonkit.values import Pixel

        class PickExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                rows = pick(784, [0, 1, 150, 151, 783])
                vector = matrix([[number(Pixel(i), lesson, font_size=24) if i is not None else None] for i in rows])
                self.add(vector)
    """
    out: list[int | None] = []
    last = -1
    for i in sorted(set(keep)):
        if i > last + 1:
            out.append(None)
        out.append(i)
        last = i
    if last < n - 1:
        out.append(None)
    return out


def matrix(cells: list[list], h_buff: float = 1.0, v_buff: float = 0.6) -> MobjectMatrix:
    """A manim `MobjectMatrix` of mobjects, with None drawn as an ellipsis (dots across a row
    that is all None, otherwise dots along it).

    Parameters
    ----------
    cells
        The rows, each a list of mobjects (e.g. from `number`) or None for skipped entries;
        `pick` gives the indices to build them from.
    h_buff, v_buff
        Space between columns and between rows (manim's `MobjectMatrix`).

    Returns
    -------
    MobjectMatrix
        The matrix in brackets; every cell of an all-None row is a vertical ellipsis, any
        other None a horizontal one, both declared `notation`.

    Examples
    --------
    .. manim:: MatrixExample
        :save_last_frame:

        from manim import Scene
        from lessonkit.mobjects import matrix, number, pick
        from lessonkit.lesson import Lesson
        from lessonkit.values import Weight

        class MatrixExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                rows, cols = pick(16, [0, 1, 15]), pick(784, [0, 1, 783])
                self.add(matrix([[number(Weight(1, r, c), lesson, font_size=24) if None not in (r, c) else None
                                  for c in cols] for r in rows]))
    """
    rows = []
    for row in cells:
        skip_row = all(c is None for c in row)
        rows.append(
            [c if c is not None else notation(MathTex(r"\vdots" if skip_row else r"\cdots", font_size=30)) for c in row]
        )
    return MobjectMatrix(rows, h_buff=h_buff, v_buff=v_buff, bracket_h_buff=0.15)


def sized_parens(height: float, before: str = "", font_size: float = 48) -> tuple[MathTex, MathTex]:
    """An opening and a closing parenthesis that TeX sizes (``\\left( \\right)``) to span
    `height` scene units, for wrapping separate mobjects such as matrices; `before` is LaTeX
    written just left of the opening one (e.g. ``\\sigma``).

    Parameters
    ----------
    height
        The height the parentheses should span, in scene units (TeX sizes them in steps, so
        the result is close to it, not exact).
    before
        LaTeX written just left of the opening parenthesis, in the same mobject.
    font_size
        Type size of the parentheses and of `before`.

    Returns
    -------
    tuple[MathTex, MathTex]
        The opening (with `before`) and the closing parenthesis, declared `notation`, to
        arrange around the mobjects they wrap.

    Examples
    --------
    ``open_, close = sized_parens(m.height + 0.2, r"\\sigma")`` wraps a matrix ``m`` in sigma( ).

    .. manim:: SizedParensExample
        :save_last_frame:

        from manim import RIGHT, Scene, VGroup
        from lessonkit.mobjects import matrix, number, pick, sized_parens
        from lessonkit.lesson import Lesson
        from lessonkit.values import PreActivation

        class SizedParensExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                z = matrix([[number(PreActivation(1, r), lesson, font_size=26) if r is not None else None]
                            for r in pick(16, [0, 1, 15])])
                opening, closing = sized_parens(z.height + 0.05, r"\\sigma")
                self.add(VGroup(opening, z, closing).arrange(RIGHT, buff=0.1))
    """

    def pair(pt: float) -> tuple[MathTex, MathTex]:
        strut = r"\vcenter{\hbox{\rule{0pt}{" + f"{pt:.2f}" + r"pt}}}"
        return (
            notation(MathTex(before + r"\left(" + strut + r"\right.", font_size=font_size)),
            notation(MathTex(r"\left." + strut + r"\right)", font_size=font_size)),
        )

    unit = font_size / 48  # scene units per pt of strut is about 0.045 * unit, plus ~0.3 * unit
    pt = max(1.0, (height / unit - 0.3) / 0.045)
    opening, closing = pair(pt)
    measured = closing.height
    if abs(measured - height) > 0.05 * height:  # one correction: TeX's delimiters grow in steps
        opening, closing = pair(pt * height / measured)
    return opening, closing
