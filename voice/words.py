"""Numbers in caption lines spoken as words (en, ru, zh-Hant), so a voice reads the model's values.

The captions' only digits are the numbers ``lessonkit.values.Lesson.text`` formats per language
(en/zh-Hant "13,002", "-1.64", "96.44%"; ru "13\u00a0002", "-1,64", "96,44\u00a0%"). Each is read
from its typed form, decimals digit by digit in en and zh ("zero point nine seven", "零點九七") and
in Russian as a lecturer reads a value ("0,97": "ноль девяносто семь"; "1,00": "один"; other decimals
and percentages as fractions, "девяносто шесть целых сорок четыре сотых процента"), so the speech
says what the screen shows.
Pure Python (MIT); imports nothing of the GPL voices.
"""

from __future__ import annotations

import re

from common.languages import language

__all__ = ["number_words", "spoken"]

_MINUS = "-\u2212"  # hyphen-minus and the typographic minus sign
_SPACES = "\u00a0\u202f"  # Russian group separators / space before %

# A number starts after no digit, point or comma (CJK characters may touch it); a minus sign
# counts only where no Latin/Cyrillic letter or digit stands before it ("784-16" is two numbers).
_START = rf"(?<![\d.,])(?:(?<![0-9A-Za-z\u0400-\u04ff])[{_MINUS}])?"
_NUMBER = {
    "en": re.compile(_START + r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?: ?%)?(?![\d])"),
    "ru": re.compile(_START + rf"(?:\d{{1,3}}(?:[{_SPACES}]\d{{3}})+|\d+)(?:,\d+)?(?:[{_SPACES} ]?%)?(?![\d])"),
}
_NUMBER["zh"] = _NUMBER["en"]


def _reader(lang: str) -> str:
    """Which number reader speaks `lang` (its table's spoken_numbers); ValueError for an unknown language."""
    return language(lang).spoken_numbers


def _parse(text: str, lang: str) -> tuple[bool, str, str, bool]:
    """Split one formatted number into (negative, integer digits, fraction digits, percent)."""
    s = text.strip()
    if not _NUMBER[_reader(lang)].fullmatch(s):
        raise ValueError(
            f"{text!r}: expected one number formatted for {lang} (e.g. "
            + ("'13\u00a0002', '-1,64', '96,44\u00a0%')" if _reader(lang) == "ru" else "'13,002', '-1.64', '96.44%')")
        )
    negative = s[0] in _MINUS
    percent = s.endswith("%")
    body = s.lstrip(_MINUS).rstrip("%").rstrip(_SPACES + " ")
    point = "," if _reader(lang) == "ru" else "."
    group = _SPACES if _reader(lang) == "ru" else ","
    whole, _, frac = body.partition(point)
    whole = "".join(c for c in whole if c not in group)
    return negative, whole, frac, percent


# ---------------------------------------------------------------- English (US: no "and")
_EN_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand"))


