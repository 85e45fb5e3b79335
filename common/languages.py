"""What a language is, for the lesson: one ``[language]`` table at the top of its narration file.

Everything that differs by language reads this table: the captions' reading speed, the number
format on screen and in captions, how a voice reads numbers, which offline voice speaks it, the
page's font and its own words, and the tags of its tracks in the video. So adding a language is
adding its narration file, ``narration/<code>.toml``, with that table (see narration/README.md).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import narration as _narration

FOLDER = _narration.FOLDER
NOT_LANGUAGES = ("placeholders",)  # other TOML files in the narration folder
SPOKEN_NUMBERS = ("en", "ru", "zh")  # the number readers voice/words.py has
PAGE_LABELS = ("captions", "notes", "present", "chapters", "try_it", "keys")
# How a noun agrees with a number written before it ({n_params:параметр|параметра|параметров}):
# the rule's name and how many forms a placeholder gives.
PLURAL_RULES = {"none": 1, "one_other": 2, "slavic": 3}


class LanguageError(ValueError):
    """A language that is unknown, or whose table is missing or wrong; one line naming the file."""


@dataclass(frozen=True)
class NumberFormat:
    """How one language writes numbers: decimal mark, thousands separator, percent sign."""

    decimal: str = "."
    thousands: str = ","
    percent: str = "%"

    def format(self, value: float, decimals: int, percent: bool = False) -> str:
        text = f"{value:,.{decimals}f}"  # Python rounds the same way DecimalNumber does
        text = text.replace(",", "\0").replace(".", self.decimal).replace("\0", self.thousands)
        return text + (self.percent if percent else "")


@dataclass(frozen=True)
class VoiceSpec:
    """One offline voice: `engine` ("piper" or "espeak"), the model or voice `name`, the PyPI
    distributions that make it (their versions are part of a clip's cache key), the modules that
    must be importable, and synthesis `settings` (part of the cache key too)."""

    engine: str
    name: str
    packages: tuple[str, ...]
    modules: tuple[str, ...]
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Language:
    """One caption language, as its table says."""

    code: str  # BCP 47, also the narration file's name: en, zh-Hant, ru
    name: str  # its own name, for menus and track titles
    iso639_2: str  # the tag of its audio and subtitle tracks in the video
    reading_speed: float  # characters a viewer reads per second
    number: NumberFormat
    spoken_numbers: str  # how a voice reads its numbers: one of SPOKEN_NUMBERS
    font: str  # CSS font-family list for the page
    labels: dict[str, str]  # the page's own words
    voice: VoiceSpec | None  # None: no voice speaks it
    plural: str = "none"  # how a noun agrees with a number: one of PLURAL_RULES

    def noun(self, value: float, forms: list[str]) -> str:
        """The form of a noun that agrees with `value` (as written): "4 веса", "5 весов", "1 вес";
        a fraction takes the genitive singular in Russian ("0,5 веса")."""
        if len(forms) != PLURAL_RULES[self.plural]:
            raise LanguageError(
                f"{self.code}: a noun after a number needs {PLURAL_RULES[self.plural]} form(s) "
                f"({self.plural}), got {'|'.join(forms)!r}"
            )
        whole = float(value).is_integer()
        n = abs(int(value)) if whole else None
        if self.plural == "one_other":
            return forms[0] if n == 1 else forms[1]
        if self.plural == "slavic":
            if n is None:
                return forms[1]
            if n % 10 == 1 and n % 100 != 11:
                return forms[0]
            return forms[1] if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else forms[2]
        return forms[0]


def languages() -> list[str]:
    """The caption languages: one narration file each, in name order."""
    return sorted(p.stem for p in FOLDER.glob("*.toml") if p.stem not in NOT_LANGUAGES)


@cache
def language(code: str) -> Language:
    """The table of language `code`; `LanguageError` (one line) for an unknown code or a bad table."""
    path = FOLDER / f"{code}.toml"
    if code not in languages():
        raise LanguageError(
            f"language {code!r}: not a caption language (no {path.name} in {FOLDER}); "
            f"expected one of {', '.join(languages())}"
        )
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("language")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise LanguageError(f"{path}: not a readable narration file ({e})") from None
    return _parse(code, table, path)


def _parse(code: str, table: Any, path: Path) -> Language:
    def need(where: dict[str, Any], key: str, kind: type | tuple[type, ...], what: str) -> Any:
        value = where.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise LanguageError(f"{path}: [language] needs {what} as {key!r}, got {value!r}")
        return value

    if not isinstance(table, dict):
        raise LanguageError(f"{path}: no [language] table (name, iso639_2, reading_speed, number, ...)")
    number = table.get("number", {})
    if not isinstance(number, dict) or not all(isinstance(v, str) for v in number.values()):
        raise LanguageError(f"{path}: [language.number] holds decimal, thousands and percent as strings")
    spoken = need(table, "spoken_numbers", str, "a number reader")
    if spoken not in SPOKEN_NUMBERS:
        raise LanguageError(f"{path}: spoken_numbers = {spoken!r}; expected one of {', '.join(SPOKEN_NUMBERS)}")
    speed = need(table, "reading_speed", (int, float), "characters read per second")
    if not speed > 0:
        raise LanguageError(f"{path}: reading_speed must be above 0, got {speed!r}")
    plural = table.get("plural", "none")
    if plural not in PLURAL_RULES:
        raise LanguageError(f"{path}: plural = {plural!r}; expected one of {', '.join(PLURAL_RULES)}")
    labels = table.get("labels", {})
    missing = [k for k in PAGE_LABELS if not isinstance(labels.get(k), str)]
    if missing:
        raise LanguageError(f"{path}: [language.labels] lacks {', '.join(missing)}")
    voice = table.get("voice")
    spec = None
    if voice is not None:
        if not isinstance(voice, dict):
            raise LanguageError(f"{path}: [language.voice] must be a table")
        spec = VoiceSpec(
            need(voice, "engine", str, "a voice engine"),
            need(voice, "name", str, "a voice name"),
            tuple(need(voice, "packages", list, "its PyPI packages")),
            tuple(need(voice, "modules", list, "its modules")),
            dict(voice.get("settings", {})),
        )
    return Language(
        code=code,
        name=need(table, "name", str, "its own name"),
        iso639_2=need(table, "iso639_2", str, "an ISO 639-2 tag"),
        reading_speed=float(speed),
        number=NumberFormat(**number),
        spoken_numbers=spoken,
        font=need(table, "font", str, "a font list"),
        labels={k: labels[k] for k in labels},
        voice=spec,
        plural=plural,
    )
