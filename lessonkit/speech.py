"""The spoken track: with NN_VOICE=on each caption line is also read aloud by an offline voice.

Every line is spoken in every *voiced* language (NN_VOICE_LANGS, a comma list; default: the
caption language NN_LANG) and paced by the longest of those clips, so a lesson built in several
languages has one picture timing and one audio track per language; the scene adds only its own
language's clip (manim's `add_sound`). Clips are cached by a hash of their spoken text and voice
(`voice.synth`) in NN_VOICE_CACHE (default ~/.cache/nn-lesson/voice) and loudness-normalised
(`voice.audio.normalize`, -16 LUFS, peaks <= -1 dBFS), so a re-render reuses the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from common import settings as env
from common.files import cannot_write

VOICE_GAP = 0.25  # seconds of silence after a spoken line before the next may start


class SpeechError(ValueError):
    """NN_VOICE / NN_VOICE_LANGS that cannot be honoured; one line naming the value and the fix."""


@dataclass(frozen=True)
class SpeechSettings:
    """Whether to speak, in which languages, and where the clips are cached."""

    on: bool
    langs: tuple[str, ...]
    cache: Path


def settings(caption_lang: str, caption_langs: list[str]) -> SpeechSettings:
    """Read NN_VOICE, NN_VOICE_LANGS and NN_VOICE_CACHE; refuse what cannot be spoken, in one line."""
    raw = env.voice()
    if raw not in env.VOICE_OFF + env.VOICE_ON:
        raise SpeechError(f"NN_VOICE={raw!r}: expected on or off")
    cache = env.voice_cache()
    if raw in env.VOICE_OFF:
        return SpeechSettings(False, (), cache)
    langs = env.voice_langs() or [caption_lang]
    if caption_lang not in langs:
        langs.insert(0, caption_lang)
    from voice.synth import INSTALL_HINT, available, voices

    for lang in langs:
        if lang not in caption_langs:
            raise SpeechError(
                f"NN_VOICE_LANGS: {lang!r} is not a caption language; choose from {', '.join(caption_langs)}"
            )
        if lang not in voices():
            raise SpeechError(f"NN_VOICE_LANGS: no voice for {lang!r}")
        if not available(lang):
            raise SpeechError(f"NN_VOICE=on: the {lang} voice is not installed; {INSTALL_HINT}")
    _writable(cache)
    return SpeechSettings(True, tuple(langs), cache)


def _writable(cache: Path) -> None:
    """Refuse, before the first frame, a clip cache that cannot be written."""
    for sub in ("raw", "normalized"):
        why = cannot_write(cache / sub)
        if why:
            raise SpeechError(
                f"NN_VOICE_CACHE={str(cache)!r}: cannot write the voice clips there ({why}); choose a writable folder"
            )


def clips(texts: dict[str, str], speech: SpeechSettings) -> dict[str, Path]:
    """The normalised clip of each voiced language's text (synthesised once, then cached)."""
    from voice.audio import normalize
    from voice.synth import synthesize

    out = {}
    for lang in speech.langs:
        raw = synthesize(texts[lang], lang, speech.cache / "raw")
        norm = speech.cache / "normalized" / raw.name
        if not norm.exists():
            normalize([raw], norm.parent)
        out[lang] = norm
    return out


def prepare(texts_by_lang: dict[str, list[str]], speech: SpeechSettings) -> None:
    """Synthesise many lines ahead (one voice process per language) so `clips` finds them cached."""
    from voice.synth import synthesize_many

    for lang in speech.langs:
        if texts_by_lang.get(lang):
            synthesize_many(texts_by_lang[lang], lang, speech.cache / "raw")


def seconds(path: Path) -> float:
    from voice.synth import duration

    return duration(path)
