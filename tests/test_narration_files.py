"""The narration files (narration/<lang>.toml) as data: same lines in every language as in English,
only known placeholders, no typed digits, the right script, captions short enough to read, and a
line for every section the scenes really have (and none for a section they do not).

Pure Python and fast: reads the TOML files and the scene sources, renders nothing. What the lines
say once filled (numbers equal to the oracle's, pacing) is tested where the captions are rendered.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import string
import sys
import tomllib
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NARRATION = ROOT / "narration"
SPEC = tomllib.loads((NARRATION / "placeholders.toml").read_text(encoding="utf-8"))
PLACEHOLDERS: set[str] = set(SPEC["placeholders"])
VARIANT_SETS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in SPEC["variants"].items()}
VARIANT_BY: dict[str, str] = SPEC["variant_by"]
SUMS: dict[str, list[str]] = SPEC["sums"]

# The languages the lesson ships in (a missing file fails), plus any other file added since.
SHIPPED = ["en", "zh-Hant", "ru"]
LANGS = sorted(set(SHIPPED) | {p.stem for p in NARRATION.glob("*.toml") if p.stem != "placeholders"})
OTHERS = [lang for lang in LANGS if lang != "en"]
# Longest caption, counting each placeholder as the widest text it usually fills in: a digit name
# or a neuron index is short, an activation in [0, 1] has two decimals ("0.97"), anything else is
# counted as PLACEHOLDER_WIDTH characters ("13,002", "-12.34", "96.44%").
MAX_CHARS = {"en": 110, "zh-Hant": 45, "ru": 120}  # a new language without an entry gets English's
PLACEHOLDER_WIDTH = 6
NARROW = {
    "label": 1,
    "prediction": 1,
    "runner_up": 1,
    "other_label": 1,
    "other_prediction": 1,
    "n_hidden_layers": 1,
    "focus_neuron": 2,
    "confidence": 4,
    "runner_up_value": 4,
    "activation": 4,
    "sigmoid_of_sum": 4,
}
ACCURACY_ONLY = {"test_accuracy", "test_count", "test_wrong"}
LABEL_ONLY = {"label": "answer", "other_label": "other_answer"}
OTHER_DIGIT = {"other_label", "other_prediction"}
# Latin words a caption may keep as they are (the names on screen), per language; others: none.
LATIN_OK = {"zh-Hant": {"ReLU", "MNIST", "sigmoid"}, "ru": {"ReLU", "MNIST"}}
# Characters that exist only in Simplified Chinese (their Traditional forms in the comment).
SIMPLIFIED = set(
    "这们络权过数经网个来时会对说为层输图机学习练项样从两间点边线圆总变将还没让号么动画题"
    "应实际错误读写认识预测类计结组连压缩码确几万亿阵标签发现给这进选择复杂轻亲条块单"
)
# 這們絡權過數經網個來時會對說為層輸圖機學習練項樣從兩間點邊線圓總變將還沒讓號麼動畫題應實際錯誤讀寫認識預測類計結組連壓縮碼確幾萬億陣標籤發現給這進選擇複雜輕親條塊單
ASCII_PUNCT_ZH = set(",.:;!?()")


def load(lang: str) -> dict:
    """The narration lines of `lang` (its [language] table, read by common.languages, left out)."""
    doc = tomllib.loads((NARRATION / f"{lang}.toml").read_text(encoding="utf-8"))
    doc.pop("language", None)
    return doc


def lines(doc: dict) -> dict[tuple[str, str, str], str | dict[str, str]]:
    """(scene, section, line) -> the line's text, or {variant: text}."""
    return {
        (scene, section, name): text
        for scene, sections in doc.items()
        for section, named in sections.items()
        for name, text in named.items()
    }


def texts(doc: dict):
    """Every caption text with where it lives: ((scene, section, line), variant or None, text)."""
    for key, value in lines(doc).items():
        if isinstance(value, dict):
            for variant, text in value.items():
                yield key, variant, text
        else:
            yield key, None, value


def fields(text: str) -> set[str]:
    """The placeholder names in a caption; a malformed brace, a conversion or a format spec other
    than noun forms ({n:вес|веса|весов}) raises ValueError."""
    out = set()
    for _, name, spec, conv in string.Formatter().parse(text):
        if name is not None:
            if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or conv or (spec and not NOUN_FORMS.fullmatch(spec)):
                raise ValueError(f"bad placeholder {{{name}{'!' + conv if conv else ''}{':' + spec if spec else ''}}}")
            out.add(name)
    return out


