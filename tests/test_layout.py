"""Frames a typesetter would sign: at the last frame of every section of every scene, no two
texts overlap, every text and neuron lies inside the frame with a safe margin, and no text is
smaller than a legible size at 854x480 (the rules: tests/layout_check.py).

The rules read the mobjects, not the pixels: a render the truth test makes anyway serves here too
(tests/renders.py), and a digit only this test needs runs with animations skipped (manim's -s
mode): every section ends in the state it would render, without drawing the frames in between.
"""

import pytest
from layout_check import layout_faults
from manim import tempconfig
from renders import CHECKS, LAYOUT_DIGITS, render

from lessonkit.scene import LessonScene
from scenes.catalog import CHAPTERS


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.scene for c in CHAPTERS])
@pytest.mark.parametrize("digit", LAYOUT_DIGITS)
def test_every_section_ends_in_a_clean_layout(chapter, digit, render_dir):
    done = render(chapter, digit, render_dir, frames=digit in CHECKS[chapter.scene][0])
    scene = done.scene
    assert isinstance(scene, LessonScene)
    assert scene.sections_seen, "the scene has no sections"
    assert not scene.faults, "\n".join(scene.faults)


def test_the_layout_check_finds_faults(tmp_path):
    """The checker itself: overlapping, tiny and off-frame text are all reported."""
    from manim import DOWN, RIGHT, Scene, Tex

    class Bad(Scene):
        def construct(self):
            self.add(
                Tex("one", font_size=40),
                Tex("two", font_size=40).shift(RIGHT * 0.1),
                Tex("tiny", font_size=10).shift(2 * RIGHT),
                Tex("edge", font_size=40).shift(7 * RIGHT),
                Tex("near", font_size=40).to_edge(DOWN, buff=0.2),
            )

    with tempconfig(
        {
            "media_dir": str(tmp_path),
            "save_last_frame": True,
            "write_to_movie": False,
            "progress_bar": "none",
            "verbosity": "WARNING",
        }
    ):
        scene = Bad()
        scene.render()
    faults = layout_faults(scene, "Bad")
    assert any("overlaps" in f for f in faults)
    assert any("font size" in f for f in faults)
    assert any("'edge' reaches outside the safe frame" in f for f in faults)
    assert any("'near' reaches outside the safe frame" in f for f in faults)  # 0.2 < TEXT_MARGIN from the edge
