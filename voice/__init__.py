"""Offline voices for the lesson's captions (optional extra ``voice``).

``words`` turns the captions' formatted numbers into words per language, ``synth`` makes one
cached WAV clip per caption line by running the GPL voices (Piper, espeak-ng) as separate
processes, ``audio`` measures and levels clips. This package itself is MIT and imports neither voice.
"""

from .audio import has_sound, normalize, peak, silence_ratio
from .synth import VoiceError, available, duration, synthesize
from .words import number_words, spoken

__all__ = [
    "number_words",
    "spoken",
    "synthesize",
    "available",
    "duration",
    "VoiceError",
    "normalize",
    "peak",
    "silence_ratio",
    "has_sound",
]
