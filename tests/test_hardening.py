"""Issue 9: every fault a user can cause ends in one line, a non-zero exit, nothing half-written."""

import gzip
import hashlib
import json
import os
import shutil
import stat
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from common import files
from network import ModelFileError, Network, mnist, model_card, train
from network import digits as digits_mod
from network.digits import DEFAULT_DIGIT, DigitError, resolve
from network.idx import IDXError, encode_idx, read_bytes, write_idx
from network.mnist import FILES, MNISTError, download, load_mnist

ROOT = Path(__file__).resolve().parent.parent


def one_line(text: str) -> str:
    text = text.strip()
    assert text and "\n" not in text and "Traceback" not in text, text
    return text


def _blobs(n=600, seed=0, random_labels=False):
    """Ten separable synthetic classes: class k lights pixel block k."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, n).astype(np.uint8)
    images = rng.integers(0, 40, (n, 28, 28)).astype(np.uint8)
    for k in range(10):
        images[labels == k, 2 * k : 2 * k + 4, 5:20] = 220
    if random_labels:
        labels = rng.integers(0, 10, n).astype(np.uint8)
    return images, labels


def _fake_mnist(folder: Path, n_train=9000, n_test=300, random_labels=False) -> Path:
    images, labels = _blobs(n_train + n_test, random_labels=random_labels)
    for split, sl in {"train": slice(0, n_train), "test": slice(n_train, None)}.items():
        write_idx(folder / f"{FILES[split][0]}.gz", images[sl])
        write_idx(folder / f"{FILES[split][1]}.gz", labels[sl])
    return folder


@pytest.fixture(scope="module")
def _fake_data_once(tmp_path_factory):
    return _fake_mnist(tmp_path_factory.mktemp("fake") / "mnist")


@pytest.fixture
def fake_data(_fake_data_once, tmp_path):
    """A small MNIST-shaped data set of the test's own (a copy: made once, gzipping is slow)."""
    return Path(shutil.copytree(_fake_data_once, tmp_path / "mnist"))


def _train(capsys, *argv):
    code = train.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _snapshot(folder: Path) -> dict:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- the shipped model stays honest ------------------------------------------------------------
@pytest.fixture
def pair(tmp_path):
    """A trained-looking weights file and the card that describes it."""
    net = Network([784, 16, 16, 10], seed=1)
    weights = tmp_path / "weights.npz"
    net.save(weights)
    card = {
        "sizes": net.sizes,
        "n_params": net.n_params,
        "test_accuracy": 0.9644,
        "test_count": 10000,
        "validation_accuracy": 0.96,
        "train_accuracy": 0.97,
        "weights_sha256": hashlib.sha256(weights.read_bytes()).hexdigest(),
    }
    (tmp_path / "model_card.json").write_text(json.dumps(card))
    return tmp_path / "model_card.json", weights, net


def test_card_matching_its_weights_is_returned_as_written(pair, capsys):
    card_path, weights, _ = pair
    card = model_card(card_path, weights, mnist=card_path.parent / "none")
    assert card["test_accuracy"] == 0.9644 and card["test_count"] == 10000
    assert card["weights_verified"] is True and card["accuracy_source"] == "card"
    assert capsys.readouterr().err == ""


def test_card_for_other_weights_recomputes_accuracy_on_mnist(pair, tmp_path, capsys):
    card_path, weights, _ = pair
    other = Network([784, 32, 10], seed=2)  # another architecture copied in by hand
    other.save(weights)
    data = _fake_mnist(tmp_path / "mnist", n_train=10, n_test=200)
    images, labels = load_mnist("test", data)
    card = model_card(card_path, weights, mnist=data)
    assert card["accuracy_source"] == "recomputed" and card["weights_verified"] is False
    assert card["test_accuracy"] == other.accuracy(images.reshape(200, 784) / 255.0, labels)
    assert card["test_count"] == 200 and card["sizes"] == [784, 32, 10]
    assert card["validation_accuracy"] is None and card["train_accuracy"] is None
    assert card["training_history"] is None and card["history"] is None
    err = one_line(capsys.readouterr().err)
    assert "recomputed" in err and str(card_path) in err
    model_card(card_path, weights, mnist=data)  # said once, not on every call
    assert capsys.readouterr().err == ""


