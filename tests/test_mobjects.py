"""The reusable mobjects and the value vocabulary: layout and what they stand for, without rendering."""

import subprocess
import sys
import textwrap

import numpy as np
import pytest

from lessonkit import style
from lessonkit.lesson import Lesson
from lessonkit.mobjects import (
    Math,
    NetworkDiagram,
    PixelGrid,
    Sentence,
    SignedGrid,
    Styled,
    shown_indices,
    shown_number,
    weight_grid,
)
from lessonkit.values import (
    Activation,
    Bias,
    FocusNeuron,
    Index,
    Label,
    ParamCount,
    Pixel,
    Prediction,
    TestAccuracy,
    Weight,
    WeightedSum,
)


@pytest.fixture(scope="module")
def lesson():
    return Lesson.for_digit("three_a")


def test_one_layer_numbering(lesson):
    net = lesson.net
    j, i = 4, 200
    assert lesson.value(Weight(1, j, i)) == net.weights[0][j, i]
    assert lesson.value(Bias(3, 2)) == net.biases[2][2]
    assert lesson.value(Activation(0, i)) == lesson.value(Pixel(i)) == lesson.digit.x[i]
    assert lesson.value(Activation(3, 3)) == lesson.trace.output[3]
    assert lesson.value(WeightedSum(1, j)) == pytest.approx(net.weights[0][j] @ lesson.digit.x)


def test_text_rounds_and_formats_per_language(lesson):
    assert lesson.text(ParamCount()) == "13,002"
    assert lesson.text(ParamCount(), "ru") == "13\u00a0002"
    acc = 100 * lesson.card["test_accuracy"]
    assert lesson.text(TestAccuracy()) == f"{acc:.2f}%"
    assert lesson.text(TestAccuracy(), "ru") == f"{acc:.2f}".replace(".", ",") + "\u00a0%"
    assert lesson.latex(ParamCount()) == "13{,}002"


def test_unknown_values_are_said_to_be_unknown(tmp_path):
    from PIL import Image, ImageDraw

    im = Image.new("L", (100, 100), 0)
    ImageDraw.Draw(im).line([(30, 20), (50, 80)], fill=255, width=9)
    im.save(tmp_path / "one.png")
    mine = Lesson.for_digit(str(tmp_path / "one.png"))
    assert not mine.has(Label()) and mine.has(Prediction())
    with pytest.raises(LookupError):
        mine.value(Label())


def test_pixel_grid_is_row_major_like_the_784_vector(lesson):
    grid = PixelGrid(lesson, side=2.8)
    assert len(grid) == 784
    assert grid[0].get_center()[0] < grid[1].get_center()[0]  # along a row, left to right
    assert grid[0].get_center()[1] > grid[28].get_center()[1]  # next row is lower
    for i in (0, 200, 407, 783):
        assert grid[i].get_fill_opacity() == pytest.approx(lesson.digit.x[i])
        assert grid[i].shows.key == Pixel(i) and grid[i].shows.digit == "three_a"
    neurons = grid.as_neurons()
    assert [n.shows.key for n in neurons[:3]] == [Activation(0, i) for i in range(3)]
    np.testing.assert_allclose(neurons[407].get_center(), grid[407].get_center())
    labels = grid.value_labels(range(10, 12), range(5, 8))
    assert [l.shows.key.i for l in labels] == [285, 286, 287, 313, 314, 315]
    braces = grid.size_braces()
    assert [braces[1].get_value(), braces[3].get_value()] == [28, 28]


def test_shown_indices():
    assert shown_indices(10) == list(range(10))
    assert shown_indices(784) == list(range(8)) + list(range(776, 784))


