"""Benchmarks (numbers, not pass/fail): the network, and render time of every scene.

python tools/render_bench.py network [--no-train]   # training time + accuracy, forward-pass timings
python tools/render_bench.py scenes -- -ql -qh      # per scene: video seconds, render seconds, ratio
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scenes.catalog import SCENES  # noqa: E402


def _pct(x: float | None) -> str:
    """A fraction as a percentage, or 'n/a' when the card has no verified figure."""
    return "n/a" if x is None else f"{x:.2%}"


def _best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def bench_network(train: bool) -> None:
    import numpy as np

    from network import load_pretrained
    from network.digits import resolve
    from network.mnist import as_inputs, load_mnist

    net = load_pretrained()
    x = resolve("three_a").x
    images, labels = load_mnist("test")
    batch = as_inputs(images)
    t_trace = _best_of(lambda: net.trace(x), 200)
    t_batch = _best_of(lambda: net.feedforward(batch), 10)
    acc = net.accuracy(batch, labels)
    print(f"forward, one digit's full trace : {t_trace * 1e6:8.1f} us (best of 200)")
    print(f"forward, {len(batch)} test images    : {t_batch * 1e3:8.1f} ms (best of 10), accuracy {acc:.2%}")
    if train:
        with tempfile.TemporaryDirectory() as out:
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "network.train", "--out", out], check=True, cwd=ROOT)
            wall = time.perf_counter() - t
            card = json.loads((Path(out) / "model_card.json").read_text())
            same = (Path(out) / "weights.npz").read_bytes() == (ROOT / "assets" / "weights.npz").read_bytes()
        print(
            f"training from scratch           : {wall:8.1f} s wall ({card['wall_time_seconds']} s in SGD), "
            f"test {_pct(card.get('test_accuracy'))}, validation {_pct(card.get('validation_accuracy'))}, "
            f"bit-identical to shipped weights: {same}"
        )
    print(f"(numpy {np.__version__}, {os.cpu_count()} cpus)")


def video_seconds(path: Path) -> float:
    import av

    with av.open(str(path)) as f:
        assert f.duration is not None  # manim's MP4s always record their duration
        return float(f.duration) / av.time_base


def bench_scenes(qualities: list[str]) -> None:
    print(f"{'scene':<30}{'quality':>8}{'video s':>10}{'render s':>10}{'render/video':>14}")
    # LaTeX snippets stay cached in media/bench/Tex between runs, as in everyday use; the
    # rendered clips are not reused (--disable_caching).
    media = ROOT / "media" / "bench"
    for module, scene in SCENES:
        for q in qualities:
            t = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "manim",
                    "render",
                    q,
                    "--disable_caching",
                    "--progress_bar",
                    "none",
                    "--media_dir",
                    str(media),
                    f"scenes/{module}.py",
                    scene,
                ],
                check=True,
                cwd=ROOT,
                capture_output=True,
            )
            wall = time.perf_counter() - t
            video = next(media.glob(f"videos/{module}/*/{scene}.mp4"))
            dur = video_seconds(video)
            video.unlink()
            print(f"{module + '.py ' + scene:<30}{q:>8}{dur:>10.1f}{wall:>10.1f}{wall / dur:>14.2f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    n = sub.add_parser("network")
    n.add_argument("--no-train", action="store_true", help="skip the ~1 minute training run")
    sc = sub.add_parser("scenes")
    sc.add_argument("qualities", nargs="*", default=["-ql", "-qh"], help="manim quality flags (default: -ql -qh)")
    args = parser.parse_args()
    if args.what == "network":
        bench_network(not args.no_train)
    else:
        bench_scenes(args.qualities)
    return 0


if __name__ == "__main__":
    sys.exit(main())