def test_card_for_other_weights_without_mnist_shows_no_accuracy(pair, tmp_path, capsys):
    card_path, weights, _ = pair
    Network([784, 16, 16, 10], seed=3).save(weights)
    for _ in range(3):
        card = model_card(card_path, weights, mnist=tmp_path / "no-mnist")
        assert card["test_accuracy"] is None and card["test_count"] is None
        assert card["accuracy_source"] is None
    err = one_line(capsys.readouterr().err)  # one warning for three calls
    assert "describes other weights" in err and "no accuracy is shown" in err


def test_card_with_null_test_accuracy_is_none(pair):
    card_path, weights, _ = pair
    card = json.loads(card_path.read_text())
    card.update(test_accuracy=None, test_count=None)
    card_path.write_text(json.dumps(card))
    card = model_card(card_path, weights, mnist=card_path.parent / "none")
    assert card["test_accuracy"] is None and card["test_count"] is None and card["accuracy_source"] is None


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "is empty"),
        ('{"sizes": [784, 1', "not a valid JSON model card"),
        ('{"test_accuracy": NaN}', "'test_accuracy' must be a fraction"),
        ("[1, 2]", "expected a JSON object"),
        ('{"test_accuracy": "96%"}', "'test_accuracy' must be a fraction"),
        ('{"test_accuracy": 96.44}', "'test_accuracy' must be a fraction"),
        ('{"test_count": -3}', "'test_count' must be a positive"),
        (b"\xff\xfe\x00", "cannot read the model card"),
        (None, "is a directory"),
    ],
)
def test_corrupt_card_is_one_line(pair, content, message):
    card_path, weights, _ = pair
    card_path.unlink()
    if content is None:
        card_path.mkdir()
    elif isinstance(content, bytes):
        card_path.write_bytes(content)
    else:
        card_path.write_text(content)
    with pytest.raises(ModelFileError, match=message) as e:
        model_card(card_path, weights)
    assert str(card_path) in one_line(str(e.value))


def test_shipped_card_matches_shipped_weights():
    card = model_card()
    assert card["weights_verified"] is True and card["accuracy_source"] == "card"
    assert card["weights_sha256"] == hashlib.sha256((ROOT / "assets" / "weights.npz").read_bytes()).hexdigest()


