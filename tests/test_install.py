"""The project installed as a package (not editable) works from any folder: its weights, digits,
narration and page files come with it, and a chapter renders from the installed copy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """`pip install --no-deps --target` of a wheel built from this checkout (dependencies: ours)."""
    site = tmp_path_factory.mktemp("site")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(site),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return site


def _env(site: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NN_DIGIT", "NN_LANG", "NN_VOICE")}
    env["PYTHONPATH"] = str(site)
    return env


@pytest.mark.render
def test_an_installed_copy_has_its_data_and_none_of_the_checkout(installed, tmp_path):
    probe = (
        "import assets, narration, web, network, lessonkit.lesson as L\n"
        "from common.languages import languages\n"
        "print(assets.FOLDER); print(web.FOLDER); print(languages())\n"
        "print(L.Lesson.for_digit('seven_a').text(__import__('lessonkit.values').values.ParamCount()))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=_env(installed), capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    folder, page, langs, params = run.stdout.splitlines()
    assert Path(folder).is_relative_to(installed) and Path(page).is_relative_to(installed)
    assert langs == "['en', 'ru', 'zh-Hant']" and params == "13,002"
    for name in ("weights.npz", "model_card.json", "history.npz", "digits/digits.json", "digits/three_a.png"):
        assert (Path(folder) / name).is_file(), name
    assert (Path(page) / "index.html").is_file() and (Path(page) / "widget.js").is_file()


@pytest.mark.render
def test_a_chapter_renders_from_the_installed_copy_outside_the_checkout(installed, tmp_path):
    scene = installed / "scenes" / "title.py"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "manim",
            "render",
            "-ql",
            "-s",
            "--progress_bar",
            "none",
            "--media_dir",
            str(tmp_path / "media"),
            str(scene),
            "TitleCard",
        ],
        cwd=tmp_path,
        env=_env(installed),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert list((tmp_path / "media" / "images").rglob("TitleCard*.png"))