NOUN_FORMS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*(?:\|[^\W\d_]+(?: [^\W\d_]+)*)*")


def words_only(text: str) -> str:
    """The caption without its placeholders: what is typed in the file (noun forms are words)."""
    return re.sub(r"\{[a-z][a-z0-9_]*(?::([^{}]*))?\}", lambda m: max((m.group(1) or "").split("|"), key=len), text)


def has_digit(text: str) -> bool:
    """Any digit character (ASCII, full-width, subscript, ...) typed outside the placeholders."""
    return any(ch.isdigit() or unicodedata.category(ch) == "Nd" for ch in words_only(text))


def shown_length(text: str) -> int:
    return len(words_only(text)) + sum(NARROW.get(name, PLACEHOLDER_WIDTH) for name in fields(text))


def scene_sections() -> dict[str, list[str]]:
    """Scene class -> its section names in order, read from the scene files the catalog lists."""
    spec = importlib.util.spec_from_file_location("_narration_catalog", ROOT / "scenes" / "catalog.py")
    catalog = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("_narration_catalog", catalog)  # dataclasses look their module up here
    spec.loader.exec_module(catalog)
    out = {}
    for chapter in catalog.CHAPTERS:
        tree = ast.parse((ROOT / chapter.path).read_text(encoding="utf-8"))
        cls = next(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == chapter.scene)
        out[chapter.scene] = [
            call.args[0].value
            for call in ast.walk(cls)
            if isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "next_section"
            and call.args
            and isinstance(call.args[0], ast.Constant)
        ]
    return out


EN = load("en")


# --- the helpers themselves catch what they are meant to catch -------------------------------


def test_digit_check_catches_every_kind_of_digit():
    assert not has_digit("neuron {focus_neuron} of {hidden1_size}")
    for typed in ("layer 1", "第３層", "w₁", "٣"):
        assert has_digit(typed), typed


def test_placeholder_parser_rejects_format_specs_and_stray_braces():
    assert fields("a {bias} and {weights_1}") == {"bias", "weights_1"}
    for bad in ("{bias:.2f}", "{bias!r}", "{ bias}", "a } b"):
        with pytest.raises(ValueError):
            fields(bad)


# --- English: the reference ------------------------------------------------------------------


def test_every_scene_section_has_lines_and_no_line_names_a_missing_section():
    sections = scene_sections()
    assert sorted(EN) == sorted(sections), "scenes in en.toml differ from the catalog"
    for scene, names in sections.items():
        assert names, f"{scene}: no next_section found"
        assert list(EN[scene]) == names, f"{scene}: sections in en.toml {list(EN[scene])} != scene {names}"
        for section in names:
            assert EN[scene][section], f"{scene}/{section}: no lines"


def test_variant_groups_are_allowed_and_decided_by_a_named_value():
    variant_lines, sum_lines = set(), set()
    for (scene, section, name), value in lines(EN).items():
        where = f"{scene}/{section}/{name}"
        if not isinstance(value, dict):
            continue
        group = next((g for g, names in VARIANT_SETS.items() if frozenset(value) == names), None)
        assert group, f"{where}: variants {sorted(value)} are not one of {sorted(map(sorted, VARIANT_SETS.values()))}"
        used = set().union(*(fields(t) for t in value.values()))
        if group == "other_answer":
            assert used & OTHER_DIGIT, f"{where}: right/wrong without unknown is only for the other digits"
        if group in ("sign", "brightness", "shown"):
            variant_lines.add(where)
            assert VARIANT_BY.get(where) in PLACEHOLDERS, f"{where}: placeholders.toml [variant_by] must name its value"
        if group == "adds_up":
            sum_lines.add(where)
            *terms, total = SUMS.get(where, [None])
            assert terms and all(n in used for n in [*terms, total]), (
                f"{where}: [sums] must name the line's terms and total"
            )
    assert variant_lines == set(VARIANT_BY), "placeholders.toml [variant_by] lists lines that have no such variants"
    assert sum_lines == set(SUMS), "placeholders.toml [sums] lists lines that have no exact/about variants"


def test_every_english_line_says_which_animation_it_goes_with():
    section = None
    previous = None
    seen_with = False
    for raw in (NARRATION / "en.toml").read_text(encoding="utf-8").splitlines():
        raw = raw.strip()
        if raw.startswith("[language"):  # the language's own table: settings, not lines
            section = None
        elif raw.startswith("["):
            section, previous, seen_with = raw, None, False
        elif section is None:
            continue
        elif raw.startswith("# with:"):
            seen_with = True
        elif raw and not raw.startswith("#"):
            name = raw.split("=", 1)[0].strip().split(".")[0]
            if name != previous:
                assert seen_with, f"{section} {name}: no '# with:' comment above it"
            previous, seen_with = name, False