def test_written_files_get_normal_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        Network([4, 3, 2]).save(tmp_path / "w.npz")
        files.write_json(tmp_path / "c.json", {"a": 1})
        write_idx(tmp_path / "x.gz", np.zeros(3, np.uint8))
    finally:
        os.umask(old)
    for name in ("w.npz", "c.json", "x.gz"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644


# -- training refuses nonsense -----------------------------------------------------------------
@pytest.mark.parametrize(
    "args, named",
    [
        (["--epochs", "0"], "--epochs"),
        (["--epochs", "-1"], "--epochs"),
        (["--epochs", "1.5"], "--epochs"),
        (["--batch-size", "0"], "--batch-size"),
        (["--batch-size", "-5"], "--batch-size"),
        (["--lr", "0"], "--lr"),
        (["--lr", "nan"], "--lr"),
        (["--lr", "inf"], "--lr"),
        (["--lr", "-1"], "--lr"),
        (["--lr-decay", "0"], "--lr-decay"),
        (["--lr-decay", "nan"], "--lr-decay"),
        (["--l2", "-1"], "--l2"),
        (["--l2", "inf"], "--l2"),
        (["--max-shift", "-1"], "--max-shift"),
        (["--max-shift", "14"], "--max-shift"),
        (["--seed", "-1"], "--seed"),
        (["--seed", "x"], "--seed"),
        (["--sizes", "784,0,10"], "--sizes"),
        (["--sizes", "10,784"], "--sizes"),
        (["--sizes", "784"], "--sizes"),
        (["--sizes", "a,b"], "--sizes"),
        (["--bogus"], "unrecognized"),
        (["--epochs"], "--epochs"),
    ],
)
def test_bad_training_arguments_are_usage_errors(capsys, tmp_path, args, named):
    code, out, err = _train(capsys, "--data", tmp_path / "absent", "--out", tmp_path / "out", *args)
    assert code == 2 and named in one_line(err)
    assert not (tmp_path / "out").exists()


def test_help_returns_zero(capsys):
    assert train.main(["--help"]) == 0 and "--sizes" in capsys.readouterr().out


def test_no_test_never_writes_into_shipped_assets(capsys):
    before = _snapshot(ROOT / "assets")
    code, _, err = _train(capsys, "--no-test", "--epochs", "1")
    assert code == 2 and "--no-test" in one_line(err)
    assert _snapshot(ROOT / "assets") == before


@pytest.mark.parametrize(
    "make_out, message",
    [
        (lambda t: (t / "file").write_text("x") and t / "file", "exists and is not a folder"),
        (lambda t: (t / "file").write_text("x") and t / "file" / "sub", "a parent of this path is a file"),
    ],
)
def test_invalid_out_fails_before_training(capsys, tmp_path, fake_data, make_out, message):
    out = make_out(tmp_path)
    code, _, err = _train(capsys, "--data", fake_data, "--out", out, "--epochs", "1")
    assert code == 1 and message in one_line(err.splitlines()[-1]) and "training" not in err


def test_unwritable_out_fails_before_training(capsys, tmp_path, fake_data, monkeypatch):
    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(train.tempfile, "mkstemp", denied)  # what a read-only folder does (even as root)
    code, _, err = _train(capsys, "--data", fake_data, "--out", tmp_path / "out", "--epochs", "1")
    assert code == 1 and "permission denied" in one_line(err) and "training" not in err


def test_diverging_run_stops_and_keeps_the_old_model(capsys, tmp_path, fake_data):
    out = tmp_path / "out"
    assert _train(capsys, "--data", fake_data, "--out", out, "--epochs", "1")[0] == 0
    before = _snapshot(out)
    code, _, err = _train(capsys, "--data", fake_data, "--out", out, "--epochs", "2", "--lr", "1000", "--l2", "1")
    assert code == 1 and "diverged" in err.splitlines()[-1] and "nothing written" in err
    assert "Traceback" not in err and "RuntimeWarning" not in err
    assert _snapshot(out) == before


def test_chance_level_run_stops_and_writes_nothing(capsys, tmp_path):
    data = _fake_mnist(tmp_path / "mnist", random_labels=True)
    out = tmp_path / "out"
    code, _, err = _train(capsys, "--data", data, "--out", out, "--epochs", "1")
    assert code == 1 and "no better than chance" in one_line(err.splitlines()[-1])
    assert not out.exists()  # a folder it created for nothing is removed again


def test_main_returns_and_never_execs_and_trains_other_sizes(capsys, tmp_path, fake_data, monkeypatch):
    monkeypatch.setattr(os, "execv", lambda *a: pytest.fail("main must not exec"))
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    from network.blas import blas_thread_count

    threads = blas_thread_count()
    out = tmp_path / "out"
    code, stdout, _ = _train(capsys, "--data", fake_data, "--out", out, "--epochs", "2", "--sizes", "784,32,10")
    assert code == 0 and "->" in stdout
    assert blas_thread_count() == threads  # restored after training
    net = Network.load(out / "weights.npz")
    assert net.sizes == [784, 32, 10]
    card = model_card(out / "model_card.json", out / "weights.npz", mnist=fake_data)
    assert card["sizes"] == [784, 32, 10] and card["weights_verified"] and card["test_accuracy"] > 0.8
    assert sorted(p.name for p in out.iterdir()) == ["history.npz", "model_card.json", "weights.npz"]
    for p in out.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~_umask()


def _umask():
    u = os.umask(0)
    os.umask(u)
    return u


def test_training_gives_the_same_weights_with_one_blas_thread_set_in_process(tmp_path, monkeypatch):
    """The in-process thread pinning reproduces what the old re-exec with OPENBLAS_NUM_THREADS=1 did."""
    images, labels = _blobs(700)
    hp = train.Hyper(epochs=1, seed=5)
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    code = (
        "import numpy as np, sys; from network.train import *; from tests.test_hardening import _blobs;"
        "n = Network(SIZES, seed=5); sgd(n, *_blobs(700), Hyper(epochs=1, seed=5), show_progress=False);"
        "sys.stdout.buffer.write(n.weights[0].tobytes())"
    )
    ref = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, cwd=ROOT, check=True).stdout
    from network.blas import blas_threads

    net = Network(train.SIZES, seed=5)
    with blas_threads(1):
        train.sgd(net, images, labels, hp, show_progress=False)
    assert net.weights[0].tobytes() == ref


