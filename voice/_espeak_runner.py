# SPDX-License-Identifier: GPL-3.0-or-later
"""Speak UTF-8 text from stdin to a mono 16-bit WAV with the libespeak-ng 1.52 of `espeakng-loader`.

Run as its own process (``python _espeak_runner.py VOICE RATE VOLUME OUT.wav``) by voice/synth.py, so the
MIT code never loads the GPL library; ``OUT`` = ``-phonemes`` prints the IPA espeak-ng reads instead
(the tests check that Mandarin and Russian are read as such, not spelled). This file alone talks to espeak-ng and is GPL-3.0-or-later.
Everything is offline: the library and its data (voices, dictionaries) come inside the wheel.
"""

import ctypes
import sys
import wave

import espeakng_loader

AUDIO_OUTPUT_SYNCHRONOUS = 2
POS_CHARACTER = 1
CHARS_UTF8 = 1
RATE = 1                                        # espeakRATE parameter, words per minute
VOLUME = 2                                      # espeakVOLUME, 0-200 (100 reaches full scale)
CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


def main() -> int:
    voice, rate, volume, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    text = sys.stdin.buffer.read()
    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    lib.espeak_SetSynthCallback.argtypes = [CALLBACK]
    lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
    lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                 ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
    sample_rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0,
                                        espeakng_loader.get_data_path().encode(), 0)
    if sample_rate <= 0:
        print(f"espeak-ng: cannot initialise with data {espeakng_loader.get_data_path()}", file=sys.stderr)
        return 1
    chunks: list[bytes] = []

    def collect(wav, count, _events):
        if wav and count > 0:
            chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    callback = CALLBACK(collect)                # kept referenced while the library may call it
    lib.espeak_SetSynthCallback(callback)
    if lib.espeak_SetVoiceByName(voice.encode()) != 0:
        print(f"espeak-ng: no voice {voice!r} in {espeakng_loader.get_data_path()}", file=sys.stderr)
        return 1
    lib.espeak_SetParameter(RATE, rate, 0)
    lib.espeak_SetParameter(VOLUME, volume, 0)
    if out == "-phonemes":
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int]
        pointer = ctypes.c_char_p(text)
        words = []
        while pointer.value:
            words.append(lib.espeak_TextToPhonemes(ctypes.byref(pointer), CHARS_UTF8, 0x02).decode())
        print(" ".join(words))
        return 0
    buf = ctypes.create_string_buffer(text)
    if lib.espeak_Synth(buf, len(text) + 1, 0, POS_CHARACTER, 0, CHARS_UTF8, None, None) != 0:
        print("espeak-ng: synthesis failed", file=sys.stderr)
        return 1
    lib.espeak_Synchronize()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(b"".join(chunks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
