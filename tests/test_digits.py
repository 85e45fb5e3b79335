import numpy as np
import pytest
from PIL import Image, ImageDraw

from network import load_pretrained
from network.digits import DigitError, load_image, preprocess, resolve, showcase
from network.mnist import HELD_OUT, load_mnist


def _stroke_image(path, size=(200, 300), dark_on_light=True, width=18, box=(60, 50, 140, 250)):
    bg, ink = (255, 0) if dark_on_light else (0, 255)
    im = Image.new("L", size, bg)
    d = ImageDraw.Draw(im)
    d.line([box[:2], box[2:]], fill=ink, width=width)  # a slanted "1"
    im.save(path)
    return path


def _center_of_mass(p):
    ys, xs = np.indices(p.shape)
    return (ys * p).sum() / p.sum(), (xs * p).sum() / p.sum()


@pytest.mark.parametrize("dark_on_light", [True, False])
def test_preprocess_synthetic_stroke_like_mnist(tmp_path, dark_on_light):
    digit = load_image(_stroke_image(tmp_path / "one.png", dark_on_light=dark_on_light))
    p = digit.pixels
    assert p.shape == (28, 28) and p.min() >= 0 and p.max() == pytest.approx(1.0, abs=0.05)
    ink = np.argwhere(p > 0.05)
    h, w = ink.max(axis=0) - ink.min(axis=0) + 1
    assert max(h, w) <= 21 and max(h, w) >= 19  # fit into 20x20, keeping aspect
    assert h > w  # a tall stroke stays tall
    cy, cx = _center_of_mass(p)
    assert abs(cy - 13.5) <= 0.5 and abs(cx - 13.5) <= 0.5
    border = np.concatenate([p[:3].ravel(), p[-3:].ravel(), p[:, :3].ravel(), p[:, -3:].ravel()])
    assert border.max() == 0  # ink bright, background black


def test_transparent_png_and_off_centre_stroke(tmp_path):
    im = Image.new("RGBA", (120, 120), (0, 0, 0, 0))
    ImageDraw.Draw(im).ellipse((5, 5, 45, 60), outline=(0, 0, 0, 255), width=6)  # a "0" in a corner
    im.save(tmp_path / "zero.png")
    p = load_image(tmp_path / "zero.png").pixels
    cy, cx = _center_of_mass(p)
    assert abs(cy - 13.5) <= 0.5 and abs(cx - 13.5) <= 0.5
    assert p[13, 13] < 0.2 and p.max() > 0.9  # the hole of the 0 stays dark


def test_28x28_mnist_like_image_is_taken_as_is(tmp_path):
    pixels = np.zeros((28, 28), np.uint8)
    pixels[5:20, 10:13] = 200
    Image.fromarray(pixels).save(tmp_path / "m.png")
    np.testing.assert_array_equal(load_image(tmp_path / "m.png").pixels, pixels / 255.0)


def test_bad_images_give_one_line_errors(tmp_path):
    Image.new("L", (100, 100), 255).save(tmp_path / "blank.png")
    Image.new("L", (5, 5), 0).save(tmp_path / "tiny.png")
    dot = Image.new("L", (100, 100), 255)
    dot.putpixel((50, 50), 0)
    dot.save(tmp_path / "dot.png")
    (tmp_path / "junk.png").write_bytes(b"definitely not a png")
    cases = {
        "blank.png": "blank image",
        "tiny.png": "too small",
        "dot.png": "too small to read",
        "junk.png": "not a readable image",
        "missing.png": "no such image file",
    }
    for name, message in cases.items():
        with pytest.raises(DigitError, match=message) as e:
            load_image(tmp_path / name)
        assert str(tmp_path / name) in str(e.value) and "\n" not in str(e.value)
    with pytest.raises(DigitError, match="2-D"):
        preprocess(np.zeros((10, 10, 3)))


def test_resolve_specs(tmp_path, monkeypatch):
    monkeypatch.delenv("NN_DIGIT", raising=False)
    default = resolve()
    assert default.label == 3 and default.name == "three_a"
    monkeypatch.setenv("NN_DIGIT", "seven_b")
    assert resolve().label == 7
    path = _stroke_image(tmp_path / "mine.png")
    assert resolve(str(path)).pixels.shape == (28, 28)
    for bad, message in [
        ("eleven", "neither a showcase name"),
        ("test:abc", "whole number"),
        ("nope.png", "no such image file"),
    ]:
        with pytest.raises(DigitError, match=message):
            resolve(bad)


def test_resolve_mnist_index(mnist_dir, monkeypatch):
    monkeypatch.setenv("MNIST_DIR", str(mnist_dir))
    images, labels = load_mnist("test", mnist_dir)
    d = resolve("test:42")
    np.testing.assert_array_equal(d.pixels, images[42] / 255.0)
    assert d.label == labels[42]
    with pytest.raises(DigitError, match="0..9999"):
        resolve("test:10000")


def test_showcase_digits_are_real_held_out_and_read_correctly(mnist_dir):
    digits = showcase()
    labels = [info["label"] for info in digits.values()]
    assert labels.count(3) >= 5
    assert all(labels.count(d) >= 2 for d in range(10))
    net = load_pretrained()
    train_images, train_labels = load_mnist("train", mnist_dir)
    mistakes = 0
    for name, info in digits.items():
        digit = resolve(name)
        assert info["mnist_train_index"] < HELD_OUT  # never trained on
        np.testing.assert_array_equal(digit.pixels, train_images[info["mnist_train_index"]] / 255.0)
        assert train_labels[info["mnist_train_index"]] == digit.label
        answer = int(np.argmax(net.feedforward(digit.x)))
        assert answer == info["network_answer"]
        if name.startswith("mistake"):
            assert answer != digit.label
            mistakes += 1
        else:
            assert answer == digit.label
    assert mistakes == 1
