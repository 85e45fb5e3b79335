import gzip
import hashlib
import http.server
import threading
from pathlib import Path

import numpy as np
import pytest

from network import mnist
from network.idx import IDXError, encode_idx, parse_idx, read_idx, write_idx
from network.mnist import MNISTError, download, load_mnist


@pytest.mark.parametrize("dtype", [np.uint8, np.int8, np.int16, np.int32, np.float32, np.float64])
@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_idx_round_trip(tmp_path, dtype, suffix):
    arr = (np.arange(2 * 3 * 4) - 5).astype(dtype).reshape(2, 3, 4)
    if dtype == np.uint8:
        arr = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)
    path = tmp_path / f"a.idx{suffix}"
    write_idx(path, arr)
    back = read_idx(path)
    assert back.dtype == arr.dtype and back.shape == arr.shape
    np.testing.assert_array_equal(back, arr)


def test_idx_header_is_standard():
    data = encode_idx(np.zeros((3, 28, 28), np.uint8))
    assert data[:4] == bytes([0, 0, 0x08, 3])
    assert int.from_bytes(data[4:8], "big") == 3 and len(data) == 16 + 3 * 784


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x00\x00", "too short"),
        (b"\x01\x00\x08\x01" + b"\x00\x00\x00\x01" + b"\x05", "bad magic number 0x01000801"),
        (b"\x00\x00\x07\x01" + b"\x00\x00\x00\x01" + b"\x05", "bad magic number"),
        (b"\x00\x00\x08\x00", "0 dimensions"),
        (b"\x00\x00\x08\x03" + b"\x00\x00\x00\x01", "header needs 16 bytes"),
        (b"\x00\x00\x08\x01" + b"\x00\x00\x00\x05" + b"\x01\x02", r"need 13 bytes, file has 10 \(truncated\)"),
        (b"\x00\x00\x08\x01" + b"\x00\x00\x00\x01" + b"\x01\x02", r"\(trailing data\)"),
    ],
)
def test_malformed_idx(data, message):
    with pytest.raises(IDXError, match=message) as e:
        parse_idx(data, "x.idx")
    assert str(e.value).startswith("x.idx: ")


def test_truncated_gzip_names_the_file(tmp_path):
    path = tmp_path / "a.gz"
    path.write_bytes(gzip.compress(encode_idx(np.zeros((10, 28, 28), np.uint8)))[:-20])
    with pytest.raises(IDXError, match=f"{path}: not a complete gzip"):
        read_idx(path)


def _write_split(folder: Path, images, labels, split="train"):
    img, lab = mnist.FILES[split]
    write_idx(folder / f"{img}.gz", images)
    write_idx(folder / f"{lab}.gz", labels)


def test_load_mnist_validates_pairs(tmp_path):
    _write_split(tmp_path, np.zeros((4, 28, 28), np.uint8), np.array([0, 1, 2, 3], np.uint8))
    images, labels = load_mnist("train", tmp_path)
    assert images.shape == (4, 28, 28) and labels.tolist() == [0, 1, 2, 3]
    _write_split(tmp_path, np.zeros((4, 28, 28), np.uint8), np.array([0, 1, 2], np.uint8))
    with pytest.raises(IDXError, match="3 labels for 4 images"):
        load_mnist("train", tmp_path)
    _write_split(tmp_path, np.zeros((4, 27, 28), np.uint8), np.array([0, 1, 2, 3], np.uint8))
    with pytest.raises(IDXError, match=r"shape \(n, 28, 28\)"):
        load_mnist("train", tmp_path)
    _write_split(tmp_path, np.zeros((1, 28, 28), np.uint8), np.array([12], np.uint8))
    with pytest.raises(IDXError, match="label 12"):
        load_mnist("train", tmp_path)
    with pytest.raises(MNISTError, match="no t10k-images-idx3-ubyte"):
        load_mnist("test", tmp_path)
    with pytest.raises(ValueError, match="split must be"):
        load_mnist("validation", tmp_path)


