"""Narrated scenes: every line is attached as a timed caption, filled from the model in every
language, readable at its language's speed, never overlapping the next or running past its
section; NN_LANG is checked before anything renders."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import srt
from manim import tempconfig
from oracle import expected

from common.languages import language
from lessonkit.lesson import Lesson
from lessonkit.narration import (
    OTHER_PLACEHOLDERS,
    PLACEHOLDERS,
    fill,
    languages,
    narration,
    placeholders_in,
    reading_seconds,
)
from scenes.catalog import CHAPTERS

ROOT = Path(__file__).resolve().parent.parent
NUMBER = re.compile(r"-?\d[\d\u00a0,.]*")


def number_matches(text: str, lang: str) -> list[float]:
    """Every number written in a caption, read back in `lang`'s number format."""
    out = []
    for m in NUMBER.finditer(text):
        s = m.group().rstrip(".,\u00a0")
        if lang == "ru":
            s = s.replace("\u00a0", "").replace(",", ".")
        else:
            s = s.replace(",", "")
        out.append(float(s))
    return out


def render_captions(chapter, tmp_path, lang, digit="three_a"):
    import importlib

    os.environ["NN_LANG"], os.environ["NN_DIGIT"] = lang, digit
    try:
        cls = getattr(importlib.import_module(f"scenes.{chapter.file}"), chapter.scene)
        with tempconfig(
            {
                "media_dir": str(tmp_path),
                "pixel_width": 320,
                "pixel_height": 180,
                "frame_rate": 5,
                "disable_caching": True,
                "progress_bar": "none",
                "verbosity": "WARNING",
                "save_sections": True,
            }
        ):
            scene = cls()
            scene.render()
            movie = Path(scene.renderer.file_writer.movie_file_path)
    finally:
        del os.environ["NN_LANG"], os.environ["NN_DIGIT"]
    return scene, movie


@pytest.mark.render
@pytest.mark.parametrize("lang", ["en", "zh-Hant", "ru"])
@pytest.mark.parametrize("chapter", CHAPTERS[:2] + CHAPTERS[6:8], ids=lambda c: c.scene)
def test_rendered_captions_are_timed_true_and_readable(chapter, lang, tmp_path):
    digit = "mistake_a" if lang == "ru" else "three_a"
    scene, movie = render_captions(chapter, tmp_path, lang, digit)
    cues = list(srt.parse(movie.with_suffix(".srt").read_text(encoding="utf-8")))
    assert len(cues) == len(scene.captions) >= len(scene.section_starts), "every section is narrated"
    starts = dict(scene.section_starts)
    names = [n for n, _ in scene.section_starts]
    ends = {n: t for n, t in zip(names, [t for _, t in scene.section_starts[1:]] + [scene.renderer.time])}
    previous_end = 0.0
    for cue, (section, cap, start, end) in zip(cues, scene.captions):
        assert cue.content == cap.text
        assert cap.lang == lang
        assert start >= previous_end, f"{cap.text!r} overlaps the caption before it"
        assert starts[section] <= start and end <= ends[section] + 1e-6, f"{cap.text!r} runs past its section"
        # readable at its own language's reading speed: each language is paced by its own words
        assert end - start >= reading_seconds(cap.text, lang) - 1e-6, (lang, cap.text)
        # Every number in the caption is a placeholder's value, as the oracle computes it.
        want = sorted(expected(key, d) for key, d in cap.values.values())
        got = sorted(number_matches(cap.text, lang))
        assert len(got) == len(want), (cap.text, want)
        for g, (key, d) in zip(got, sorted(cap.values.values(), key=lambda kd: expected(*kd))):
            places = 0 if float(g).is_integer() and key.decimals == 0 else key.decimals
            assert abs(g - expected(key, d)) <= 0.5 * 10**-places + 1e-9, (cap.text, key, g)
        previous_end = end
    # Section clips keep their lines.
    clips = list(Path(scene.renderer.file_writer.sections_output_dir).glob("*.srt"))
    assert sum(len(list(srt.parse(c.read_text(encoding="utf-8")))) for c in clips) == len(cues)