def _en_below_1000(n: int) -> str:
    parts = []
    if n >= 100:
        parts.append(f"{_EN_ONES[n // 100]} hundred")
        n %= 100
    if n >= 20:
        parts.append(_EN_TENS[n // 10] + (f"-{_EN_ONES[n % 10]}" if n % 10 else ""))
    elif n:
        parts.append(_EN_ONES[n])
    return " ".join(parts)


def _en_int(n: int) -> str:
    if n == 0:
        return "zero"
    parts = []
    for scale, name in _EN_SCALES:
        if n >= scale:
            parts.append(f"{_en_int(n // scale)} {name}")
            n %= scale
    if n:
        parts.append(_en_below_1000(n))
    return " ".join(parts)


def _en(negative: bool, whole: str, frac: str, percent: bool) -> str:
    words = _en_int(int(whole))
    if frac:
        words += " point " + " ".join(_EN_ONES[int(d)] for d in frac)
    if negative:
        words = "minus " + words
    return words + (" percent" if percent else "")


# ---------------------------------------------------------------- Russian
_RU_ONES_M = "ноль один два три четыре пять шесть семь восемь девять".split()
_RU_ONES_F = "ноль одна две три четыре пять шесть семь восемь девять".split()
_RU_TEENS = (
    "десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать"
).split()
_RU_TENS = "_ _ двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто".split()
_RU_HUNDREDS = ("_ сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот").split()
# (scale, gender of the scale noun, forms for 1 / 2-4 / 5+)
_RU_SCALES = (
    (10**9, "m", ("миллиард", "миллиарда", "миллиардов")),
    (10**6, "m", ("миллион", "миллиона", "миллионов")),
    (1000, "f", ("тысяча", "тысячи", "тысяч")),
)
# Denominators by number of decimals: nominative singular (after 1) / genitive plural (else).
_RU_DENOM = {1: "десят", 2: "сот", 3: "тысячн", 4: "десятитысячн", 5: "стотысячн", 6: "миллионн"}


def _ru_form(n: int, forms: tuple[str, str, str]) -> str:
    """Noun form after the number n: 1 -> forms[0], 2-4 -> forms[1], else forms[2] (11-14 too)."""
    if n % 100 in range(11, 15):
        return forms[2]
    return forms[0] if n % 10 == 1 else forms[1] if n % 10 in (2, 3, 4) else forms[2]


def _ru_below_1000(n: int, gender: str) -> list[str]:
    parts = []
    if n >= 100:
        parts.append(_RU_HUNDREDS[n // 100])
        n %= 100
    if 10 <= n < 20:
        parts.append(_RU_TEENS[n - 10])
    else:
        if n >= 20:
            parts.append(_RU_TENS[n // 10])
            n %= 10
        if n:
            parts.append((_RU_ONES_F if gender == "f" else _RU_ONES_M)[n])
    return parts


def _ru_int(n: int, gender: str = "m") -> str:
    """Cardinal in the nominative; gender ("m" or "f") of the thing counted sets один/одна, два/две."""
    if n == 0:
        return "ноль"
    parts: list[str] = []
    for scale, scale_gender, forms in _RU_SCALES:
        if n >= scale:
            count = n // scale
            if count == 1 and scale == 1000:
                parts.append(forms[0])  # "тысяча", not "одна тысяча"
            else:
                parts += _ru_below_1000(count, scale_gender) if count < 1000 else [_ru_int(count, scale_gender)]
                parts.append(_ru_form(count, forms))
            n %= scale
    if n:
        parts += _ru_below_1000(n, gender)
    return " ".join(parts)


def _ru(negative: bool, whole: str, frac: str, percent: bool) -> str:
    n = int(whole)
    if frac:
        if len(frac) not in _RU_DENOM:
            raise ValueError(f"{whole},{frac}: at most {max(_RU_DENOM)} decimals can be read in Russian")
        m = int(frac)
        if m == 0:  # "1,00" is said as a teacher reads it: "один"; "100,00 %": "сто процентов"
            return _ru(negative, whole, "", percent)
        if len(frac) == 2 and not percent:
            # Two decimals, as a lecturer reads a value: "ноль семьдесят семь", "минус один
            # шестьдесят четыре", "ноль ноль пять" (a native reader's advice: "ноль и ..." is not
            # said, "ноль целых ... сотых" is the schoolbook reading).
            tail = f"ноль {_ru_int(m)}" if frac[0] == "0" else _ru_int(m)
            words = f"{_ru_int(n)} {tail}"
            return ("минус " + words) if negative else words
        one_w = n % 10 == 1 and n % 100 != 11
        one_f = m % 10 == 1 and m % 100 != 11
        stem = _RU_DENOM[len(frac)]
        words = (
            f"{_ru_int(n, 'f')} {'целая' if one_w else 'целых'} {_ru_int(m, 'f')} {stem + ('ая' if one_f else 'ых')}"
        )
        if percent:
            words += " процента"  # a fraction governs the genitive singular
    else:
        words = _ru_int(n)
        if percent:
            words += " " + _ru_form(n, ("процент", "процента", "процентов"))
    return ("минус " + words) if negative else words


# ---------------------------------------------------------------- Mandarin (Traditional script)
_ZH_DIGITS = "零一二三四五六七八九"
_ZH_UNITS = ("", "十", "百", "千")
_ZH_GROUPS = ("", "萬", "億", "兆")


def _zh_group(n: int) -> str:
    """0 < n < 10000 without leading 零; inner runs of zeros read as one 零."""
    out, zero = "", False
    for pos in (3, 2, 1, 0):
        d = n // 10**pos % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _ZH_DIGITS[d] + _ZH_UNITS[pos]
    return out


def _zh_int(n: int) -> str:
    if n == 0:
        return "零"
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out = ""
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        if out and (g < 1000 or groups[i + 1] == 0 if i + 1 < len(groups) else False):
            out += "零"
        out += _zh_group(g) + _ZH_GROUPS[i]
    if out.startswith("一十"):
        out = out[1:]  # 10-19 read 十, 十一 ...
    return out


def _zh(negative: bool, whole: str, frac: str, percent: bool) -> str:
    words = _zh_int(int(whole))
    if frac:
        words += "點" + "".join(_ZH_DIGITS[int(d)] for d in frac)
    if negative:
        words = "負" + words
    return ("百分之" + words) if percent else words


_READ = {"en": _en, "ru": _ru, "zh": _zh}


def number_words(text: str, lang: str) -> str:
    """One number as formatted for ``lang`` (grouping, decimals, minus, percent) read as words.

    Raises ValueError (one line) when ``text`` is not one such number or ``lang`` is unknown.
    """
    parts = _parse(text, lang)
    return _READ[_reader(lang)](*parts)


def spoken(text: str, lang: str) -> str:
    """The caption line with every number replaced by its words: the text a voice reads (no digits).

    In zh-Hant no spaces are added around the words; in en and ru the words replace the number in place.
    Raises ValueError (one line) when a digit is left that is not part of a number written for
    ``lang`` (e.g. "0,97" in English): a voice must never spell out a malformed value.
    """
    reader = _reader(lang)
    out, end = [], 0
    for m in list(_NUMBER[reader].finditer(text)) + [None]:
        start = m.start() if m else len(text)
        stray = re.search(r"\d", text[end:start])
        if stray:  # a digit outside every number: find its word
            at = end + stray.start()
            left, right = text.rfind(" ", 0, at) + 1, text.find(" ", at)
            token = text[left : right if right >= 0 else len(text)]
            raise ValueError(f"caption {text!r}: {token!r} is not a number written for {lang}")
        out.append(text[end:start])
        if m:
            out.append(number_words(m.group(0), lang))
            end = m.end()
    return "".join(out)
