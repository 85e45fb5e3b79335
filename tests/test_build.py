"""The lesson build: per language one video with chapters and its subtitle track, captions and
section clips; manifest; parallel renders with a cold LaTeX cache; reruns that do nothing;
languages of different lengths; failures named."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest
from lesson_small import ROOT, build_small, copy_fixture

from lessonbuild import subtitles as cap
from lessonbuild.join import read_back, video_info
from lessonbuild.render import last_error_lines

sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
from caption_scenes import LINES  # noqa: E402

LANGS = ["en", "ru", "zh-Hant"]


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    """The small lesson in three languages, two workers, every cache cold."""
    out = tmp_path_factory.mktemp("lesson")
    report = build_small(out, LANGS, workers=2)
    return out, report


def test_build_succeeds_with_two_workers_and_cold_latex_cache(lesson):
    out, report = lesson
    assert report.ok, report.failures
    assert not any(r.cached for r in report.results)
    media = {r.job.media_dir for r in report.results}
    assert len(media) == len(report.results)  # no two manim processes share a Tex cache
    for r in report.results:
        assert list((r.job.media_dir / "Tex").glob("*.svg")), r.job.label


def test_each_language_has_its_video_with_one_chapter_per_scene_and_its_captions(lesson):
    out, _ = lesson
    assert not (out / "lesson.mp4").exists()  # no shared picture: each language has its own
    for lang, code in (("en", "eng"), ("ru", "rus"), ("zh-Hant", "chi")):
        got = read_back(out / f"lesson.{lang}.mp4")
        assert [c["title"] for c in got["chapters"]] == ["Shapes", "Equation"]
        shapes = (
            video_info(next((out / "clips").glob(f"01-*-01-*.{lang}.mp4")))["duration"]
            + video_info(next((out / "clips").glob(f"01-*-02-*.{lang}.mp4")))["duration"]
        )
        assert got["chapters"][1]["start"] == pytest.approx(shapes, abs=0.01)
        assert got["chapters"][1]["end"] == pytest.approx(video_info(out / f"lesson.{lang}.mp4")["duration"], abs=0.05)
        assert list(got["subtitles"]) == [code] and got["audio"] == []  # silent build: no sound track
        assert [t for _, t in got["subtitles"][code] if t] == LINES[lang]
        starts = [t for t, x in got["subtitles"][code] if x]
        assert starts[2] == pytest.approx(got["chapters"][1]["start"], abs=0.01)  # shifted into chapter 2


def test_lesson_captions_beside_the_video(lesson):
    out, _ = lesson
    for lang in LANGS:
        srt = cap.read_srt(out / f"lesson.{lang}.srt")
        assert [c.text for c in srt] == LINES[lang]
        vtt = (out / f"lesson.{lang}.vtt").read_text(encoding="utf-8")
        assert vtt.startswith("WEBVTT") and all(line in vtt for line in LINES[lang])


def test_each_section_clip_keeps_its_own_lines(lesson):
    out, _ = lesson
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    sections = [s for ch in manifest["chapters"] for s in ch["sections"]]
    assert [s["name"] for s in sections] == ["circle", "square", "equation", "goodbye"]
    for s, k in zip(sections, range(4)):
        assert set(s["clips"]) == set(LANGS) and all((out / c).is_file() for c in s["clips"].values())
        for lang in LANGS:
            vtt = (out / s["captions"][lang]["vtt"]).read_text(encoding="utf-8")
            assert LINES[lang][k] in vtt
            assert sum(line in vtt for line in LINES[lang]) == 1, (s["name"], lang, vtt)
            assert "00:00:00.000 -->" in vtt  # each clip's line starts at the clip's own start
    for ch in manifest["chapters"]:
        for lang in LANGS:
            assert sum(s["duration"][lang] for s in ch["sections"]) == pytest.approx(ch["duration"][lang], abs=0.05)


def test_manifest_names_scene_section_duration_digit_and_weights(lesson):
    out, _ = lesson
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    weights = __import__("hashlib").sha256((ROOT / "assets" / "weights.npz").read_bytes()).hexdigest()
    files = {o["file"] for o in manifest["outputs"]}
    assert {"lesson.en.mp4", "lesson.ru.mp4", "index.html", "lesson.en.srt", "lesson.ru.vtt"} <= files
    umask = os.umask(0o022)
    os.umask(umask)
    for o in manifest["outputs"]:
        assert (out / o["file"]).is_file(), o["file"]
        assert stat.S_IMODE((out / o["file"]).stat().st_mode) == 0o666 & ~umask, o["file"]  # not mkstemp's 0600
        assert o["weights"] == weights
        assert o["digit"]["spec"] == "three_a" and len(o["digit"]["sha256"]) == 64
        assert {"scene", "section", "duration"} <= set(o)
    clips = [o for o in manifest["outputs"] if o["kind"] == "clip" and o["lang"] == "en"]
    assert {o["lang"] for o in manifest["outputs"] if o["kind"] == "clip"} == set(LANGS)
    assert [(o["scene"], o["section"]) for o in clips] == [
        ("CaptionShapes", "circle"),
        ("CaptionShapes", "square"),
        ("CaptionEquation", "equation"),
        ("CaptionEquation", "goodbye"),
    ]
    for o in clips:
        assert o["duration"] == pytest.approx(video_info(out / o["file"])["duration"])


def test_rerun_with_nothing_changed_renders_nothing_and_a_change_renders_again(tmp_path):
    scene = copy_fixture(tmp_path / "src")
    out = tmp_path / "out"
    first = build_small(out, ["en"], path=scene)
    assert first.ok and not first.unchanged
    again = build_small(out, ["en"], path=scene)
    assert again.unchanged and again.results == []
    scene.write_text(scene.read_text().replace("Goodbye.", "Bye."), encoding="utf-8")
    changed = build_small(out, ["en"], path=scene)
    assert changed.ok and not changed.unchanged and not any(r.cached for r in changed.results)
    assert "Bye." in (out / "lesson.en.srt").read_text(encoding="utf-8")


def test_different_digit_is_recorded_and_rebuilds(tmp_path):
    out = tmp_path / "out"
    a = build_small(out, ["en"], digit="three_a")
    b = build_small(out, ["en"], digit="seven_a")
    assert a.ok and b.ok and not b.unchanged
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["build"]["digit"]["spec"] == "seven_a"
    assert {o["digit"]["spec"] for o in manifest["outputs"]} == {"seven_a"}


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lessonbuild", *args],
        cwd=ROOT,
        text=True,
        capture_output=True,
        env={**os.environ, **(env or {})},
    )


FIXTURE_ARGS = [
    "--scene",
    "tests/fixtures/caption_scenes.py:CaptionShapes:Shapes",
    "--scene",
    "tests/fixtures/caption_scenes.py:CaptionEquation:Equation",
    "--manim-arg=--fps=5",
    "--manim-arg=--resolution=320,180",
]


def test_failing_scene_is_named_with_its_error_and_the_others_still_build(tmp_path):
    out = tmp_path / "out"
    r = run_cli(*FIXTURE_ARGS, "--out", str(out), "--quiet", env={"NN_FIXTURE_FAIL": "CaptionEquation"})
    assert r.returncode == 1, r.stderr
    failed = [l for l in r.stderr.splitlines() if "FAILED" in l]
    assert len(failed) == 1 and "CaptionEquation" in failed[0]
    assert "told to fail by NN_FIXTURE_FAIL" in failed[0]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert not manifest["ok"]
    assert [c["scene"] for c in manifest["chapters"]] == ["CaptionShapes"]
    assert [c["title"] for c in read_back(out / "lesson.en.mp4")["chapters"]] == ["Shapes"]


def test_each_language_keeps_its_own_length(tmp_path, monkeypatch):
    """A language whose lines take longer has a longer video; the other does not wait for it."""
    monkeypatch.setenv("NN_FIXTURE_LONGER", "ru")
    out = tmp_path / "out"
    report = build_small(out, ["en", "ru"])
    assert report.ok, report.failures
    en, ru = (video_info(out / f"lesson.{l}.mp4")["duration"] for l in ("en", "ru"))
    assert ru == pytest.approx(en + 1, abs=0.05)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    shapes, equation = manifest["chapters"]
    assert shapes["duration"]["ru"] == pytest.approx(shapes["duration"]["en"] + 1, abs=0.05)
    assert equation["start"]["ru"] == pytest.approx(equation["start"]["en"] + 1, abs=0.05)
    for lang in ("en", "ru"):  # each language's cues lie inside its own chapters
        cues = [t for t, x in read_back(out / f"lesson.{lang}.mp4")["subtitles"][{"en": "eng", "ru": "rus"}[lang]] if x]
        assert cues[2] == pytest.approx(equation["start"][lang], abs=0.01)


@pytest.mark.parametrize(
    "args, says",
    [
        (["--lang", "fr"], "language fr: expected some of en, ru, zh-Hant"),
        (["--digit", "no_such_digit"], "NN_DIGIT='no_such_digit'"),
        (["--scene", "NoSuchScene"], "--scene 'NoSuchScene': not a catalog scene"),
    ],
)
def test_bad_options_stop_with_one_line(tmp_path, args, says):
    r = run_cli(*args, "--out", str(tmp_path / "o"), "--quiet")
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and says in r.stderr, r.stderr


def test_catalog_is_the_default_chapter_list():
    from lessonbuild.chapters import load_catalog

    chapters = load_catalog()
    assert chapters[0].scene == "TitleCard" and all((ROOT / c.path).is_file() for c in chapters)


def test_caption_cutting_and_error_lines():
    cues = [cap.Cue(0.0, 1.0, "a"), cap.Cue(1.4, 2.4, "b"), cap.Cue(2.2, 3.0, "c")]
    assert cap.clip(cues, 1.4, 2.8) == [cap.Cue(0.0, 1.0, "b"), cap.Cue(0.8, 1.4, "c")]
    assert cap.to_vtt(cues[:1]) == "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\na\n"
    log = "Traceback\n│ foo.py:3 │\n╰──────╯\nValueError: bad thing\n  more detail\n"
    assert last_error_lines(log).startswith("ValueError: bad thing")


def test_lesson_mp4_decodes_every_frame_in_order(lesson):
    import av

    out, report = lesson
    for lang in LANGS:
        want = sum(video_info(r.video)["frames"] for r in report.results if r.job.lang == lang)
        with av.open(str(out / f"lesson.{lang}.mp4")) as c:
            pts = [f.pts for f in c.decode(video=0)]
        assert len(pts) == want and pts == sorted(set(pts))


def test_join_takes_clips_whose_last_frame_is_a_few_ticks_short(tmp_path):
    """manim's own concatenation can end a chapter a few time-base ticks off a whole frame; that
    moves the stream's average_rate (seen: 3957760/263849) but not its frame rate, so it joins."""
    from fractions import Fraction

    import av
    import numpy as np

    from lessonbuild.join import join

    def clip(path, short_ticks=0):
        with av.open(str(path), "w") as c:
            s = c.add_stream("libx264", rate=15)
            s.width, s.height, s.pix_fmt = 64, 36, "yuv420p"
            s.codec_context.time_base = Fraction(1, 15360)
            packets = []
            for k in range(10):
                f = av.VideoFrame.from_ndarray(np.full((36, 64, 3), k * 20, np.uint8), format="rgb24")
                f.pts, f.time_base = k * 1024, Fraction(1, 15360)
                packets += s.encode(f)
            packets += s.encode()
            packets[-1].duration = 1024 - short_ticks
            for p in packets:
                c.mux(p)
        return path

    a, b = clip(tmp_path / "a.mp4"), clip(tmp_path / "b.mp4", short_ticks=7)
    assert video_info(b)["fps"] == "15"
    chapters = join([a, b], ["A", "B"], {}, tmp_path / "ab.mp4")
    assert [c["title"] for c in chapters] == ["A", "B"]
    assert video_info(tmp_path / "ab.mp4")["frames"] == 20