def test_scripts_match_their_language():
    lesson = Lesson.for_digit("three_a")
    for lang in languages():
        for scene, sections in narration(lang).items():
            for section, lines in sections.items():
                for name, entry in lines.items():
                    for text in entry.values() if isinstance(entry, dict) else [entry]:
                        filled, _ = (
                            fill(text, lesson, lang)
                            if not (({"label"} | set(OTHER_PLACEHOLDERS)) & placeholders_in(text))
                            else (text, None)
                        )
                        if lang == "zh-Hant":
                            assert re.search(r"[\u4e00-\u9fff]", filled), (scene, section, name)
                        if lang == "ru":
                            assert re.search(r"[\u0400-\u04ff]", filled), (scene, section, name)


def test_every_placeholder_names_a_value():
    lesson = Lesson.for_digit("three_a")
    for name, make in PLACEHOLDERS.items():
        key = make(lesson)
        if lesson.has(key):
            assert expected(key, "three_a" if key.of_digit else None) == pytest.approx(lesson.value(key)), name


def test_every_language_has_a_reading_speed():
    assert set(languages()) == {"en", "zh-Hant", "ru"}
    assert all(language(code).reading_speed > 0 for code in languages())


@pytest.mark.render
def test_bad_nn_lang_fails_fast_with_one_line(tmp_path):
    env = {**os.environ, "NN_LANG": "klingon"}
    run = subprocess.run(
        [sys.executable, "-m", "manim", "render", "-ql", "--media_dir", str(tmp_path), "scenes/title.py", "TitleCard"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    last = run.stderr.strip().splitlines()[-1]
    assert last == "error: NN_LANG='klingon' is not a caption language; choose one of: en, ru, zh-Hant", run.stderr[
        -500:
    ]
    assert not list(tmp_path.glob("**/*.mp4"))


@pytest.mark.parametrize(
    "sizes", [[784, 32, 10], [784, 16, 16, 10], [784, 20, 16, 12, 10]], ids=lambda s: "-".join(map(str, s))
)
def test_every_line_fits_any_architecture(sizes):
    """`train --sizes` makes other networks: every line fills for them, in every language, and the
    lines that name the hidden layers say how many there are (no 'second hidden layer' for one)."""
    from lessonkit.narration import choose_variant, is_accuracy_line, template
    from network import Network
    from network.digits import resolve

    lesson = Lesson(Network(sizes, seed=1), {"test_accuracy": None, "test_count": None}, "three_a", resolve("three_a"))
    other = lesson.other("seven_a")
    for lang in languages():
        for scene, sections in narration(lang).items():
            for section, lines in sections.items():
                if is_accuracy_line(section) or (scene == "Learning" and section != "no record"):
                    continue  # no accuracy on this card; a random network has no training run
                for name in lines:
                    if is_accuracy_line(name):
                        continue
                    variant = choose_variant(scene, section, name, lesson, other)
                    filled, _ = fill(template(lang, scene, section, name, variant), lesson, lang, other)
                    assert "{" not in filled, (lang, scene, section, name)
    hidden = [s for s in sizes[1:-1]]
    says = fill(
        template(
            "en", "Layers", "hidden layers", "hidden", choose_variant("Layers", "hidden layers", "hidden", lesson)
        ),
        lesson,
        "en",
    )[0]
    assert [int(n) for n in re.findall(r"\d+", says)] == (
        [hidden[0]] if len(hidden) == 1 else [2, *hidden] if len(hidden) == 2 else [len(hidden), hidden[0]]
    )
    rest = fill(
        template("en", "Counting", "weights", "rest", choose_variant("Counting", "weights", "rest", lesson)),
        lesson,
        "en",
    )[0]
    assert int(re.findall(r"\d+", rest.replace(",", ""))[-1]) == sizes[-2] * sizes[-1]
    assert ("second hidden layer" in rest) == (len(hidden) == 2)
