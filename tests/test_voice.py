"""The voice package: numbers read as words per language, cached deterministic clips, levels,
the missing-voice error, and sound that survives manim's cache on a re-render."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from voice import audio, synth
from voice.words import number_words, spoken

ROOT = Path(__file__).resolve().parent.parent
NB = "\u00a0"

EN = {
    "0": "zero",
    "1": "one",
    "10": "ten",
    "11": "eleven",
    "19": "nineteen",
    "20": "twenty",
    "21": "twenty-one",
    "100": "one hundred",
    "105": "one hundred five",
    "1000": "one thousand",
    "1,000": "one thousand",
    "10,000": "ten thousand",
    "13,002": "thirteen thousand two",
    "60,000": "sixty thousand",
    "1,000,000": "one million",
    "0.97": "zero point nine seven",
    "-1.64": "minus one point six four",
    "0.05": "zero point zero five",
    "0.5": "zero point five",
    "-0.86": "minus zero point eight six",
    "\u22120.86": "minus zero point eight six",
    "96.44%": "ninety-six point four four percent",
    "100.00%": "one hundred point zero zero percent",
    "5%": "five percent",
}
RU = {
    "0": "ноль",
    "1": "один",
    "2": "два",
    "10": "десять",
    "11": "одиннадцать",
    "100": "сто",
    "1000": "тысяча",
    f"1{NB}000": "тысяча",
    f"2{NB}000": "две тысячи",
    f"5{NB}000": "пять тысяч",
    f"10{NB}000": "десять тысяч",
    f"13{NB}002": "тринадцать тысяч два",
    f"21{NB}000": "двадцать одна тысяча",
    f"11{NB}000": "одиннадцать тысяч",
    f"60{NB}000": "шестьдесят тысяч",
    f"1{NB}000{NB}000": "один миллион",
    "0,97": "ноль девяносто семь",
    "-1,64": "минус один шестьдесят четыре",
    "0,05": "ноль ноль пять",
    "0,5": "ноль целых пять десятых",
    "-0,86": "минус ноль восемьдесят шесть",
    "2,1": "две целых одна десятая",
    "0,02": "ноль ноль два",
    "0,71": "ноль семьдесят один",
    "1,5": "одна целая пять десятых",
    "1,00": "один",
    "0,00": "ноль",
    "21,01": "двадцать один ноль один",
    "11,11": "одиннадцать одиннадцать",
    "0,123": "ноль целых сто двадцать три тысячных",
    f"96,44{NB}%": "девяносто шесть целых сорок четыре сотых процента",
    f"3,21{NB}%": "три целых двадцать одна сотая процента",
    f"100,00{NB}%": "сто процентов",
    f"1{NB}%": "один процент",
    f"3{NB}%": "три процента",
    f"12{NB}%": "двенадцать процентов",
    f"25{NB}%": "двадцать пять процентов",
}
ZH = {
    "0": "零",
    "1": "一",
    "10": "十",
    "11": "十一",
    "20": "二十",
    "100": "一百",
    "105": "一百零五",
    "110": "一百一十",
    "1000": "一千",
    "1,010": "一千零一十",
    "10,000": "一萬",
    "13,002": "一萬三千零二",
    "60,000": "六萬",
    "100,500": "十萬零五百",
    "10,000,000": "一千萬",
    "100,000,001": "一億零一",
    "0.97": "零點九七",
    "-1.64": "負一點六四",
    "0.05": "零點零五",
    "0.5": "零點五",
    "-0.86": "負零點八六",
    "96.44%": "百分之九十六點四四",
    "100.00%": "百分之一百點零零",
}
CAPTIONS = {
    "en": "The network labels 96.44% of the 10,000 test digits correctly; this weight is -1.64, "
    "the bias 0.97 and 13,002 numbers in all (784-16-16-10).",
    "ru": f"Сеть верно распознаёт 96,44{NB}% из 10{NB}000 тестовых цифр; этот вес равен -1,64, "
    f"смещение 0,97, а всего 13{NB}002 числа (784-16-16-10).",
    "zh-Hant": "網絡正確辨認了10,000個測試數字中的96.44%；這個權重是-1.64，偏置是0.97，共13,002個數。",
}


@pytest.mark.parametrize("lang, table", [("en", EN), ("ru", RU), ("zh-Hant", ZH)])
def test_number_words(lang, table):
    wrong = {k: (number_words(k, lang), v) for k, v in table.items() if number_words(k, lang) != v}
    assert not wrong


def test_spoken_captions_read_every_number_and_keep_the_words():
    en = spoken(CAPTIONS["en"], "en")
    assert en == (
        "The network labels ninety-six point four four percent of the ten thousand test digits "
        "correctly; this weight is minus one point six four, the bias zero point nine seven and "
        "thirteen thousand two numbers in all (seven hundred eighty-four-sixteen-sixteen-ten)."
    )
    ru = spoken(CAPTIONS["ru"], "ru")
    assert "девяносто шесть целых сорок четыре сотых процента из десять тысяч" in ru
    assert "минус один шестьдесят четыре, смещение ноль девяносто семь" in ru
    zh = spoken(CAPTIONS["zh-Hant"], "zh-Hant")
    assert (
        zh
        == "網絡正確辨認了一萬個測試數字中的百分之九十六點四四；這個權重是負一點六四，偏置是零點九七，共一萬三千零二個數。"
    )
    for lang, line in CAPTIONS.items():
        words = spoken(line, lang)
        assert not re.search(r"\d", words), words
        assert spoken(words, lang) == words  # speaking spoken text changes nothing


@pytest.mark.parametrize(
    "text, lang", [("0,97", "en"), ("0.97", "ru"), ("1 000", "en"), ("abc", "zh-Hant"), ("1", "fr")]
)
def test_bad_number_is_a_one_line_error(text, lang):
    with pytest.raises(ValueError) as e:
        number_words(text, lang)
    assert "\n" not in str(e.value) and (repr(text) in str(e.value) or repr(lang) in str(e.value))


def test_spoken_rejects_unknown_language_and_malformed_numbers():
    with pytest.raises(ValueError, match="'de'"):
        spoken("1", "de")
    for line, lang in [("a weight of 0,97 here", "en"), ("вес 0.97", "ru"), ("1,00,0", "zh-Hant")]:
        with pytest.raises(ValueError, match="is not a number written for") as e:
            spoken(line, lang)
        assert "\n" not in str(e.value)


def test_missing_voice_is_a_one_line_error(monkeypatch, tmp_path):
    real = synth.importlib.util.find_spec
    monkeypatch.setattr(synth.importlib.util, "find_spec", lambda name, *a: None if name == "piper" else real(name, *a))
    assert not synth.available("en")
    with pytest.raises(synth.VoiceError) as e:
        synth.synthesize("Hello.", "en", tmp_path)
    message = str(e.value)
    assert "\n" not in message and "piper-tts" in message
    assert "pip install -e .[voice]" in message and "scripts/setup.sh --voice" in message
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------- synthesis (needs the voice extra)


@pytest.fixture(params=["en", "ru", "zh-Hant"])
def lang(request):
    """A language whose voice is installed. Missing in CI is a failure, never a skip."""
    if not synth.available(request.param):
        if os.environ.get("CI"):
            pytest.fail(f"voice for {request.param} not installed; CI must have the voice extra")
        pytest.skip(f"voice for {request.param} not installed: {synth.INSTALL_HINT}")
    return request.param


def test_synthesis_is_deterministic_cached_and_sounds(lang, tmp_path, monkeypatch):
    first = synth.synthesize(CAPTIONS[lang], lang, tmp_path / "a")
    # a fresh cache, in a batch with another line: synthesised anew, the same bytes
    again, other = synth.synthesize_many([CAPTIONS[lang], "1"], lang, tmp_path / "b")
    assert first.read_bytes() == again.read_bytes()
    assert other != again and other.read_bytes() != again.read_bytes()
    assert first.name == f"{synth.cache_key(CAPTIONS[lang], lang)}.wav"

    # a cache hit returns the same file and runs no voice
    monkeypatch.setattr(synth.subprocess, "run", lambda *a, **k: pytest.fail("cache hit ran the voice"))
    before = first.stat().st_mtime_ns
    assert synth.synthesize(CAPTIONS[lang], lang, tmp_path / "a") == first
    assert first.stat().st_mtime_ns == before
    assert [p.name for p in (tmp_path / "a").iterdir()] == [first.name]  # no temp file left behind

    x, rate = audio.read_wav(first)
    assert rate == 22050 and x.ndim == 1
    assert 4.0 < synth.duration(first) < 30.0
    assert audio.has_sound(first)
    assert audio.silence_ratio(first) < 0.4
    assert 0.1 < audio.peak(first) < 0.99


def test_different_text_or_language_gets_a_different_clip(lang, tmp_path):
    other = {"en": "ru", "ru": "zh-Hant", "zh-Hant": "en"}[lang]
    keys = {synth.cache_key("0.5" if lang != "ru" else "0,5", lang), synth.cache_key("1", lang)}
    if synth.available(other):
        keys.add(synth.cache_key("1", other))
    assert len(keys) == (3 if synth.available(other) else 2)
    # the number is spoken, so its typed form and its words are one clip; so are spacings of one line
    assert synth.cache_key("1", lang) == synth.cache_key(spoken("1", lang), lang)
    assert synth.cache_key("a  b\n", lang) == synth.cache_key("a b", lang)
    with pytest.raises(ValueError, match="nothing to speak"):
        synth.synthesize(" \n", lang, tmp_path)


@pytest.mark.parametrize(
    "voice, text, expect",
    [
        ("cmn", "百分之九十六點四四", ["pˈai2", "tɕˈiou2", "lˈiou5", "tˈiɛ2n", "sˈi̪5"]),
        ("ru", "одна целая", ["ʌdnˈɑ", "tsˈɛɭʌja"]),
    ],
)
def test_espeak_reads_mandarin_and_russian_not_letters(voice, text, expect):
    if not synth.available("ru"):
        if os.environ.get("CI"):
            pytest.fail("espeakng-loader not installed; CI must have the voice extra")
        pytest.skip(f"espeakng-loader not installed: {synth.INSTALL_HINT}")
    run = subprocess.run(
        [sys.executable, str(synth._RUNNERS["espeak"]), "phonemes", voice],
        input=text.encode(),
        capture_output=True,
        check=True,
    )
    phonemes = run.stdout.decode().split()
    assert phonemes == expect if voice == "ru" else all(p in phonemes for p in expect), phonemes


# ---------------------------------------------------------------- levels


def _tone(path: Path, amplitude: float, seconds: float = 1.0, rate: int = 22050) -> Path:
    t = np.arange(int(rate * seconds)) / rate
    x = amplitude * np.sin(2 * np.pi * 220 * t)
    x[: rate // 4] = 0.0  # a quarter second of silence first
    return audio.write_wav(path, x, rate)


def test_measures(tmp_path):
    clip = _tone(tmp_path / "t.wav", 0.5)
    assert audio.peak(clip) == pytest.approx(0.5, abs=1e-3)
    assert audio.silence_ratio(clip) == pytest.approx(0.25, abs=0.03)
    assert audio.active_dbfs(clip) == pytest.approx(20 * np.log10(0.5 / np.sqrt(2)), abs=0.1)
    assert audio.has_sound(clip)
    silent = audio.write_wav(tmp_path / "s.wav", np.zeros(22050), 22050)
    assert not audio.has_sound(silent) and audio.silence_ratio(silent) == 1.0
    empty = audio.write_wav(tmp_path / "e.wav", np.zeros(0), 22050)
    assert not audio.has_sound(empty) and audio.peak(empty) == 0.0


def test_loudness_matches_bs1770_reference():
    # BS.1770: a 997 Hz sine at full scale in one channel reads -3.01 LUFS
    for rate in (48000, 22050):
        t = np.arange(5 * rate) / rate
        assert audio._loudness(np.sin(2 * np.pi * 997 * t), rate) == pytest.approx(-3.01, abs=0.05)
        assert audio._loudness(0.1 * np.sin(2 * np.pi * 997 * t), rate) == pytest.approx(-23.01, abs=0.05)
    assert audio._loudness(np.zeros(22050), 22050) == float("-inf")


def test_normalize_levels_without_clipping(tmp_path):
    quiet = _tone(tmp_path / "quiet.wav", 0.02)
    loud = _tone(tmp_path / "loud.wav", 0.9)
    out = audio.normalize([quiet, loud], tmp_path / "norm", target_lufs=-20.0)
    assert [p.name for p in out] == ["quiet.wav", "loud.wav"]
    assert [audio.loudness(p) for p in out] == pytest.approx([-20.0, -20.0], abs=0.05)
    assert max(audio.peak(p) for p in out) < 0.89

    # a spike is limited, not clipped, and the clip still reaches the target
    x, rate = audio.read_wav(quiet)
    x[-1000] = 0.9
    peaky = audio.write_wav(tmp_path / "peaky.wav", x, rate)
    (out,) = audio.normalize([peaky], tmp_path / "norm2", target_lufs=-10.0)
    assert audio.loudness(out) == pytest.approx(-10.0, abs=0.05)
    assert 0.85 < audio.peak(out) <= 0.89 + 1 / 32768
    y, _ = audio.read_wav(out)
    assert np.abs(y[:-2000]).max() == pytest.approx(0.02 * 10 ** ((-10 - audio.loudness(quiet)) / 20), rel=0.01)
    again = audio.normalize([peaky], tmp_path / "norm3", target_lufs=-10.0)
    assert again[0].read_bytes() == out.read_bytes()

    with pytest.raises(ValueError, match="silent"):
        audio.normalize([audio.write_wav(tmp_path / "s.wav", np.zeros(22050), 22050)], tmp_path / "n4")


def test_voice_clips_level_to_minus_16_lufs(lang, tmp_path):
    clip = synth.synthesize(CAPTIONS[lang], lang, tmp_path)
    (out,) = audio.normalize([clip], tmp_path / "norm", target_lufs=-16.0)
    assert audio.loudness(out) == pytest.approx(-16.0, abs=0.1)
    assert audio.peak(out) <= 0.89 + 1 / 32768
    assert synth.duration(out) == synth.duration(clip)
    assert audio.silence_ratio(out) <= audio.silence_ratio(clip) + 0.02


# ---------------------------------------------------------------- manim's cache and sound

SCENE = """
import os, sys
from manim import Create, FadeOut, Scene, Square
sys.path.insert(0, os.environ["VOICE_ROOT"])
from voice.scene_sound import CacheSafeSound

