"""Issue 12 (data half): the recorded training run, its snapshots, and their ties to the weights."""

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from test_hardening import _blobs, _fake_mnist, _train

from network import HistoryError, Network, list_snapshots, load_history, load_pretrained, load_snapshot, model_card
from network.history import POINT_KEYS, Recorder
from network.mnist import HELD_OUT, as_inputs, load_mnist
from network.sgd import SIZES, Hyper, cost, one_hot, sgd

ROOT = Path(__file__).resolve().parent.parent


def _accuracy(net, images, labels):
    return float(np.mean(np.argmax(net.feedforward(as_inputs(images)), axis=1) == labels))


def test_recording_does_not_change_the_weights():
    images, labels = _blobs(2000)
    hp = Hyper(epochs=3, seed=4, batch_size=16)
    plain, recorded = Network(SIZES, seed=4), Network(SIZES, seed=4)
    sgd(plain, images, labels, hp, show_progress=False)
    rec = Recorder(len(images), hp.batch_size, hp.epochs, lambda net: (0.5, 0.5, 1.0, 1.0))
    sgd(recorded, images, labels, hp, show_progress=False, recorder=rec)
    for a, b in zip(plain.weights + plain.biases, recorded.weights + recorded.biases):
        assert a.tobytes() == b.tobytes()
    # start, in-epoch points that fit in 125 batches (320 and 1000 images), then each epoch
    assert [r[0] for r in rec.rows] == [0, 320, 1008, 2000, 4000, 6000]
    assert [s[0] for s in rec.snaps] == ["start", "images_320", "epoch_1", "epoch_2", "end"]


def test_cli_history_is_deterministic_tied_and_recomputable(capsys, tmp_path):
    data = _fake_mnist(tmp_path / "mnist")
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert _train(capsys, "--data", data, "--out", out, "--epochs", "3", "--seed", "2")[0] == 0
    assert (a / "history.npz").read_bytes() == (b / "history.npz").read_bytes()
    assert (a / "weights.npz").read_bytes() == (b / "weights.npz").read_bytes()
    card = json.loads((a / "model_card.json").read_text())
    assert card["training_history"]["sha256"] == hashlib.sha256((a / "history.npz").read_bytes()).hexdigest()
    h = load_history(a / "history.npz", a / "weights.npz")
    assert [s.name for s in h.snapshots] == ["start", "images_320", "epoch_1", "epoch_2", "end"]
    assert set(h.points) == set(POINT_KEYS) and len(h.points["val_accuracy"]) == 1 + 2 + 3
    val_x, val_y = load_mnist("train", data)
    val_x, val_y = val_x[:HELD_OUT], val_y[:HELD_OUT]
    test_x, test_y = load_mnist("test", data)
    for s in h.snapshots:
        net = h.network(s.name)
        assert s.val_accuracy == _accuracy(net, val_x, val_y)
        assert s.test_accuracy == _accuracy(net, test_x, test_y)
    final = Network.load(a / "weights.npz")
    end = h.network("end")
    assert all(np.array_equal(x, y) for x, y in zip(end.weights + end.biases, final.weights + final.biases))
    assert h.snapshot("end").test_accuracy == card["test_accuracy"]
    assert h.snapshot("end").val_accuracy == card["validation_accuracy"]
    # A history beside other weights is refused in one line.
    with pytest.raises(HistoryError, match="other weights") as e:
        load_history(a / "history.npz", _other(tmp_path))
    assert "\n" not in str(e.value)
    with pytest.raises(HistoryError, match="no snapshot 'epoch_9'"):
        h.network("epoch_9")


def _other(tmp_path):
    path = tmp_path / "other.npz"
    Network(SIZES, seed=99).save(path)
    return path


@pytest.mark.parametrize("content, message", [(b"", "not a readable"), (b"junk", "not a readable")])
def test_corrupt_history_is_one_line(tmp_path, content, message):
    (tmp_path / "h.npz").write_bytes(content)
    with pytest.raises(HistoryError, match=message) as e:
        load_history(tmp_path / "h.npz", _other(tmp_path))
    assert "\n" not in str(e.value) and str(tmp_path / "h.npz") in str(e.value)


def test_shipped_history_is_small_tied_and_described():
    path = ROOT / "assets" / "history.npz"
    assert path.stat().st_size < 1_000_000
    card = model_card()
    assert card["training_history"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    snaps = list_snapshots()
    assert snaps[0].name == "start" and snaps[-1].name == "end" and snaps[0].images_seen == 0
    assert [s.images_seen for s in snaps] == sorted(s.images_seen for s in snaps)
    assert [s["name"] for s in card["training_history"]["snapshots"]] == [s.name for s in snaps]
    end, net = load_snapshot("end"), load_pretrained()
    assert all(np.array_equal(x, y) for x, y in zip(end.weights + end.biases, net.weights + net.biases))
    h = load_history()
    assert np.all(np.diff(h.points["images_seen"]) > 0) and h.points["epoch"][-1] == card["epochs"]


def test_shipped_snapshots_reproduce_their_recorded_figures(mnist_dir):
    """Every snapshot's accuracies and costs, recomputed from the snapshot itself on MNIST."""
    images, labels = load_mnist("train", mnist_dir)
    test_x, test_y = load_mnist("test", mnist_dir)
    val_x, val_y = images[:HELD_OUT], labels[:HELD_OUT]
    card = model_card()
    h = load_history()
    for s in h.snapshots:
        net = h.network(s.name)
        assert s.val_accuracy == _accuracy(net, val_x, val_y), s.name
        assert s.test_accuracy == _accuracy(net, test_x, test_y), s.name
        l2 = card["hyperparameters"]["l2"]
        assert s.val_cost == pytest.approx(cost(net, as_inputs(val_x), one_hot(val_y), l2), rel=1e-9)
    assert h.snapshots[0].test_accuracy < 0.2  # the random start guesses
    assert h.snapshots[-1].test_accuracy == card["test_accuracy"]
    assert h.points["val_accuracy"][-1] == card["validation_accuracy"]
