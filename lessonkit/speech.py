"""The spoken track: with NN_VOICE=on each caption line is also read aloud by an offline voice.

A render speaks its own caption language (NN_LANG) only, and each line lasts as long as its clip
(plus a short gap), so every language's picture is paced by its own voice: an English render never
waits for the Mandarin clip of the same line, and videos of different languages differ in length.
The scene adds the clips with manim's `add_sound`, so speech and picture are in one file, in sync
by construction. Clips are cached by a hash of their spoken text and voice (`voice.synth`) in
NN_VOICE_CACHE (default ~/.cache/nn-lesson/voice) and loudness-normalised (`voice.audio.normalize`,
-16 LUFS, peaks <= -1 dBFS), so a re-render reuses the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from common import settings as env
from common.files import cannot_write

VOICE_GAP = 0.25  # seconds of silence after a spoken line before the next may start


class SpeechError(ValueError):
    """NN_VOICE / NN_VOICE_CACHE that cannot be honoured; one line naming the value and the fix."""


@dataclass(frozen=True)
class SpeechSettings:
    """Whether to speak, in which language, and where the clips are cached."""

    on: bool
    lang: str
    cache: Path


def settings(caption_lang: str, caption_langs: list[str]) -> SpeechSettings:
    """Read NN_VOICE and NN_VOICE_CACHE; refuse what cannot be spoken, in one line."""
    raw = env.voice()
    if raw not in env.VOICE_OFF + env.VOICE_ON:
        raise SpeechError(f"NN_VOICE={raw!r}: expected on or off")
    cache = env.voice_cache()
    if raw in env.VOICE_OFF:
        return SpeechSettings(False, caption_lang, cache)
    from voice.synth import INSTALL_HINT, available, voices

    if caption_lang not in caption_langs or caption_lang not in voices():
        raise SpeechError(f"NN_VOICE=on: no voice for NN_LANG={caption_lang!r}; voiced: {', '.join(voices())}")
    if not available(caption_lang):
        raise SpeechError(f"NN_VOICE=on: the {caption_lang} voice is not installed; {INSTALL_HINT}")
    _writable(cache)
    return SpeechSettings(True, caption_lang, cache)


def _writable(cache: Path) -> None:
    """Refuse, before the first frame, a clip cache that cannot be written."""
    for sub in ("raw", "normalized"):
        why = cannot_write(cache / sub)
        if why:
            raise SpeechError(
                f"NN_VOICE_CACHE={str(cache)!r}: cannot write the voice clips there ({why}); choose a writable folder"
            )


def clip(text: str, speech: SpeechSettings) -> Path:
    """The normalised clip of `text` spoken in the render's language (synthesised once, then cached)."""
    from voice.audio import normalize
    from voice.synth import intact, synthesize

    raw = synthesize(text, speech.lang, speech.cache / "raw")
    norm = speech.cache / "normalized" / raw.name
    if not intact(norm):  # missing, or damaged (cut short, empty, not ours): normalised again
        normalize([raw], norm.parent)
    return norm


def prepare(texts: list[str], speech: SpeechSettings) -> None:
    """Synthesise many lines ahead (one voice process) so `clip` finds them cached."""
    from voice.synth import synthesize_many

    if texts:
        synthesize_many(texts, speech.lang, speech.cache / "raw")


def seconds(path: Path) -> float:
    from voice.synth import duration

    return duration(path)
