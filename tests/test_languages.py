"""A language is its narration file: a toy language, added as one file to a copy of the project,
renders and builds, with its own reading speed, number format, track tag and page words."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from common.languages import PAGE_LABELS, LanguageError, _parse, language, languages

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("common", "network", "lessonkit", "scenes", "voice", "lessonbuild", "assets", "narration", "web")
TOY = """[language]
name = "Toy"
iso639_2 = "tlh"
reading_speed = 9.0
spoken_numbers = "en"
font = "serif"
number = { decimal = ",", thousands = ".", percent = " pc" }
labels = { captions = "Toy captions", notes = "Toy notes", present = "Toy present", chapters = "toy chapters", try_it = "Toy try", keys = "toy keys" }
"""


@pytest.mark.unit
def test_every_shipped_language_has_a_whole_table():
    assert languages() == ["en", "ru", "zh-Hant"]
    for code in languages():
        table = language(code)
        assert table.code == code and table.name and len(table.iso639_2) == 3
        assert table.reading_speed > 0 and set(PAGE_LABELS) <= set(table.labels)
        assert table.voice is not None and table.voice.packages
    assert language("ru").number.format(13002.5, 1) == "13\u00a0002,5"
    assert language("en").number.format(0.9644, 2, percent=False) == "0.96"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda t: t.pop("reading_speed"), "reading_speed"),
        (lambda t: t.update(reading_speed=-1), "above 0"),
        (lambda t: t.update(spoken_numbers="klingon"), "spoken_numbers"),
        (lambda t: t["labels"].pop("notes"), "notes"),
        (lambda t: t.update(voice="espeak"), "must be a table"),
    ],
)
def test_a_bad_table_is_one_line_naming_the_file(change, says):
    import tomllib

    table = tomllib.loads(TOY)["language"]
    change(table)
    with pytest.raises(LanguageError) as e:
        _parse("xx", table, Path("narration/xx.toml"))
    assert says in str(e.value) and "narration/xx.toml" in str(e.value) and "\n" not in str(e.value)


@pytest.mark.unit
def test_an_unknown_language_is_refused_in_one_line():
    with pytest.raises(LanguageError, match="'xx': not a caption language.*expected one of en, ru, zh-Hant"):
        language("xx")


@pytest.fixture(scope="module")
def toy_project(tmp_path_factory) -> Path:
    """A copy of the project's packages with one more file: narration/xx.toml (English words)."""
    root = tmp_path_factory.mktemp("toy") / "project"
    for name in PACKAGES:
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manim.cfg", root / "manim.cfg")
    english = (ROOT / "narration" / "en.toml").read_text(encoding="utf-8")
    lines = english[english.index("\n[", english.index("[language.voice]")) :]  # after en's own table
    (root / "narration" / "xx.toml").write_text(TOY + lines, encoding="utf-8")
    return root


@pytest.mark.render
def test_a_toy_language_added_as_one_file_builds(toy_project, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(toy_project), "NN_VOICE": "off"}
    env.pop("NN_LANG", None)
    out = tmp_path / "lesson"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "lessonbuild",
            "build",
            "--lang",
            "xx,en",
            "--scene",
            "TitleCard",
            "--out",
            str(out),
            "--quiet",
            "--manim-arg=--fps=5",
            "--manim-arg=--resolution=320,180",
        ],
        cwd=toy_project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    srt = (out / "lesson.xx.srt").read_text(encoding="utf-8")
    assert re.search(r"\b13\.002\b", srt), srt  # its thousands separator, from the model's 13,002
    assert "13,002" in (out / "lesson.en.srt").read_text(encoding="utf-8")
    from lessonbuild.join import read_back

    assert set(read_back(out / "lesson.xx.mp4")["subtitles"]) == {"tlh"}
    assert set(read_back(out / "lesson.en.mp4")["subtitles"]) == {"eng"}
    page = (out / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r"window.LESSON = (\{.*?\});</script>", page).group(1).replace("<\\/", "</"))
    toy = next(lang for lang in data["langs"] if lang["code"] == "xx")
    assert toy["name"] == "Toy" and toy["labels"]["notes"] == "Toy notes" and toy["font"] == "serif"
