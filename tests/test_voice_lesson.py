"""NN_VOICE=on: every caption is spoken from its own text, paced by the speech, kept on re-render."""

import os
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
import srt

from voice.synth import available, cache_key, duration
from voice.words import spoken

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    not (available("en") and available("ru")), reason="the voice extra is not installed (bash scripts/setup.sh --voice)"
)


def render(media: Path, cache: Path, lang: str = "en", voice: str = "on", langs: str = "en,ru"):
    env = {
        **os.environ,
        "NN_VOICE": voice,
        "NN_VOICE_LANGS": langs,
        "NN_LANG": lang,
        "NN_VOICE_CACHE": str(cache),
        "NN_DIGIT": "",
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "manim",
            "render",
            "-ql",
            "--fps",
            "5",
            "-r",
            "320,180",
            "--media_dir",
            str(media),
            "--progress_bar",
            "none",
            "scenes/title.py",
            "TitleCard",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def audio(movie: Path) -> tuple[np.ndarray, int]:
    with av.open(str(movie)) as f:
        stream = f.streams.audio[0]
        chunks = [frame.to_ndarray().astype(np.float32) for frame in f.decode(stream)]
        rate = stream.rate
    x = np.concatenate([c.reshape(c.shape[0], -1) for c in chunks], axis=1)
    x = x.mean(axis=0) if x.ndim == 2 else x
    return x / (32768.0 if np.abs(x).max() > 2 else 1.0), rate


@pytest.fixture(scope="module")
def voiced(tmp_path_factory):
    media, cache = tmp_path_factory.mktemp("media"), tmp_path_factory.mktemp("voice")
    first = render(media, cache)
    assert first.returncode == 0, first.stderr[-2000:]
    movie = media / "videos" / "title" / "180p5" / "TitleCard.mp4"
    cues = list(srt.parse(movie.with_suffix(".srt").read_text(encoding="utf-8")))
    return media, cache, movie, cues, audio(movie)


def test_each_cue_is_spoken_from_its_own_text_and_lasts_the_clip(voiced):
    media, cache, movie, cues, _ = voiced
    assert cues
    for cue in cues:
        clip = cache / "raw" / f"{cache_key(cue.content, 'en')}.wav"
        assert clip.exists(), f"no clip spoken from the caption {cue.content!r}"
        assert any(ch.isalpha() for ch in spoken(cue.content, "en"))
        assert (cue.end - cue.start).total_seconds() >= duration(clip) - 1e-6
    for a, b in zip(cues, cues[1:]):
        assert a.end <= b.start  # no caption (and so no clip) overlaps the next


def test_the_movie_speaks_where_the_captions_are_and_never_clips(voiced):
    _, _, _, cues, (x, rate) = voiced
    assert np.abs(x).max() < 0.99
    for cue in cues:
        a, b = int(cue.start.total_seconds() * rate), int(cue.end.total_seconds() * rate)
        rms = np.sqrt(np.mean(x[a:b] ** 2))
        assert 20 * np.log10(rms + 1e-12) > -45, f"silence under {cue.content!r}"


def test_pace_is_the_same_whichever_voiced_language_is_heard(voiced, tmp_path):
    """Russian speech, same voiced languages: same picture timing (cue times) as the English render."""
    _, cache, _, cues, _ = voiced
    ru = render(tmp_path, cache, lang="ru")
    assert ru.returncode == 0, ru.stderr[-2000:]
    ru_cues = list(srt.parse((tmp_path / "videos" / "title" / "180p5" / "TitleCard.srt").read_text(encoding="utf-8")))
    assert [(c.start, c.end) for c in ru_cues] == [(c.start, c.end) for c in cues]


def test_a_second_render_from_cache_keeps_the_same_sound(voiced):
    media, cache, movie, _, (x, _) = voiced
    again = render(media, cache)
    assert again.returncode == 0, again.stderr[-2000:]
    y, _ = audio(movie)
    assert x.shape == y.shape and np.array_equal(x, y)


@pytest.mark.parametrize(
    "env, says",
    [
        ({"NN_VOICE": "loud"}, "NN_VOICE='loud'"),
        ({"NN_VOICE": "on", "NN_VOICE_LANGS": "en,klingon"}, "'klingon'"),
        ({"NN_VOICE": "on", "NN_VOICE_CACHE": "/dev/null/voice"}, "NN_VOICE_CACHE='/dev/null/voice': cannot write"),
    ],
)
def test_bad_voice_settings_fail_in_one_line(tmp_path, env, says):
    run = subprocess.run(
        [sys.executable, "-c", "import lessonkit.scene"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"NN_VOICE_CACHE": str(tmp_path), **os.environ, **env},
    )
    assert run.returncode != 0
    assert run.stderr.strip().count("\n") == 0 and says in run.stderr and "Traceback" not in run.stderr


@pytest.fixture(scope="module")
def voiced_lesson(tmp_path_factory, voiced):
    from lessonbuild.build import BuildOptions, build_lesson
    from lessonbuild.chapters import Chapter

    out = tmp_path_factory.mktemp("voiced")
    os.environ["NN_VOICE_CACHE"] = str(voiced[1])  # the title's clips are made already: speak them once
    try:
        report = build_lesson(
            BuildOptions(
                root=ROOT,
                out=out,
                langs=["en", "ru"],
                workers=2,
                show=False,
                voice=True,
                chapters=[
                    Chapter("scenes/title.py", "TitleCard", "Title"),
                    Chapter("scenes/functions.py", "NetworkAsFunction", "Function"),
                ],
                manim_args=["--fps=5", "--resolution=320,180"],
            )
        )
    finally:
        os.environ.pop("NN_VOICE_CACHE", None)
    assert report.ok, report.failures
    return out


def test_voiced_build_has_a_normalised_track_per_language(voiced_lesson):
    from lessonbuild.join import video_info

    movie = voiced_lesson / "lesson.mp4"
    with av.open(str(movie)) as f:
        langs = [s.metadata.get("language") for s in f.streams.audio]
    assert langs == ["eng", "rus"]
    total = video_info(movie)["duration"]
    tracks = []
    for k in range(2):
        with av.open(str(movie)) as f:
            s = f.streams.audio[k]
            x = np.concatenate([fr.to_ndarray().reshape(-1) for fr in f.decode(s)])
        assert abs(len(x) / s.rate - total) < 0.2
        assert 0.3 < np.abs(x).max() < 0.99  # speech, normalised, never clipped
        tracks.append(x)
    assert not np.array_equal(tracks[0][: len(tracks[1])], tracks[1][: len(tracks[0])])  # two languages


def test_page_plays_the_sections_speech_with_the_clip(voiced_lesson, page):
    import json

    manifest = json.loads((voiced_lesson / "manifest.json").read_text(encoding="utf-8"))
    sections = [s for ch in manifest["chapters"] for s in ch["sections"]]
    assert sections and all(set(s["speech"]) == {"en", "ru"} for s in sections)
    assert all((voiced_lesson / p).is_file() for s in sections for p in s["speech"].values())
    page.goto((voiced_lesson / "index.html").as_uri())
    page.wait_for_function("window.lessonPlayer && document.getElementById('player').readyState >= 2")
    assert page.evaluate("document.getElementById('speech').getAttribute('src')").endswith(".en.m4a")
    page.evaluate("document.getElementById('player').play()")
    page.wait_for_function("document.getElementById('speech').currentTime > 0.5", timeout=15_000)
    assert page.evaluate("(a => !a.paused && !a.muted && a.volume > 0)(document.getElementById('speech'))")
    page.select_option("#lang", "ru")
    assert page.evaluate("document.getElementById('speech').getAttribute('src')").endswith(".ru.m4a")
    assert page.errors == []
