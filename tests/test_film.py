"""The film benchmark measures what it says: a made-up lesson video with known motion, stills, a
cut to black and speech gaps is read back with those figures."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from lessonbuild.film import measure, runs

FPS, W, H, RATE = 5, 160, 96, 22050


def make_video(path: Path) -> Path:
    """3 s moving, 9 s still, then a hard cut to black for 1 s; speech (a tone) for the first
    2 s only, so the still from 3 s to 12 s is also 9 s of dead air."""
    frames = []
    for i in range(13 * FPS):
        img = np.zeros((H, W, 3), np.uint8)
        if i < 12 * FPS:
            x = min(i, 3 * FPS) * 8  # moves for 3 s (8 px a frame: well above the noise), then stays
            img[10:66, x : x + 30] = 220
            img[70:90, :] = 120  # a picture, not a black frame
        frames.append(img)
    with av.open(str(path), "w", format="mp4") as c:
        v = c.add_stream("libx264", rate=FPS)
        v.width, v.height, v.pix_fmt = W, H, "yuv420p"
        a = c.add_stream("aac", rate=RATE)
        a.layout = "mono"
        a.metadata["language"] = "eng"
        for img in frames:
            for p in v.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                c.mux(p)
        for p in v.encode(None):
            c.mux(p)
        t = np.arange(13 * RATE) / RATE
        sound = np.where(t < 2, 0.3 * np.sin(2 * np.pi * 220 * t), 0).astype(np.float32)
        for k in range(0, len(sound), 1024):
            chunk = sound[k : k + 1024][None, :]
            f = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="mono")
            f.sample_rate, f.pts, f.time_base = RATE, k, Fraction(1, RATE)
            for p in a.encode(f):
                c.mux(p)
        for p in a.encode(None):
            c.mux(p)
    return path


@pytest.fixture(scope="module")
def video(tmp_path_factory) -> Path:
    return make_video(tmp_path_factory.mktemp("film") / "lesson.mp4")


def test_runs_are_found_with_their_start_and_length():
    flags = np.array([0, 1, 1, 1, 0, 1, 0, 1, 1], bool)
    assert runs(flags, 0.5, 1.0) == [(0.5, 1.5), (3.5, 1.0)]


def test_stills_cuts_and_dead_air_are_measured(video):
    m = measure(video)
    assert m["seconds"] == pytest.approx(13, abs=0.01)
    [(start, length)] = m["stills"]  # the 9 s of the picture standing, not the 1 s of black
    assert start == pytest.approx(3.2, abs=0.3) and length == pytest.approx(8.8, abs=0.3)
    # identical to the frame before: the standing picture's frames and the black ones after the cut
    assert m["identical"] == pytest.approx((length * FPS + FPS - 1) / (13 * FPS), abs=0.03)
    assert m["cuts_to_black"] == [pytest.approx(12.0, abs=0.25)]
    eng = m["languages"]["eng"]
    assert eng["speech_seconds"] == pytest.approx(2.0, abs=0.2)
    [(gap_start, gap)] = eng["dead_air"]
    assert gap_start == pytest.approx(3.2, abs=0.3) and gap == pytest.approx(8.8, abs=0.3)
    assert m["chapters"][0]["identical"] == m["identical"]  # no chapters: the whole video is one


def test_the_command_prints_and_records(video, tmp_path):
    record = tmp_path / "film.json"
    run = subprocess.run(
        [sys.executable, "-m", "lessonbuild", "film", str(video), "--record", str(record)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "hard cuts to black: 1" in run.stdout and "dead air" in run.stdout
    assert json.loads(record.read_text())["runs"][0]["videos"][0]["stills"]
    missing = subprocess.run(
        [sys.executable, "-m", "lessonbuild", "film", str(tmp_path / "none.mp4")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "no such video" in missing.stderr


def test_a_fade_to_black_is_not_a_cut(tmp_path):
    """A picture dimmed in even steps to black (as every chapter ends) is a fade, not a cut."""
    path = tmp_path / "fade.mp4"
    with av.open(str(path), "w", format="mp4") as c:
        v = c.add_stream("libx264", rate=FPS)
        v.width, v.height, v.pix_fmt = W, H, "yuv420p"
        for i in range(4 * FPS):
            level = 1.0 if i < 2 * FPS else max(0.0, 1 - (i - 2 * FPS + 1) / 6)  # 6 even steps down
            img = np.zeros((H, W, 3), np.uint8)
            img[10:66, 20:100] = int(240 * level)
            for p in v.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                c.mux(p)
        for p in v.encode(None):
            c.mux(p)
    assert measure(path)["cuts_to_black"] == []
