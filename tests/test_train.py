import json
import os
import subprocess
import sys

import numpy as np

from network import Network
from network.idx import write_idx
from network.mnist import FILES, as_inputs, load_mnist
from network.sgd import SIZES, Hyper, sgd, shift_images


def _blobs(n=600, seed=0):
    """Ten separable synthetic classes: class k lights pixel block k."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, n).astype(np.uint8)
    images = rng.integers(0, 40, (n, 28, 28)).astype(np.uint8)
    for k in range(10):
        images[labels == k, 2 * k : 2 * k + 4, 5:20] = 220
    return images, labels


def test_same_seed_gives_identical_weights():
    images, labels = _blobs()
    hp = Hyper(epochs=2, seed=11)
    a, b = Network(SIZES, seed=11), Network(SIZES, seed=11)
    sgd(a, images, labels, hp, show_progress=False)
    sgd(b, images, labels, hp, show_progress=False)
    for x, y in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_array_equal(x, y)
    c = Network(SIZES, seed=12)
    sgd(c, images, labels, Hyper(epochs=2, seed=12), show_progress=False)
    assert not np.array_equal(a.weights[0], c.weights[0])


def test_short_training_run_improves_accuracy(mnist_dir):
    images, labels = load_mnist("train", mnist_dir)
    test_images, test_labels = load_mnist("test", mnist_dir)
    net = Network(SIZES, seed=0)
    before = net.accuracy(as_inputs(test_images[:2000]), test_labels[:2000])
    history = sgd(
        net,
        images[6000:16000],
        labels[6000:16000],
        Hyper(epochs=2),
        val=(images[:1000], labels[:1000]),
        show_progress=False,
    )
    after = net.accuracy(as_inputs(test_images[:2000]), test_labels[:2000])
    assert before < 0.2 and after > 0.85
    assert len(history) == 2 and history[1]["lr"] < history[0]["lr"]


def test_shift_images_moves_each_image_by_at_most_one_pixel():
    img = np.zeros((50, 28, 28), np.uint8)
    img[:, 10, 12] = 255
    out = shift_images(img, 1, np.random.default_rng(0))
    pos = np.array([np.argwhere(o)[0] for o in out])
    assert np.all(np.abs(pos - [10, 12]) <= 1) and len({tuple(p) for p in pos}) > 3
    assert shift_images(img, 0, np.random.default_rng(0)) is img


def test_cli_writes_weights_and_model_card(tmp_path):
    data = tmp_path / "mnist"
    images, labels = _blobs(8400)
    for split, (imgs, labs) in {
        "train": (images[:8000], labels[:8000]),
        "test": (images[8000:], labels[8000:]),
    }.items():
        write_idx(data / f"{FILES[split][0]}.gz", imgs)
        write_idx(data / f"{FILES[split][1]}.gz", labs)
    out = tmp_path / "out"
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "network.train", "--data", str(data), "--out", str(out), "--epochs", "3", "--seed", "4"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert "not the standard MNIST file" in run.stderr  # synthetic data is flagged
    card = json.loads((out / "model_card.json").read_text())
    net = Network.load(out / "weights.npz")
    assert card["sizes"] == net.sizes == list(SIZES) and card["n_params"] == 13002
    assert card["hyperparameters"]["seed"] == 4 and card["epochs"] == 3 and len(card["history"]) == 3
    assert card["test_count"] == 400 and card["test_accuracy"] > 0.8
    x = as_inputs(images[8000:])
    assert net.accuracy(x, labels[8000:]) == card["test_accuracy"]
    assert sorted(p.name for p in out.iterdir()) == ["history.npz", "model_card.json", "weights.npz"]


def test_cli_missing_data_is_one_line_error(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "network.train", "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
    )
    assert run.returncode == 1
    assert run.stderr.strip().count("\n") == 0 and "no train-images-idx3-ubyte" in run.stderr