def _killed_train(out: Path, data: Path, when: str) -> int:
    """Train into `out` in another process that is killed (os._exit, as by SIGKILL: no cleanup)
    at the rename whose target is named `when`."""
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from network import train\n"
        "real = os.replace\n"
        "def replace(src, dst):\n"
        f"    if Path(dst).name == {when!r}:\n"
        "        os._exit(137)\n"
        "    real(src, dst)\n"
        "os.replace = replace\n"
        f"sys.exit(train.main(['--data', {str(data)!r}, '--out', {str(out)!r}, '--epochs', '1', '--seed', '9']))\n"
    )
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True).returncode


def test_a_kill_after_the_commit_point_is_completed_on_load(capsys, tmp_path, fake_data):
    out = tmp_path / "out"
    assert _train(capsys, "--data", fake_data, "--out", out, "--epochs", "1")[0] == 0
    old = _snapshot(out)
    # killed between the renames: new weights already in place, the card not yet
    assert _killed_train(out, fake_data, "model_card.json") == 137
    assert (out / files.JOURNAL).is_file() and (out / "model_card.json").read_bytes() == old[
        str(out / "model_card.json")
    ]
    card = model_card(out / "model_card.json", out / "weights.npz", mnist=tmp_path / "none")  # finishes the write
    assert card["weights_verified"] is True and card["hyperparameters"]["seed"] == 9
    assert sorted(p.name for p in out.iterdir()) == ["history.npz", "model_card.json", "weights.npz"]
    from network.history import load_history

    assert load_history(out / "history.npz", out / "weights.npz").snapshot("end") is not None


def test_a_kill_before_the_commit_point_keeps_the_old_files(capsys, tmp_path, fake_data):
    out = tmp_path / "out"
    assert _train(capsys, "--data", fake_data, "--out", out, "--epochs", "1")[0] == 0
    old = _snapshot(out)
    assert _killed_train(out, fake_data, files.JOURNAL) == 137  # temp files complete, journal not yet
    assert {k: v for k, v in _snapshot(out).items() if not Path(k).name.startswith(".")} == old
    card = model_card(out / "model_card.json", out / "weights.npz", mnist=tmp_path / "none")
    assert card["weights_verified"] is True and card["hyperparameters"]["seed"] == 0
    assert _train(capsys, "--data", fake_data, "--out", out, "--epochs", "1", "--seed", "4")[0] == 0
    assert sorted(p.name for p in out.iterdir()) == ["history.npz", "model_card.json", "weights.npz"]  # temps gone


def test_ctrl_c_while_writing_lands_all_files_or_none(capsys, tmp_path, fake_data, monkeypatch):
    out = tmp_path / "out"
    assert _train(capsys, "--data", fake_data, "--out", out, "--epochs", "1")[0] == 0
    old = _snapshot(out)
    real_write = files.atomic_write

    def interrupted(path, write):
        if Path(path).name == files.JOURNAL:
            raise KeyboardInterrupt  # Ctrl-C just before the commit point
        real_write(path, write)

    monkeypatch.setattr(files, "atomic_write", interrupted)
    code, _, err = _train(capsys, "--data", fake_data, "--out", out, "--epochs", "1", "--seed", "9")
    assert code == 130 and one_line(err.splitlines()[-1]).startswith("error: interrupted; nothing written")
    assert _snapshot(out) == old  # and no temp file left