class Voiced(CacheSafeSound, Scene):
    def construct(self):
        square = Square()
        self.play(Create(square), run_time=0.6)
        self.add_sound(os.environ["TONE"])             # after a play: cached on the second render
        self.wait(1.0)
        self.add_sound(os.environ["TONE"])
        self.play(FadeOut(square), run_time=1.0)
"""


def _audio_samples(mp4: Path) -> np.ndarray | None:
    import av

    with av.open(str(mp4)) as c:
        if not c.streams.audio:
            return None
        return np.concatenate([f.to_ndarray().reshape(-1) for f in c.decode(audio=0)])


def test_sound_survives_a_cached_rerender(tmp_path):
    (tmp_path / "voiced.py").write_text(SCENE)
    tone = _tone(tmp_path / "tone.wav", 0.3, seconds=0.5)
    env = {**os.environ, "VOICE_ROOT": str(ROOT), "TONE": str(tone)}
    samples, logs = [], []
    for _ in range(2):
        for old in tmp_path.glob("media/videos/**/Voiced.mp4"):
            old.unlink()
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "manim",
                "render",
                "-ql",
                "-r",
                "160,90",
                "--frame_rate",
                "5",
                "--media_dir",
                str(tmp_path / "media"),
                "voiced.py",
                "Voiced",
            ],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr[-800:]
        logs.append(run.stdout + run.stderr)
        (mp4,) = tmp_path.glob("media/videos/**/Voiced.mp4")
        samples.append(_audio_samples(mp4))
    assert "Using cached" in logs[1] and "Using cached" not in logs[0]  # the second render hit the cache
    assert samples[0] is not None and samples[1] is not None
    assert np.abs(samples[0]).max() > 0.1
    assert np.array_equal(samples[0], samples[1])


def test_a_damaged_cached_clip_is_made_again(tmp_path):
    """A clip cut short (a killed copy, a full disk), an empty one or a link planted in the cache
    is never used: it is spoken again, to the same bytes."""
    lang = "ru" if synth.available("ru") else "en"
    good = synth.synthesize("1", lang, tmp_path)
    original = good.read_bytes()
    elsewhere = tmp_path.parent / "planted.wav"
    elsewhere.write_bytes(original)
    for damage in (
        lambda p: p.write_bytes(original[: len(original) // 2]),
        lambda p: p.write_bytes(b""),
        lambda p: p.write_bytes(original[:44]),  # a header and no frames
        lambda p: (p.unlink(), p.symlink_to(elsewhere)),
    ):
        damage(good)
        assert not synth.intact(good)
        assert synth.synthesize("1", lang, tmp_path) == good
        assert not good.is_symlink() and good.read_bytes() == original


def test_temp_folders_of_a_killed_synthesis_are_cleaned(tmp_path):
    lang = "ru" if synth.available("ru") else "en"
    dead = tmp_path / ".voice-999999999-abcd"  # no such process
    mine = tmp_path / f".voice-{os.getpid()}-abcd"  # a synthesis still running (this process)
    for d in (dead, mine):
        d.mkdir()
        (d / "half.wav").write_bytes(b"RIFF")
    synth.synthesize("1", lang, tmp_path)
    assert not dead.exists() and mine.exists()


@pytest.mark.parametrize("argv", [[], ["xx", "hello"], ["en"], ["en", "hi", "--nope"]])
def test_voice_command_usage_errors_are_one_line(argv):
    run = subprocess.run([sys.executable, "-m", "voice", *argv], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 2 and run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "python -m voice: error:" in lines[0] and "Traceback" not in lines[0], run.stderr


def test_voice_benchmark_measures_the_lessons_own_lines(tmp_path):
    """python -m lessonkit.voicebench on a few lines: every figure is there and plausible, and a
    recorded run lands in the results file (the targets live in the benchmark, not here)."""
    record = tmp_path / "voices.json"
    langs = [code for code in ("en", "ru") if synth.available(code)]
    assert langs, "no voice installed"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "lessonkit.voicebench",
            "--lang",
            ",".join(langs),
            "--lines",
            "2",
            "--json",
            "--record",
            str(record),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["lang"] for r in rows] == langs
    for r in rows:
        assert r["lines"] == 2 and r["audio_seconds"] > 1
        assert 1 < r["syllables_per_second"] < 12
        assert 0 < r["pitch_range_semitones"] < 24 and 0.1 < r["voiced_share"] < 1
        assert r["x_real_time"] > 0
    assert json.loads(record.read_text())["runs"][0]["languages"] == rows


def test_pitch_tracker_reads_a_known_glide():
    from voice.measure import f0, pitch_range, syllables

    rate = 22050
    t = np.arange(2 * rate) / rate
    phase = 2 * np.pi * np.cumsum(100 * 2 ** (t / 2)) / rate  # 100 Hz up to 200 Hz: one octave
    track = f0(np.sign(np.sin(phase)) * 0.3, rate)
    assert np.nanmin(track) == pytest.approx(100, rel=0.03) and np.nanmax(track) == pytest.approx(200, rel=0.03)
    assert pitch_range(track) == pytest.approx(12 * 0.8, abs=0.4)  # p10..p90 of an even glide
    assert np.isnan(f0(np.random.default_rng(0).standard_normal(rate) * 0.1, rate)).mean() > 0.95  # noise: unvoiced
    assert syllables("Каждый нейрон", "ru") == 4 and syllables("每個神經元", "zh-Hant") == 5
    assert syllables("Every neuron holds one number", "en") == 9


def test_a_folder_where_a_clip_belongs_is_one_line(tmp_path):
    lang = "ru" if synth.available("ru") else "en"
    (tmp_path / f"{synth.cache_key('1', lang)}.wav" / "x").mkdir(parents=True)
    with pytest.raises(synth.VoiceError, match="is a folder where a clip belongs") as e:
        synth.synthesize("1", lang, tmp_path)
    assert "\n" not in str(e.value)
