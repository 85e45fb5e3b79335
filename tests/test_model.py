import numpy as np
import pytest

from network import ModelFileError, Network, load_pretrained, model_card, sigmoid
from network.sgd import backprop, cost, one_hot


def test_sigmoid_values_and_no_overflow():
    assert sigmoid(0.0) == 0.5
    assert np.isclose(sigmoid(2.0), 1 / (1 + np.exp(-2.0)))
    with np.errstate(over="raise"):
        big = sigmoid(np.array([-1000.0, 1000.0]))
    assert big.tolist() == [0.0, 1.0]


def test_shapes_and_parameter_count():
    net = Network([784, 16, 16, 10])
    assert [w.shape for w in net.weights] == [(16, 784), (16, 16), (10, 16)]
    assert [b.shape for b in net.biases] == [(16,), (16,), (10,)]
    assert net.n_params == 784 * 16 + 16 * 16 + 16 * 10 + 16 + 16 + 10 == 13002


def test_bad_sizes_and_inputs_are_one_line_errors():
    with pytest.raises(ValueError, match="at least two"):
        Network([784])
    net = Network([4, 3, 2])
    with pytest.raises(ValueError, match=r"\(4,\) or \(n, 4\)"):
        net.feedforward(np.zeros(5))
    with pytest.raises(ValueError, match="layer 0"):
        Network([4, 3, 2], weights=[np.zeros((4, 3)), np.zeros((2, 3))], biases=[np.zeros(3), np.zeros(2)])


def test_feedforward_single_and_batch_agree():
    net = Network([784, 16, 16, 10], seed=3)
    x = np.random.default_rng(1).random((5, 784))
    batch = net.feedforward(x)
    assert batch.shape == (5, 10)
    for i in range(5):
        np.testing.assert_allclose(net.feedforward(x[i]), batch[i], rtol=1e-12)


def test_trace_is_consistent():
    net = Network([784, 16, 16, 10], seed=5)
    x = np.random.default_rng(2).random(784)
    t = net.trace(x)
    assert len(t.steps) == 3
    np.testing.assert_array_equal(t.steps[0].a, x)
    for l, step in enumerate(t.steps):
        np.testing.assert_allclose(step.z, net.weights[l] @ step.a + net.biases[l])
        np.testing.assert_allclose(step.out, sigmoid(step.z))
        if l + 1 < len(t.steps):
            np.testing.assert_array_equal(t.steps[l + 1].a, step.out)
    np.testing.assert_allclose(t.output, net.feedforward(x))
    assert t.prediction == int(np.argmax(net.feedforward(x)))
    assert [a.shape for a in t.activations] == [(784,), (16,), (16,), (10,)]


def test_backprop_matches_finite_differences():
    rng = np.random.default_rng(0)
    net = Network([6, 5, 4, 3], seed=1)
    x, y = rng.random((7, 6)), one_hot(rng.integers(0, 3, 7), 3)
    l2 = 0.01
    gw, gb = backprop(net, x, y, l2)
    eps = 1e-6
    for params, grads in ((net.weights, gw), (net.biases, gb)):
        for p, g in zip(params, grads):
            numeric = np.zeros_like(p)
            for i in np.ndindex(p.shape):
                old = p[i]
                p[i] = old + eps
                up = cost(net, x, y, l2)
                p[i] = old - eps
                down = cost(net, x, y, l2)
                p[i] = old
                numeric[i] = (up - down) / (2 * eps)
            np.testing.assert_allclose(g, numeric, rtol=1e-5, atol=1e-8)


def test_save_load_round_trip(tmp_path):
    net = Network([784, 16, 16, 10], seed=7)
    path = tmp_path / "w.npz"
    net.save(path)
    back = Network.load(path)
    assert back.sizes == net.sizes
    for a, b in zip(back.weights + back.biases, net.weights + net.biases):
        np.testing.assert_array_equal(a, b)
    assert list(tmp_path.iterdir()) == [path]  # no temp files left


def _write(path, **arrays):
    np.savez(path, **arrays)
    return path


def _good_arrays():
    net = Network([4, 3, 2], seed=0)
    return {
        "sizes": np.array([4, 3, 2]),
        "W0": net.weights[0],
        "b0": net.biases[0],
        "W1": net.weights[1],
        "b1": net.biases[1],
    }


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda a: a.pop("sizes"), "missing 'sizes'"),
        (lambda a: a.update(sizes=np.array([4])), "at least two positive integers"),
        (lambda a: a.pop("b1"), "missing array 'b1'"),
        (lambda a: a.update(W0=np.zeros((4, 3))), r"'W0' has shape \(4, 3\), expected \(3, 4\)"),
        (lambda a: a.update(W1=np.zeros((2, 3), dtype=np.int32)), "'W1' has dtype int32"),
        (lambda a: a.update(b0=np.array([0.0, np.nan, 0.0])), "'b0' contains NaN"),
        (lambda a: a.update(W2=np.zeros(1)), "unexpected arrays"),
    ],
)
def test_malformed_weights_name_file_and_fault(tmp_path, mutate, message):
    arrays = _good_arrays()
    mutate(arrays)
    path = _write(tmp_path / "bad.npz", **arrays)
    with pytest.raises(ModelFileError, match=message) as e:
        Network.load(path)
    assert str(path) in str(e.value) and "\n" not in str(e.value)


def test_unreadable_and_missing_weight_files(tmp_path):
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip file")
    with pytest.raises(ModelFileError, match="not a readable .npz"):
        Network.load(junk)
    good = _write(tmp_path / "good.npz", **_good_arrays())
    truncated = tmp_path / "trunc.npz"
    truncated.write_bytes(good.read_bytes()[:200])
    with pytest.raises(ModelFileError, match="trunc.npz"):
        Network.load(truncated)
    with pytest.raises(ModelFileError, match="no such weights file"):
        Network.load(tmp_path / "absent.npz")


def test_pretrained_shape_and_card():
    net = load_pretrained()
    card = model_card()
    assert net.sizes == [784, 16, 16, 10] == card["sizes"]
    assert net.n_params == 13002 == card["n_params"]
    assert card["test_accuracy"] >= 0.96


def test_pretrained_reaches_card_accuracy_on_mnist(mnist_dir):
    """The shipped weights, read back and applied by an independent forward pass."""
    from network.mnist import as_inputs, load_mnist

    net, card = load_pretrained(), model_card()
    images, labels = load_mnist("test", mnist_dir)
    a = as_inputs(images)
    for w, b in zip(net.weights, net.biases):
        a = 1 / (1 + np.exp(-(a @ w.T + b)))
    accuracy = np.mean(a.argmax(axis=1) == labels)
    assert accuracy == pytest.approx(card["test_accuracy"], abs=1e-12)
    assert accuracy >= 0.96
