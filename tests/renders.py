"""Each chapter rendered once per digit and test session (per xdist worker), shared by the truth
test (every value shown, and the last frame's pixels: tests/test_scenes.py) and the layout test
(every section's end: tests/test_layout.py). Rendering is the slow part of both; their checks are
cheap. A render is made with the layout probe in, so one render serves both tests.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from layout_check import probe
from manim import tempconfig

from lessonkit.scene import LessonScene
from scenes.catalog import Chapter

# The truth test samples the last frame at 640x360; two frames a second are enough for a video
# that plays every animation (values are noted as mobjects are added, whatever the frame rate).
W, H, FPS = 640, 360, 2

# Per scene: the digits the truth test renders it with, and the least number of neurons / pixels
# the last frame must let it check.
CHECKS = {
    "TitleCard": (["three_a"], 0),
    "ThisIsAThree": (["three_a", "seven_b"], 0),  # last frame: thumbnails too small to sample
    "Neurons": (["three_a", "one_b"], 40),
    "Layers": (["three_a"], 0),
    "ForwardPass": (["three_a", "USER_IMAGE"], 500),
    "WhyLayers": (["three_a"], 0),  # its 16 weight images are below the sampling size
    "WeightedSum": (["three_a", "seven_b"], 500),
    "SigmoidAndBias": (["three_a", "mistake_a"], 0),
    "Counting": (["three_a"], 0),
    "Learning": (["three_a", "mistake_a"], 0),  # last frame: words and counts only
    "MatrixForm": (["three_a", "two_b"], 0),
    "NetworkAsFunction": (["three_a"], 0),
    "ReluVsSigmoid": (["three_a", "USER_IMAGE"], 16),
    "Recap": (["three_a"], 40),  # neurons; its small grid is below the sampling size
}
LAYOUT_DIGITS = ("three_a", "mistake_a")  # every section of every scene, with a right and a wrong answer


@dataclass
class Render:
    """One finished render: the scene object (what it showed), and with frames its last frame
    (grey, H x W), its movie and the camera's frame size in scene units."""

    scene: LessonScene
    frame: np.ndarray | None
    movie: Path | None
    geometry: tuple[float, float]


_done: dict[tuple[str, str], Render] = {}


def user_image(folder: Path) -> Path:
    """A photo-like digit of the user's own: dark ink on light paper (a 7)."""
    from PIL import Image, ImageDraw

    path = folder / "my_seven.png"
    if not path.exists():
        im = Image.new("L", (300, 360), 235)
        d = ImageDraw.Draw(im)
        d.line([(60, 70), (240, 70), (130, 320)], fill=20, width=26)
        im.save(path)
    return path


def render(chapter: Chapter, digit: str, folder: Path, frames: bool = True) -> Render:
    """`chapter` rendered with NN_DIGIT=`digit` ("USER_IMAGE": `user_image`), once per session:
    a later call gets the same render. Without `frames` only the section ends are computed
    (manim's -s mode), unless a render with frames exists already."""
    key = (chapter.scene, digit)
    if key in _done and (_done[key].movie is not None or not frames):
        return _done[key]
    spec = str(user_image(folder)) if digit == "USER_IMAGE" else digit
    media = folder / f"{chapter.stem}-{digit}-{'frames' if frames else 'ends'}"
    cls = getattr(importlib.import_module(f"scenes.{chapter.stem}"), chapter.scene)
    settings = {
        "media_dir": str(media),
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "background_color": "#000000",
    }
    if frames:
        settings |= {"pixel_width": W, "pixel_height": H, "frame_rate": FPS}
    else:
        settings |= {"save_last_frame": True, "write_to_movie": False}
    before = os.environ.get("NN_DIGIT")
    os.environ["NN_DIGIT"] = spec
    try:
        with tempconfig(settings):
            scene = probe(cls)()
            scene.render()
            if frames:
                frame = scene.last_picture[:, :, :3].astype(float).mean(axis=2)  # before the fade to black
                movie = Path(scene.renderer.file_writer.movie_file_path)
            else:
                frame, movie = None, None
            geometry = (scene.camera.frame_width, scene.camera.frame_height)
    finally:
        if before is None:
            os.environ.pop("NN_DIGIT", None)
        else:
            os.environ["NN_DIGIT"] = before
    _done[key] = Render(scene, frame, movie, geometry)
    return _done[key]
