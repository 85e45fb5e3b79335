"""The reusable mobjects: layout and what they stand for, without rendering."""
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scenes"))

from network import load_pretrained  # noqa: E402
from network.digits import resolve  # noqa: E402
from nn_mobjects import NetworkDiagram, PixelGrid, SignedGrid, shown_indices, weight_grid  # noqa: E402


def test_pixel_grid_is_row_major_like_the_784_vector():
    d = resolve("three_a")
    grid = PixelGrid(d.pixels, "three_a", side=2.8)
    assert len(grid) == 784
    assert grid[0].get_center()[0] < grid[1].get_center()[0]  # along a row, left to right
    assert grid[0].get_center()[1] > grid[28].get_center()[1]  # next row is lower
    for i in (0, 200, 407, 783):
        assert grid[i].get_fill_opacity() == pytest.approx(d.x[i])
        assert grid[i].model_key == ("pixel", "three_a", i)
    neurons = grid.as_neurons()
    assert [n.model_key for n in neurons[:3]] == [("activation", "three_a", 0, i) for i in range(3)]
    np.testing.assert_allclose(neurons[407].get_center(), grid[407].get_center())
    labels = grid.value_labels(range(10, 12), range(5, 8))
    assert [l.model_key[2] for l in labels] == [285, 286, 287, 313, 314, 315]
    braces = grid.size_braces()
    assert [braces[1].get_value(), braces[3].get_value()] == [28, 28]


def test_shown_indices():
    assert shown_indices(10) == list(range(10))
    assert shown_indices(784) == list(range(8)) + list(range(776, 784))


def test_network_diagram_shows_real_weights_and_sizes():
    net = load_pretrained()
    diagram = NetworkDiagram(net)
    assert [len(col) for col in diagram.layers] == [16, 16, 16, 10]
    assert diagram.input_size.get_value() == 784
    assert [l.get_value() for l in diagram.output_labels] == list(range(10))
    assert [n.index for n in diagram.layers[0]] == shown_indices(784)
    edges = diagram.edges[1]
    assert len(edges) == 16 * 16
    strongest = np.abs(net.weights[1]).max()
    for edge in edges[:40]:
        _, l, j, i = edge.model_key
        w = net.weights[l][j, i]
        assert edge.get_stroke_width() == pytest.approx(2.5 * abs(w) / strongest)
        assert (edge.get_stroke_color().to_hex() == edge.positive_color.to_hex()) == (w > 0)


def test_diagram_with_chosen_inputs_and_highlight():
    net = load_pretrained()
    chosen = list(range(100, 108)) + list(range(400, 408))
    diagram = NetworkDiagram(net, input_indices=chosen)
    assert [n.index for n in diagram.layers[0]] == chosen
    assert [l.get_value() for l in diagram.index_labels] == chosen
    for anim in diagram.highlight(1, 5):
        a = anim.build()
        a.begin()
        a.finish()
    into = [e for e in diagram.edges[0] if e.model_key[2] == 5]
    others = [e for e in diagram.edges[0] if e.model_key[2] != 5]
    assert min(e.get_stroke_opacity() for e in into) > max(e.get_stroke_opacity() for e in others)


def test_trace_fills_every_neuron():
    net = load_pretrained()
    d = resolve("seven_a")
    trace = net.trace(d.x)
    diagram = NetworkDiagram(net).show_trace(trace, "seven_a")
    for l, col in enumerate(diagram.layers):
        for n in col:
            assert n.get_fill_opacity() == pytest.approx(trace.activations[l][n.index])
            assert n.model_key == ("activation", "seven_a", l, n.index)


def test_weight_grid_colours_and_brightness():
    net = load_pretrained()
    grid = weight_grid(net, 0, 3)
    w = net.weights[0][3]
    for i in (0, 300, 500):
        sq = grid.squares[i]
        assert sq.get_fill_opacity() == pytest.approx(abs(w[i]) / np.abs(w).max())
        assert (sq.get_fill_color().to_hex() == sq.positive_color.to_hex()) == (w[i] > 0)
    with pytest.raises(ValueError):
        SignedGrid(np.zeros(10), [], ("x",))