def test_stale_temp_files_of_a_killed_run_are_cleaned(capsys, tmp_path, fake_data):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".weights.npz.abc123.tmp").write_bytes(b"half")
    (out / "keep.txt").write_text("mine")
    assert _train(capsys, "--data", fake_data, "--out", out, "--epochs", "1")[0] == 0
    assert sorted(p.name for p in out.iterdir()) == ["history.npz", "keep.txt", "model_card.json", "weights.npz"]


def test_too_few_training_images_is_one_line(capsys, tmp_path):
    data = _fake_mnist(tmp_path / "mnist", n_train=100, n_test=10)
    code, _, err = _train(capsys, "--data", data, "--out", tmp_path / "out")
    assert code == 1 and "need more than the 6000" in one_line(err)


# -- file-system faults --------------------------------------------------------------------------
def test_directory_or_device_instead_of_mnist_file(tmp_path, capsys):
    data = _fake_mnist(tmp_path / "mnist", n_train=10, n_test=10)
    (data / "t10k-images-idx3-ubyte.gz").unlink()
    (data / "t10k-images-idx3-ubyte.gz").mkdir()
    with pytest.raises(IDXError, match="is a directory"):
        load_mnist("test", data)
    with pytest.raises(IDXError, match="not a regular file"):
        read_bytes("/dev/null")
    assert mnist.main(["check", "--dir", str(data)]) == 1
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    assert len(lines) == 4  # all four files checked, each with its reason
    assert any("t10k-images" in l and "is a directory" in l for l in lines)
    assert any("train-images" in l and "is not the standard MNIST file" in l for l in lines)
    assert "4 of 4" in one_line(err)
    code, _, err = _train(capsys, "--data", data, "--out", tmp_path / "out")
    assert code == 1 and "is a directory" in one_line(err)


