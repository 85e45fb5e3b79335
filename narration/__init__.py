"""What the narrator says, per language: one TOML file each (``<code>.toml``), with the language's
own table (``[language]``: reading speed, number format, voice, font, page words) at its top.
Data only; read through `common.languages` and `lessonkit.narration`."""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
