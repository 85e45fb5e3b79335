"""The Learning scene's pictures are the training run's: weight images, curves, snapshot outputs."""

import numpy as np
import pytest
from oracle import expected, history

from lessonkit.lesson import Lesson
from lessonkit.mobjects.charts import LEVELS, epoch_x, history_curve, log_epoch_axes
from lessonkit.values import (
    HistoryAccuracy,
    HistoryCost,
    SnapshotActivation,
    SnapshotLargestWeightInto,
    SnapshotPrediction,
    SnapshotWeight,
)
from scenes.learning import snapshot_grids


@pytest.fixture(scope="module")
def lesson():
    return Lesson.for_digit("mistake_a")


@pytest.mark.parametrize("snapshot", ["start", "images_3008", "end"])
def test_weight_images_show_each_snapshots_own_weights(lesson, snapshot):
    grids = snapshot_grids(snapshot, lesson)
    assert len(grids) == lesson.net.sizes[1]
    for j in (0, 7, len(grids) - 1):
        want = np.array([expected(SnapshotWeight(snapshot, 1, j, i), None) for i in range(784)])
        want = want / expected(SnapshotLargestWeightInto(snapshot, 1, j), None)
        assert np.abs(grids[j].shown_values() - want).max() <= 0.5 / LEVELS + 1e-9
    # the snapshots really differ: noise at the start, the trained weights at the end
    if snapshot == "end":
        start = snapshot_grids("start", lesson)
        assert np.abs(start[0].shown_values() - grids[0].shown_values()).mean() > 0.05


def test_curves_pass_through_every_recorded_point(lesson):
    h = history()
    for key_type, column, y in (
        (HistoryAccuracy, "point_test_accuracy", [0, 100]),
        (HistoryCost, "point_train_cost", [0, 12]),
    ):
        axes, _ = log_epoch_axes(y, [y[0], y[1] / 2, y[1]], "y", lesson)
        n = len(h["point_epoch"])
        curve = history_curve(axes, h["point_epoch"], [key_type(p) for p in range(n)], lesson)
        corners = np.array([axes.p2c(p) for p in curve.get_anchors()[::2]] + [axes.p2c(curve.get_end())])
        want_y = h[column] * (100 if key_type is HistoryAccuracy else 1)
        assert np.allclose(corners[:, 1], want_y, atol=1e-6)
        assert np.allclose(corners[:, 0], epoch_x(h["point_epoch"]), atol=1e-6)
        assert abs(corners[0, 0]) < 1e-9 and np.all(
            np.diff(corners[:, 0]) > 0
        )  # the start at the origin, then in order


def test_accuracy_runs_from_chance_to_the_model_cards_figure(lesson):
    assert 5 < lesson.value(HistoryAccuracy(0)) < 15
    assert lesson.value(HistoryAccuracy(-1)) == pytest.approx(100 * lesson.card["test_accuracy"])
    assert lesson.value(HistoryCost(-1)) < lesson.value(HistoryCost(0))


def test_snapshot_outputs_come_from_each_snapshots_forward_pass(lesson):
    L = lesson.layers
    for snap in ("start", "epoch_1", "end"):
        got = [lesson.value(SnapshotActivation(snap, L, d)) for d in range(10)]
        assert np.allclose(got, [expected(SnapshotActivation(snap, L, d), "mistake_a") for d in range(10)], atol=1e-9)
    assert lesson.value(SnapshotPrediction("end")) == expected(SnapshotPrediction("end"), "mistake_a")
    end = [lesson.value(SnapshotActivation("end", L, d)) for d in range(10)]
    assert np.allclose(end, lesson.trace.output)  # the end snapshot is the shipped network
    start = [lesson.value(SnapshotActivation("start", L, d)) for d in range(10)]
    assert not np.allclose(start, end, atol=0.05)


def test_weights_without_their_training_run_still_render_and_say_so(tmp_path, monkeypatch, capsys):
    """Weights copied in without history.npz (or with another run's): the chapter renders, says
    there is no record, and still shows the parameter count; one warning line says why."""
    from manim import tempconfig

    from lessonkit import lesson as values
    from lessonkit.values import ParamCount
    from network import history as history_module
    from scenes.learning import Learning

    monkeypatch.setattr(history_module, "HISTORY", tmp_path / "history.npz")
    monkeypatch.setattr(values, "_current", {})
    monkeypatch.setenv("NN_DIGIT", "three_a")
    with tempconfig(
        {
            "media_dir": str(tmp_path),
            "pixel_width": 320,
            "pixel_height": 180,
            "frame_rate": 5,
            "disable_caching": True,
            "progress_bar": "none",
            "verbosity": "WARNING",
        }
    ):
        scene = Learning()
        scene.render()
    assert [section for section, *_ in scene.captions] == ["no record", "no record"]
    assert "without a record of their training" in scene.captions[0][1].text
    shown = {shows.key: value for _, shows, value in scene.shown_values}
    assert shown == {ParamCount(): expected(ParamCount())}
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "history.npz: no such file" in err