def test_mnist_folder_that_is_a_file(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(MNISTError, match="not a folder"):
        load_mnist("train", tmp_path / "f")


def test_unreadable_mnist_file_is_one_line(tmp_path, monkeypatch):
    data = _fake_mnist(tmp_path / "mnist", n_train=10, n_test=10)
    real = Path.read_bytes

    def denied(self):
        if self.name.startswith("train-images"):
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(IDXError, match="permission denied") as e:
        load_mnist("train", data)
    one_line(str(e.value))


def test_gzip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.gz"
    path.write_bytes(gzip.compress(b"\0" * 5_000_000))
    with pytest.raises(IDXError, match="decompresses to more than 1000000 bytes"):
        read_bytes(path, max_bytes=1_000_000)


@pytest.mark.parametrize(
    "where, message",
    [
        (lambda t: (t / "f").write_text("x") and t / "f" / "mnist", "a parent of this path is a file"),
        (lambda t: (t / "f").write_text("x") and t / "f", "exists and is not a folder"),
    ],
)
def test_download_into_impossible_folder(tmp_path, capsys, where, message):
    folder = where(tmp_path)
    assert mnist.main(["download", "--dir", str(folder)]) == 1
    assert message in one_line(capsys.readouterr().err)


def test_download_into_read_only_folder(tmp_path, capsys, monkeypatch):
    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(mnist.tempfile, "mkstemp", denied)  # a read-only folder (root ignores chmod)
    assert mnist.main(["download", "--dir", str(tmp_path / "ro")]) == 1
    assert "permission denied" in one_line(capsys.readouterr().err)


def test_download_keeps_valid_files_compressed_or_not_and_cleans_parts(tmp_path, monkeypatch):
    content = {name: encode_idx(np.full(3 + i, i, np.uint8)) for i, name in enumerate(mnist.SHA256)}
    monkeypatch.setattr(mnist, "SHA256", {k: hashlib.sha256(v).hexdigest() for k, v in content.items()})
    names = list(content)
    for name in names[:2]:
        (tmp_path / name).write_bytes(content[name])  # uncompressed
    for name in names[2:]:
        (tmp_path / f"{name}.gz").write_bytes(gzip.compress(content[name]))
    (tmp_path / f".{names[0]}.x1y2.part").write_bytes(b"left by a killed download")
    monkeypatch.setattr(mnist, "_writable_folder", lambda f: pytest.fail("nothing to write"))
    download(tmp_path, mirrors=("http://127.0.0.1:9/",), timeout=1)  # all valid: nothing fetched
    (tmp_path / names[3]).write_bytes(content[names[3]])  # valid raw copy, but a bad .gz before it
    (tmp_path / f"{names[3]}.gz").write_bytes(b"broken")
    monkeypatch.undo()
    monkeypatch.setattr(mnist, "SHA256", {k: hashlib.sha256(v).hexdigest() for k, v in content.items()})
    fetched = []

    def fetch(url, dest, label, timeout):
        fetched.append(url.rsplit("/", 1)[-1])
        Path(dest).write_bytes(gzip.compress(content[names[3]]))

    monkeypatch.setattr(mnist, "_fetch", fetch)
    download(tmp_path, mirrors=("http://mirror/",))
    assert fetched == [f"{names[3]}.gz"]  # only the broken one, and the stale .part is gone
    assert not list(tmp_path.glob(".*.part"))
    assert read_bytes(tmp_path / f"{names[3]}.gz") == content[names[3]]


def test_download_result_has_normal_permissions(tmp_path, monkeypatch):
    content = {name: encode_idx(np.full(3, i, np.uint8)) for i, name in enumerate(mnist.SHA256)}
    monkeypatch.setattr(mnist, "SHA256", {k: hashlib.sha256(v).hexdigest() for k, v in content.items()})
    served = {f"{k}.gz": gzip.compress(v) for k, v in content.items()}

    def fetch(url, dest, label, timeout):
        Path(dest).write_bytes(served[url.rsplit("/", 1)[-1]])

    monkeypatch.setattr(mnist, "_fetch", fetch)
    download(tmp_path, mirrors=("http://mirror/",))
    for name in served:
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o666 & ~_umask()


# -- digits ----------------------------------------------------------------------------------------
def _png_claiming(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header claims width x height (what a decompression bomb looks like)."""
    Image.new("L", (8, 8), 255).save(path)
    data = bytearray(path.read_bytes())
    ihdr = 8  # after the signature: length(4) 'IHDR'(4) data(13) crc(4)
    data[ihdr + 8 : ihdr + 16] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr + 4 : ihdr + 21]))
    data[ihdr + 21 : ihdr + 25] = struct.pack(">I", crc)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    "w, h, message",
    [
        (30000, 30000, "too many pixels"),
        (9000, 7000, "megapixels"),
    ],
)
def test_image_bombs_are_refused_before_decoding(tmp_path, monkeypatch, w, h, message):
    path = _png_claiming(tmp_path / "bomb.png", w, h)
    monkeypatch.setenv("NN_DIGIT", str(path))
    with pytest.raises(DigitError, match=message) as e:
        resolve()
    assert str(path) in one_line(str(e.value))


def test_large_image_is_shrunk_early_and_still_read(tmp_path):
    im = Image.new("L", (4000, 3000), 255)
    ImageDraw.Draw(im).line([(1800, 500), (2200, 2500)], fill=0, width=120)
    im.save(tmp_path / "big.jpg", quality=90)
    d = resolve(str(tmp_path / "big.jpg"))
    assert d.pixels.shape == (28, 28) and d.pixels.max() > 0.9
    assert "shrunk from 4000x3000" in d.source


@pytest.mark.parametrize("spec", ["   ", "", "\t \n"])
def test_blank_nn_digit_means_the_default(monkeypatch, spec):
    monkeypatch.setenv("NN_DIGIT", spec)
    assert resolve().name == DEFAULT_DIGIT
    assert resolve(spec).name == DEFAULT_DIGIT


def test_directory_and_odd_paths_as_digit(tmp_path):
    (tmp_path / "d.png").mkdir()
    with pytest.raises(DigitError, match="is a directory"):
        resolve(str(tmp_path / "d.png"))
    with pytest.raises(DigitError, match="not a usable path"):
        resolve("x" * 5000)
    with pytest.raises(DigitError, match="NUL"):
        resolve("a\0b")


def test_mnist_index_with_broken_mnist_is_one_line(tmp_path, monkeypatch):
    data = _fake_mnist(tmp_path / "mnist", n_train=10, n_test=10)
    (data / "t10k-labels-idx1-ubyte.gz").unlink()
    (data / "t10k-labels-idx1-ubyte.gz").mkdir()
    monkeypatch.setenv("MNIST_DIR", str(data))
    with pytest.raises(DigitError, match="is a directory") as e:
        resolve("test:3")
    one_line(str(e.value))


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "is empty"),
        ("{", "not valid JSON"),
        ("[]", "expected"),
        ('{"digits": {"a": 1}}', "expected"),
        (None, "no such file"),
    ],
)
def test_corrupt_showcase_list_is_one_line(tmp_path, monkeypatch, content, message):
    if content is not None:
        (tmp_path / "digits.json").write_text(content)
    monkeypatch.setattr(digits_mod, "DIGITS_DIR", tmp_path)
    with pytest.raises(DigitError, match=message) as e:
        resolve("three_a")
    assert str(tmp_path / "digits.json") in one_line(str(e.value))


# -- whole commands, as a user runs them -------------------------------------------------------------
@pytest.mark.parametrize(
    "cmd, env",
    [
        (["-m", "network.train", "--epochs", "-1"], {}),
        (["-m", "network.train", "--data", "/dev/null"], {}),
        (["-m", "network.mnist", "check", "--dir", "/nonexistent"], {}),
        (["-m", "network.mnist", "frobnicate"], {}),
        (["-m", "network.mnist", "download", "--dir", "/dev/null/x"], {}),
        (["-m", "network.mnist", "download", "--dir", ""], {}),
        (["-m", "network.mnist", "check", "--dir", "~nosuchuser/mnist"], {}),
        (["-m", "network.mnist", "check"], {"MNIST_DIR": "~nosuchuser"}),
        (["-m", "network.train", "--out", "~nosuchuser/out", "--data", "~nosuchuser/mnist"], {}),
        (["-m", "network.export"], {}),
        (["-m", "network.export", "/dev/null/site"], {}),
        (["-m", "lessonbuild", "-j", "abc"], {}),
        (["-m", "lessonbuild", "-j", "-1"], {}),
        (["-m", "lessonbuild", "-qk"], {}),
        (["-m", "lessonbuild", "--out", "/dev/null/lesson", "--scene", "title"], {}),
        (["-m", "lessonbuild", "--digit", "~nosuchuser/seven.png", "--scene", "title"], {}),
        (["tools/keyframes.py", "scenes/nosuch.py", "Nothing"], {}),
        (["tools/keyframes.py", "scenes/title.py", "TitleCard", "--out", "/dev/null"], {}),
        (["tools/keyframes.py", "--quality=-qz", "scenes/title.py", "TitleCard"], {}),
        (
            ["-m", "manim", "render", "-ql", "--dry_run", "scenes/title.py", "TitleCard"],
            {"NN_DIGIT": "~nosuchuser/a.png"},
        ),
    ],
)
def test_commands_fail_in_one_line_without_traceback(cmd, env, tmp_path):
    run = subprocess.run(
        [sys.executable, *cmd], capture_output=True, text=True, cwd=ROOT, env={**os.environ, **env}, timeout=120
    )
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 or cmd[-1] == "TitleCard" and env, run.stderr  # manim logs a line or two first
    assert lines[-1].startswith(("error:", "python -m", "lessonbuild:", "tools/keyframes.py:")), lines[-1]


def test_test_accuracy_without_its_count_is_one_line(pair):
    card_path, weights, _ = pair
    card = json.loads(card_path.read_text())
    card["test_count"] = None
    card_path.write_text(json.dumps(card))
    with pytest.raises(ModelFileError, match="'test_accuracy' needs the 'test_count'"):
        model_card(card_path, weights, mnist=card_path.parent / "none")


def test_weights_the_lesson_cannot_show_are_one_line(tmp_path):
    weights = tmp_path / "weights.npz"
    Network([100, 16, 10], seed=0).save(weights)  # not 28x28 pixels in
    (tmp_path / "model_card.json").write_text(json.dumps({"test_accuracy": None, "test_count": None}))
    with pytest.raises(ModelFileError, match=r"784 pixels .* 10 outputs"):
        model_card(tmp_path / "model_card.json", weights)


def test_export_that_fails_changes_nothing(tmp_path, monkeypatch):
    from network import export

    site = tmp_path / "site"
    export.export_site(site)
    before = _snapshot(site)
    other = tmp_path / "other.npz"
    Network([784, 16, 16, 10], seed=3).save(other)
    monkeypatch.setattr(export, "WEB_FILES", [*export.WEB_FILES, "missing.css"])
    with pytest.raises(export.ExportError, match="missing.css"):
        export.export_site(site, other)
    assert _snapshot(site) == before  # not new weights beside the old widget
    assert oct(stat.S_IMODE((site / "weights.js").stat().st_mode)) == oct(0o666 & ~_umask())


def test_weights_file_faults_are_one_line(tmp_path):
    (tmp_path / "dir.npz").mkdir()
    np.save(tmp_path / "one.npy", np.zeros(3))
    (tmp_path / "one.npz").write_bytes((tmp_path / "one.npy").read_bytes())
    np.savez_compressed(
        tmp_path / "bomb.npz",
        sizes=np.array([784, 10]),
        W0=np.zeros((10, 784)),
        b0=np.zeros(10),
        pad=np.zeros(40_000_000, np.uint8),
    )
    cases = {"dir.npz": "is a directory", "one.npz": "not an .npz archive", "bomb.npz": "more than the 1000000"}
    import network.model as m

    old, m.MAX_WEIGHTS_BYTES = m.MAX_WEIGHTS_BYTES, 1_000_000
    try:
        for name, message in cases.items():
            with pytest.raises(ModelFileError, match=message) as e:
                Network.load(tmp_path / name)
            assert str(tmp_path / name) in one_line(str(e.value))
    finally:
        m.MAX_WEIGHTS_BYTES = old


def test_absurd_mnist_index_and_empty_paths(capsys, tmp_path):
    with pytest.raises(DigitError, match="far too large"):
        resolve("test:" + "9" * 5000)
    with pytest.raises(DigitError, match="whole number"):
        resolve("test:٣")
    assert _train(capsys, "--out", "", "--data", tmp_path)[0] == 2
    assert _train(capsys, "--data", " ", "--out", tmp_path / "o")[0] == 2


def test_no_home_still_gives_a_cache_folder(monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(RuntimeError("no home"))))
    assert mnist.default_dir().parts[-2:] == ("nn-lesson", "mnist")


def test_kill_during_training_is_one_line_and_keeps_the_old_model(tmp_path, capsys):
    import signal

    data = _fake_mnist(tmp_path / "mnist")
    out = tmp_path / "out"
    assert _train(capsys, "--data", data, "--out", out, "--epochs", "1")[0] == 0
    before = _snapshot(out)
    proc = subprocess.Popen(
        [sys.executable, "-m", "network.train", "--data", str(data), "--out", str(out), "--epochs", "10000"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in proc.stderr:
        if line.startswith("training ["):
            break
    proc.send_signal(signal.SIGTERM)
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 130
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("error: interrupted; nothing written")
    assert _snapshot(out) == before