# --- every language --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_are_known_and_used_where_their_value_exists(lang):
    for (scene, section, name), variant, text in texts(load(lang)):
        where = f"{lang}: {scene}/{section}/{name}{'.' + variant if variant else ''}"
        used = fields(text)
        assert used <= PLACEHOLDERS, f"{where}: unknown placeholders {sorted(used - PLACEHOLDERS)}"
        if used & ACCURACY_ONLY:
            assert name == "accuracy" or name.startswith("accuracy_"), (
                f"{where}: accuracy values only in lines named accuracy or accuracy_*"
            )
        for placeholder, group in LABEL_ONLY.items():
            if placeholder in used:
                assert (
                    variant in ("right", "wrong")
                    and frozenset(lines(load(lang))[(scene, section, name)]) == VARIANT_SETS[group]
                ), f"{where}: {{{placeholder}}} only in right/wrong variants"


@pytest.mark.parametrize("lang", LANGS)
def test_no_digit_is_typed_and_no_line_is_empty(lang):
    for key, variant, text in texts(load(lang)):
        assert text.strip() == text and text, f"{lang}: {key} {variant}: empty or padded"
        assert not has_digit(text), f"{lang}: {key} {variant}: a digit typed in: {text!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_caption_is_too_long_to_read(lang):
    limit = MAX_CHARS.get(lang, MAX_CHARS["en"])
    for key, variant, text in texts(load(lang)):
        assert shown_length(text) <= limit, f"{lang}: {key} {variant}: {shown_length(text)} > {limit} chars"


@pytest.mark.parametrize("lang", OTHERS)
def test_same_lines_variants_and_placeholders_as_english(lang):
    doc = load(lang)
    assert list(doc) == list(EN), f"{lang}: scenes differ from English"
    for scene in EN:
        assert list(doc[scene]) == list(EN[scene]), f"{lang}: {scene}: sections differ"
        for section in EN[scene]:
            assert list(doc[scene][section]) == list(EN[scene][section]), f"{lang}: {scene}/{section}: lines differ"
    ours = lines(doc)
    for key, value in lines(EN).items():
        theirs = ours[key]
        assert type(theirs) is type(value), f"{lang}: {key}: variants differ from English"
        if isinstance(value, dict):
            assert sorted(theirs) == sorted(value), f"{lang}: {key}: variants differ from English"
            pairs = [(value[v], theirs[v], v) for v in value]
        else:
            pairs = [(value, theirs, None)]
        for en_text, text, variant in pairs:
            assert fields(text) == fields(en_text), (
                f"{lang}: {key} {variant}: placeholders {sorted(fields(text))} != English {sorted(fields(en_text))}"
            )


def latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]+", words_only(text)))


def script_share(text: str, script: str, allowed: set[str]) -> float:
    """Share of the letters typed in a caption (allowed Latin names left out) that are of `script`."""
    typed = re.sub(r"[A-Za-z]+", lambda m: "" if m.group() in allowed else m.group(), words_only(text))
    letters = [ch for ch in typed if ch.isalpha()]
    return sum(script in unicodedata.name(ch, "") for ch in letters) / max(len(letters), 1)


def test_chinese_is_traditional_han_with_full_width_punctuation():
    for key, variant, text in texts(load("zh-Hant")):
        where = f"zh-Hant: {key} {variant}"
        typed = words_only(text)
        ok = LATIN_OK["zh-Hant"]
        assert script_share(text, "CJK UNIFIED", ok) == 1.0, f"{where}: not all Han script: {text!r}"
        assert latin_words(text) <= ok, f"{where}: Latin words {sorted(latin_words(text) - ok)}"
        assert not set(typed) & SIMPLIFIED, f"{where}: simplified characters {sorted(set(typed) & SIMPLIFIED)}"
        assert not set(typed) & ASCII_PUNCT_ZH, f"{where}: half-width punctuation {sorted(set(typed) & ASCII_PUNCT_ZH)}"


def test_russian_is_cyrillic():
    for key, variant, text in texts(load("ru")):
        where = f"ru: {key} {variant}"
        ok = LATIN_OK["ru"]
        assert script_share(text, "CYRILLIC", ok) == 1.0, f"{where}: not all Cyrillic: {text!r}"
        assert latin_words(text) <= ok, f"{where}: Latin words {sorted(latin_words(text) - ok)}"