def test_network_diagram_shows_real_weights_and_sizes(lesson):
    net = lesson.net
    diagram = NetworkDiagram(lesson)
    assert [len(col) for col in diagram.layers] == [16, 16, 16, 10]
    assert diagram.input_size.get_value() == 784
    assert [l.get_value() for l in diagram.output_labels] == list(range(10))
    assert all(isinstance(l.shows.key, Index) for l in diagram.output_labels)
    assert [n.index for n in diagram.layers[0]] == shown_indices(784)
    edges = diagram.edges[1]
    assert len(edges) == 16 * 16
    strongest = np.abs(net.weights[1]).max()
    for edge in edges[:40]:
        key = edge.shows.key
        w = net.weights[key.layer - 1][key.j, key.i]
        assert key.layer == 2
        assert edge.get_stroke_width() == pytest.approx(
            2.5 * (style.EDGE_FLOOR + (1 - style.EDGE_FLOOR) * abs(w) / strongest)
        )
        assert edge.shows.signed.read(edge) == pytest.approx(w / strongest)
        assert (edge.get_stroke_color().to_hex() == style.EDGE_POSITIVE.to_hex()) == (w > 0)


def test_diagram_with_chosen_inputs_and_highlight(lesson):
    chosen = list(range(100, 108)) + list(range(400, 408))
    diagram = NetworkDiagram(lesson, input_indices=chosen)
    assert [n.index for n in diagram.layers[0]] == chosen
    assert [l.get_value() for l in diagram.index_labels] == chosen
    for anim in diagram.highlight(1, 5):
        a = anim.build()
        a.begin()
        a.finish()
    into = [e for e in diagram.edges[0] if e.shows.key.j == 5]
    others = [e for e in diagram.edges[0] if e.shows.key.j != 5]
    assert min(e.get_stroke_opacity() for e in into) > max(e.get_stroke_opacity() for e in others)


def test_trace_fills_every_neuron(lesson):
    seven = lesson.other("seven_a")
    diagram = NetworkDiagram(lesson).show_trace(seven)
    for l, col in enumerate(diagram.layers):
        for n in col:
            assert n.get_fill_opacity() == pytest.approx(seven.trace.activations[l][n.index])
            assert n.shows.key == Activation(l, n.index) and n.shows.digit == "seven_a"


def test_weight_grid_colours_and_brightness(lesson):
    grid = weight_grid(1, 3, lesson)
    w = lesson.net.weights[0][3]
    for i in (0, 300, 500):
        sq = grid.squares[i]
        assert sq.get_fill_opacity() == pytest.approx(abs(w[i]) / np.abs(w).max())
        assert sq.shows.signed.read(sq) == pytest.approx(w[i] / np.abs(w).max())
        assert (sq.get_fill_color().to_hex() == style.GRID_POSITIVE.to_hex()) == (w[i] > 0)
    with pytest.raises(ValueError):
        SignedGrid([Pixel(0)], style.grid_scheme(Pixel(0)), lesson)


def test_sentence_tags_its_numbers_and_shares_one_baseline(lesson):
    line = Sentence(
        "neuron",
        FocusNeuron(),
        "of layer",
        Index(1, "layer"),
        Math("="),
        Styled(ParamCount(), style.HIGHLIGHT),
        lesson=lesson,
    )
    focus = line.value_part(FocusNeuron())
    assert shown_number(focus) == lesson.value(FocusNeuron())
    assert shown_number(line.value_part(ParamCount())) == 13002
    assert line.value_part(ParamCount()).get_color().to_hex() == style.HIGHLIGHT.to_hex()
    untagged = [m for m in line.submobjects if getattr(m, "shows", None) is None]
    assert [m.tex_string for m in untagged][:1] == [r"\text{neuron}"]


@pytest.mark.render
def test_mobjects_import_from_a_manim_file_outside_the_repo(tmp_path):
    """A teacher's own scene file, anywhere on disk, reuses the mobjects."""
    scene = tmp_path / "mine.py"
    scene.write_text(
        textwrap.dedent("""
        from manim import Scene, FadeIn, LEFT, RIGHT
        from lessonkit.mobjects import NetworkDiagram, PixelGrid
        from lessonkit.lesson import Lesson

        class Mine(Scene):
            def construct(self):
                lesson = Lesson.for_digit("seven_a")
                self.add(PixelGrid(lesson, side=3).to_edge(LEFT))
                self.add(NetworkDiagram(lesson).show_trace().scale(0.6).to_edge(RIGHT))
    """)
    )
    run = subprocess.run(
        [sys.executable, "-m", "manim", "render", "-ql", "-s", "--media_dir", str(tmp_path / "m"), str(scene), "Mine"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert list((tmp_path / "m").glob("**/Mine*.png"))