def test_data_dir_order(tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_DIR", str(tmp_path / "env"))
    assert mnist.data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    assert mnist.data_dir() == tmp_path / "env"
    monkeypatch.delenv("MNIST_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert mnist.data_dir() == tmp_path / "cache" / "nn-lesson" / "mnist"


def test_real_mnist_files_match_checksums(mnist_dir):
    for name, digest in mnist.SHA256.items():
        assert mnist.sha256_of(mnist._find(mnist_dir, name)) == digest
    images, labels = load_mnist("test", mnist_dir)
    assert images.shape == (10000, 28, 28) and np.bincount(labels).sum() == 10000


# -- download against a loopback server -------------------------------------------------------
class _Handler(http.server.BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}
    drop_after: dict[str, int] = {}

    def do_GET(self):  # noqa: N802
        name = self.path.rsplit("/", 1)[-1]
        body = self.files.get(self.path.strip("/"))
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        cut = self.drop_after.get(name)
        self.wfile.write(body if cut is None else body[:cut])
        self.wfile.flush()
        if cut is not None:
            self.close_connection = True

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.files, _Handler.drop_after = {}, {}
    yield _Handler, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def fake_mnist(monkeypatch):
    """Four small valid IDX files, with SHA256 patched to their digests."""
    rng = np.random.default_rng(0)
    content = {
        "train-images-idx3-ubyte": encode_idx(rng.integers(0, 256, (6, 28, 28), dtype=np.uint8)),
        "train-labels-idx1-ubyte": encode_idx(np.arange(6, dtype=np.uint8)),
        "t10k-images-idx3-ubyte": encode_idx(rng.integers(0, 256, (3, 28, 28), dtype=np.uint8)),
        "t10k-labels-idx1-ubyte": encode_idx(np.arange(3, dtype=np.uint8)),
    }
    monkeypatch.setattr(mnist, "SHA256", {k: hashlib.sha256(v).hexdigest() for k, v in content.items()})
    return {f"{k}.gz": gzip.compress(v) for k, v in content.items()}


def test_download_fetches_verifies_and_loads(tmp_path, server, fake_mnist):
    handler, url = server
    handler.files = {f"m/{k}": v for k, v in fake_mnist.items()}
    folder = download(tmp_path / "data", mirrors=(f"{url}/m/",))
    assert sorted(p.name for p in folder.iterdir()) == sorted(fake_mnist)
    images, labels = load_mnist("train", folder)
    assert images.shape == (6, 28, 28) and labels.tolist() == list(range(6))
    # Second call: everything present and verified, nothing fetched.
    handler.files = {}
    download(folder, mirrors=(f"{url}/m/",))


def test_download_checksum_mismatch_leaves_nothing(tmp_path, server, fake_mnist):
    handler, url = server
    bad = dict(fake_mnist)
    bad["t10k-labels-idx1-ubyte.gz"] = gzip.compress(encode_idx(np.array([9, 9, 9], np.uint8)))
    handler.files = {f"m/{k}": v for k, v in bad.items()}
    with pytest.raises(MNISTError, match="t10k-labels-idx1-ubyte.gz: sha256 .* does not match"):
        download(tmp_path, mirrors=(f"{url}/m/",))
    assert not (tmp_path / "t10k-labels-idx1-ubyte.gz").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_download_dropped_connection_falls_back_to_next_mirror(tmp_path, server, fake_mnist):
    handler, url = server
    handler.files = {f"{m}/{k}": v for k, v in fake_mnist.items() for m in ("a", "b")}
    handler.drop_after = {"train-images-idx3-ubyte.gz": 100}  # dropped on every mirror
    with pytest.raises(MNISTError) as e:
        download(tmp_path, mirrors=(f"{url}/a/", f"{url}/b/"))
    msg = str(e.value)
    assert "could not download train-images-idx3-ubyte.gz" in msg and "/a/" in msg and "/b/" in msg
    assert not (tmp_path / "train-images-idx3-ubyte.gz").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    # Mirror a drops, mirror b is whole: the download succeeds from b.
    handler.files = {f"b/{k}": v for k, v in fake_mnist.items()}
    handler.files.update({f"a/{k}": v for k, v in fake_mnist.items()})
    handler.drop_after = {}
    handler.files["a/t10k-images-idx3-ubyte.gz"] = handler.files["a/t10k-images-idx3-ubyte.gz"][:50]
    download(tmp_path, mirrors=(f"{url}/a/", f"{url}/b/"))
    assert load_mnist("test", tmp_path)[0].shape == (3, 28, 28)


def test_download_unreachable_mirror_is_one_clear_error(tmp_path, fake_mnist):
    with pytest.raises(MNISTError, match="could not download train-images-idx3-ubyte.gz: http://127.0.0.1:9/"):
        download(tmp_path, mirrors=("http://127.0.0.1:9/",), timeout=2)
