# SPDX-License-Identifier: GPL-3.0-or-later
"""Speak text with the libespeak-ng 1.52 of `espeakng-loader` to mono 16-bit WAV files.

Run as its own process by voice/synth.py, so the MIT code never loads the GPL library; this file
alone talks to espeak-ng and is GPL-3.0-or-later. Everything is offline: the library and its
data (voices, dictionaries) come inside the wheel.

    python _espeak_runner.py '{"voice": "ru", "rate": 165, "volume": 60}' < jobs
        jobs: one JSON object a line, {"text": ..., "out": "path.wav"}; one WAV written per job
    python _espeak_runner.py phonemes VOICE < text
        prints the IPA espeak-ng reads (the tests check Mandarin and Russian are read, not spelled)
"""

import ctypes
import json
import sys
import wave

import espeakng_loader

AUDIO_OUTPUT_SYNCHRONOUS = 2
POS_CHARACTER = 1
CHARS_UTF8 = 1
RATE, VOLUME = 1, 2  # espeak_PARAMETER: words per minute, 0-200 (100 is full scale)
CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


def _library():
    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    lib.espeak_SetSynthCallback.argtypes = [CALLBACK]
    lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
    lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.espeak_Synth.argtypes = [
        ctypes.c_char_p,
        ctypes.c_size_t,
        ctypes.c_uint,
        ctypes.c_int,
        ctypes.c_uint,
        ctypes.c_uint,
        ctypes.c_void_p,
        ctypes.c_void_p,
    ]
    lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
    lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int]
    rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, espeakng_loader.get_data_path().encode(), 0)
    if rate <= 0:
        sys.exit(f"espeak-ng: cannot initialise with data {espeakng_loader.get_data_path()}")
    return lib, rate


def _voice(lib, name: str) -> None:
    if lib.espeak_SetVoiceByName(name.encode()) != 0:
        sys.exit(f"espeak-ng: no voice {name!r} in {espeakng_loader.get_data_path()}")


def main() -> int:
    lib, sample_rate = _library()
    if sys.argv[1] == "phonemes":
        _voice(lib, sys.argv[2])
        pointer = ctypes.c_char_p(sys.stdin.buffer.read())
        words = []
        while pointer.value:
            words.append(lib.espeak_TextToPhonemes(ctypes.byref(pointer), CHARS_UTF8, 0x02).decode())
        print(" ".join(words))
        return 0
    settings = json.loads(sys.argv[1])
    _voice(lib, settings["voice"])
    lib.espeak_SetParameter(RATE, int(settings["rate"]), 0)
    lib.espeak_SetParameter(VOLUME, int(settings["volume"]), 0)
    chunks: list[bytes] = []

    def collect(wav, count, _events):
        if wav and count > 0:
            chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    callback = CALLBACK(collect)  # kept referenced while the library may call it
    lib.espeak_SetSynthCallback(callback)
    for line in sys.stdin:
        job = json.loads(line)
        chunks.clear()
        text = job["text"].encode()
        if lib.espeak_Synth(text, len(text) + 1, 0, POS_CHARACTER, 0, CHARS_UTF8, None, None) != 0:
            sys.exit(f"espeak-ng: synthesis failed on {job['text'][:40]!r}")
        lib.espeak_Synchronize()
        with wave.open(job["out"], "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(sample_rate)
            w.writeframes(b"".join(chunks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
