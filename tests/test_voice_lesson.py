"""NN_VOICE=on: every caption is spoken from its own text, each language paced by its own speech,
kept on re-render; a voiced build muxes each language's speech into its own video and clips."""

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


def render(media: Path, cache: Path, lang: str = "en", voice: str = "on"):
    env = {
        **os.environ,
        "NN_VOICE": voice,
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


def test_each_language_is_paced_by_its_own_voice(voiced, tmp_path):
    """A Russian render waits for the Russian clips only: each cue lasts its own clip (plus the gap),
    not the English one, so the two renders' timings differ."""
    from lessonkit.narration import reading_seconds
    from lessonkit.speech import VOICE_GAP

    _, cache, _, cues, _ = voiced
    ru = render(tmp_path, cache, lang="ru")
    assert ru.returncode == 0, ru.stderr[-2000:]
    ru_cues = list(srt.parse((tmp_path / "videos" / "title" / "180p5" / "TitleCard.srt").read_text(encoding="utf-8")))
    assert len(ru_cues) == len(cues)
    assert [(c.start, c.end) for c in ru_cues] != [(c.start, c.end) for c in cues]
    for lang, these in (("en", cues), ("ru", ru_cues)):
        for cue in these:
            clip = duration(cache / "raw" / f"{cache_key(cue.content, lang)}.wav")
            # as long as its own clip (or its reading time, or its 2 s animation), within a frame at 5 fps
            longest = max(clip + VOICE_GAP, reading_seconds(cue.content, lang), 2.0)
            assert clip - 1e-6 <= (cue.end - cue.start).total_seconds() <= longest + 0.2 + 1e-6, (lang, cue.content)


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
        ({"NN_VOICE": "on", "NN_LANG": "klingon"}, "'klingon'"),
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


def test_voiced_build_muxes_each_languages_speech_into_its_own_video(voiced_lesson):
    from lessonbuild.join import video_info

    lengths = {}
    for lang, code in (("en", "eng"), ("ru", "rus")):
        movie = voiced_lesson / f"lesson.{lang}.mp4"
        with av.open(str(movie)) as f:
            assert [s.metadata.get("language") for s in f.streams.audio] == [code]
            s = f.streams.audio[0]
            x = np.concatenate([fr.to_ndarray().reshape(-1) for fr in f.decode(s)])
            rate = s.rate
        lengths[lang] = video_info(movie)["duration"]
        assert abs(len(x) / rate - lengths[lang]) < 0.2  # the speech as long as the picture
        assert 0.3 < np.abs(x).max() < 0.99  # speech, normalised, never clipped
    assert lengths["en"] != lengths["ru"]  # each language paced by its own voice


def test_section_clips_carry_their_languages_speech(voiced_lesson):
    import json

    from lessonbuild.join import video_info

    manifest = json.loads((voiced_lesson / "manifest.json").read_text(encoding="utf-8"))
    sections = [s for ch in manifest["chapters"] for s in ch["sections"]]
    assert sections and all(set(s["clips"]) == {"en", "ru"} for s in sections)
    for s in sections:
        for clip in s["clips"].values():
            with av.open(str(voiced_lesson / clip)) as f:
                (a,) = f.streams.audio
                x = np.concatenate([fr.to_ndarray().reshape(-1) for fr in f.decode(a)])
                rate = a.rate
            assert abs(len(x) / rate - video_info(voiced_lesson / clip)["duration"]) < 0.1, clip
            assert np.abs(x).max() > 0.1, f"no speech in {clip}"  # every section says something


def test_page_plays_the_languages_own_voiced_clip(voiced_lesson, page):
    page.goto((voiced_lesson / "index.html").as_uri())
    page.wait_for_function("window.lessonPlayer && document.getElementById('player').readyState >= 2")
    src = "decodeURIComponent(document.getElementById('player').currentSrc.split('/').pop())"
    assert page.evaluate(src).endswith(".en.mp4")
    page.evaluate("document.getElementById('player').play()")
    page.wait_for_function("document.getElementById('player').currentTime > 0.5", timeout=15_000)
    assert page.evaluate("(v => !v.paused && !v.muted && v.volume > 0)(document.getElementById('player'))")
    page.select_option("#lang", "ru")
    page.wait_for_function(f"{src}.endsWith('.ru.mp4')")
    assert page.errors == []
