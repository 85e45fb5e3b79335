"""Narration as timed captions: the lines of `narration/<lang>.toml`, filled with the model's
values, and how long each must stay up to be read.

A narration file holds, per scene and section, named lines (or named variants of a line, chosen
from the model: right/wrong/unknown, positive/negative, bright/dim) with placeholders such as
``{focus_neuron}`` or ``{test_accuracy}``. Each placeholder names a typed value (`PLACEHOLDERS`),
filled by the same `Lesson` the mobjects use, with the same rounding, in the language's own
number format (decimal comma in Russian). Captions carry no typed digits.

Pacing is the same in every language: a line stays up as long as the slowest reader needs in
any language (characters / that language's reading speed), so one video serves every caption
track and only the text differs.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from common import settings
from common.languages import FOLDER, LanguageError, language, languages
from lessonkit.lesson import Lesson
from lessonkit.values import (
    Activation,
    Bias,
    BrightCount,
    DesignedActivation,
    DesignedBias,
    DesignedSum,
    Epochs,
    FocusNeuron,
    HiddenLayers,
    HistoryAccuracy,
    HistoryCost,
    ImageHeight,
    ImageWidth,
    Key,
    Label,
    LitPixels,
    ParamCount,
    PreActivation,
    Prediction,
    Relu,
    RunnerUp,
    SigmoidOfSum,
    Size,
    TestAccuracy,
    TestCount,
    TestWrong,
    TotalBiases,
    TotalWeights,
    TrainCount,
    WeightCount,
    WeightedSum,
    edge_at,
    strongest_pulls,
)

NARRATION = FOLDER
DEFAULT_LANG = settings.DEFAULT_LANG
MIN_SECONDS = 1.8  # no caption flashes by, however short
GAP = 0.3  # a breath between one caption and the next


class NarrationError(ValueError):
    """A narration file or language that cannot be used; the message says which and why."""


# -- placeholders: each names a typed value ---------------------------------------------------
def _focus(make: Callable[[int], Key]) -> Callable[[Lesson], Key]:
    return lambda L: make(L.focus)


PLACEHOLDERS: dict[str, Callable[[Lesson], Key]] = {
    # the model
    "input_size": lambda L: Size(0),
    "hidden1_size": lambda L: Size(1),
    "hidden2_size": lambda L: Size(2),
    "output_size": lambda L: Size(L.layers),
    "n_hidden_layers": lambda L: HiddenLayers(),
    "image_width": lambda L: ImageWidth(),
    "image_height": lambda L: ImageHeight(),
    "n_params": lambda L: ParamCount(),
    "n_weights": lambda L: TotalWeights(),
    "n_biases": lambda L: TotalBiases(),
    "weights_1": lambda L: WeightCount(1),
    "weights_2": lambda L: WeightCount(2),
    "weights_last": lambda L: WeightCount(L.layers),
    "test_accuracy": lambda L: TestAccuracy(),
    "test_count": lambda L: TestCount(),
    "test_wrong": lambda L: TestWrong(),
    # the training run
    "train_count": lambda L: TrainCount(),
    "epochs": lambda L: Epochs(),
    "start_accuracy": lambda L: HistoryAccuracy(0),
    "final_accuracy": lambda L: HistoryAccuracy(-1),
    "start_cost": lambda L: HistoryCost(0),
    "final_cost": lambda L: HistoryCost(-1),
    # the chosen digit
    "label": lambda L: Label(),
    "prediction": lambda L: Prediction(),
    "confidence": lambda L: Activation(L.layers, int(L.value(Prediction()))),
    "runner_up": lambda L: RunnerUp(),
    "runner_up_value": lambda L: Activation(L.layers, int(L.value(RunnerUp()))),
    "lit_pixels": lambda L: LitPixels(),
    "layer1_bright": lambda L: BrightCount(1),
    # the focus neuron of the weight scenes
    "focus_neuron": lambda L: FocusNeuron(),
    "weighted_sum": _focus(lambda j: WeightedSum(1, j)),
    "bias": _focus(lambda j: Bias(1, j)),
    "pre_activation": _focus(lambda j: PreActivation(1, j)),
    "activation": _focus(lambda j: Activation(1, j)),
    "sigmoid_of_sum": _focus(lambda j: SigmoidOfSum(1, j)),
    "relu": _focus(lambda j: Relu(1, j)),
    # the neuron built by hand (network.designed), placed on the chosen digit's strongest stroke
    "designed_sum": lambda L: DesignedSum(*edge_at(L)),
    "designed_bias": lambda L: DesignedBias(),
    "designed_activation": lambda L: DesignedActivation(*edge_at(L)),
}
# Placeholders about another digit shown beside the chosen one (ThisIsAThree, ForwardPass,
# SigmoidAndBias): filled from the `other` lesson given with the line; each is made from the other
# lesson and the chosen one (the hand-built neuron stays where the chosen digit placed it).
OTHER_PLACEHOLDERS: dict[str, Callable[[Lesson, Lesson], Key]] = {
    "other_label": lambda O, L: Label(),
    "other_prediction": lambda O, L: Prediction(),
    "other_designed_sum": lambda O, L: DesignedSum(*edge_at(L)),
    "other_designed_activation": lambda O, L: DesignedActivation(*edge_at(L)),
}
VARIANTS = (
    *("right", "wrong", "unknown", "positive", "negative", "bright", "dim", "one", "two", "many"),
    *("shown", "faint", "exact", "about", "mixed", "up", "down"),
)


def placeholders_in(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# -- loading ------------------------------------------------------------------------------------
@cache
def narration(lang: str) -> dict:
    """The narration file of `lang`, parsed."""
    path = NARRATION / f"{lang}.toml"
    if lang not in languages():
        raise NarrationError(f"NN_LANG={lang!r} is not a caption language; choose one of: {', '.join(languages())}")
    try:
        lines = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise NarrationError(f"{path}: not a readable narration file ({e})") from None
    lines.pop("language", None)  # the language's own table (common.languages), not a scene
    return lines


def current_lang() -> str:
    """The caption language NN_LANG names (blank or unset: English); checked against the files."""
    lang = settings.lang()
    narration(lang)  # refuses an unknown language, in one line
    try:
        language(lang)
    except LanguageError as e:
        raise NarrationError(str(e)) from None
    return lang


def template(lang: str, scene: str, section: str, line: str, variant: str | None = None) -> str:
    """The raw text of one line (with its placeholders) in `lang`."""
    try:
        entry = narration(lang)[scene][section][line]
    except KeyError:
        raise NarrationError(f"narration/{lang}.toml has no line {scene} / {section} / {line}") from None
    if isinstance(entry, dict):
        if variant not in entry:
            raise NarrationError(f"narration/{lang}.toml: {scene} / {section} / {line} has no variant {variant!r}")
        return entry[variant]
    return entry


# -- filling -----------------------------------------------------------------------------------
@dataclass
class Caption:
    """One filled line, with the values that went into it (for tests and the spoken track)."""

    text: str
    lang: str
    values: dict[str, tuple[Key, str | None]] = field(default_factory=dict)  # name -> (key, digit spec)
    texts: dict[str, str] = field(default_factory=dict)  # lang -> filled text, every language


def fill(text: str, lesson: Lesson, lang: str, other: Lesson | None = None) -> tuple[str, dict]:
    """`text` with every placeholder replaced by its value as `lesson` writes it in `lang`; a
    placeholder with noun forms (``{weights_1:вес|веса|весов}``) is followed by the form that agrees
    with the number as written (``12 544 веса``), by the language's plural rule."""
    used, out = {}, []
    for literal, name, forms, _ in string.Formatter().parse(text):
        out.append(literal)
        if name is None:
            continue
        if name in PLACEHOLDERS:
            source, key = lesson, PLACEHOLDERS[name](lesson)
        elif name in OTHER_PLACEHOLDERS and other is not None:
            source, key = other, OTHER_PLACEHOLDERS[name](other, lesson)
        else:
            raise NarrationError(f"narration/{lang}.toml: unknown placeholder {{{name}}}")
        out.append(source.text(key, lang))
        if forms:  # {n_params:параметр|параметра|параметров}: the noun agreeing with the number
            try:
                out.append(" " + language(lang).noun(source.written(key), forms.split("|")))
            except LanguageError as e:
                raise NarrationError(f"narration/{lang}.toml: {{{name}:{forms}}}: {e}") from None
        used[name] = (key, source.spec if key.of_digit else None)
    return "".join(out), used


def reading_seconds(text: str, lang: str) -> float:
    """How long `text` must stay up to be read at `lang`'s reading speed."""
    chars = len(re.sub(r"\s+", " ", text.strip()))
    return max(MIN_SECONDS, chars / language(lang).reading_speed)


@cache
def variant_rules() -> dict:
    """narration/placeholders.toml: the placeholder that decides each sign/brightness line."""
    return tomllib.loads((NARRATION / "placeholders.toml").read_text(encoding="utf-8"))


def choose_variant(scene: str, section: str, line: str, lesson: Lesson, other: Lesson | None = None) -> str | None:
    """Which variant of a line is true for this model and digit (None: the line has no variants)."""
    entry = narration(DEFAULT_LANG)[scene][section][line]
    if not isinstance(entry, dict):
        return None
    names = set(entry)
    if names <= {"right", "wrong", "unknown"}:
        return answer_variant(other or lesson)
    if names == {"one", "two", "many"}:
        return hidden_layers_variant(lesson)
    if names == {"mixed", "up", "down"}:
        return pulls_variant(lesson)
    where = f"{scene}/{section}/{line}"
    if names == {"exact", "about"}:
        *terms, total = [PLACEHOLDERS[name](lesson) for name in variant_rules()["sums"][where]]
        return "exact" if lesson.adds_up(terms, total) else "about"
    decider = variant_rules()["variant_by"][where]
    if decider in OTHER_PLACEHOLDERS:  # a value of the other digit shown with the line
        if other is None:
            raise NarrationError(f"{where}: its variant depends on {{{decider}}}, a value of another digit")
        source, key = other, OTHER_PLACEHOLDERS[decider](other, lesson)
    else:
        source, key = lesson, PLACEHOLDERS[decider](lesson)
    if names == {"shown", "faint"}:
        return "shown" if source.written(key) != 0 else "faint"
    value = source.value(key)
    return sign_variant(value) if names == {"positive", "negative"} else bright_variant(value)


def is_accuracy_line(line: str) -> bool:
    """Lines about the test accuracy (dropped when the card has none for these weights)."""
    return line == "accuracy" or line.startswith("accuracy_")


def caption(
    lesson: Lesson,
    scene: str,
    section: str,
    line: str,
    variant: str | None = None,
    other: Lesson | None = None,
    lang: str | None = None,
) -> tuple[Caption, float]:
    """The line in the current language, and how long it must stay up: its reading time in that
    language, so each language's picture is paced by its own words and never waits for another's.
    The texts of every language come along (Caption.texts). The variant, when the line has several,
    is chosen from the model unless given."""
    lang = lang or current_lang()
    if variant is None:
        variant = choose_variant(scene, section, line, lesson, other)
    texts, used = {}, {}
    for each in languages():
        texts[each], values = fill(template(each, scene, section, line, variant), lesson, each, other)
        if each == lang:
            used = values
    seconds = reading_seconds(texts[lang], lang)
    return Caption(texts[lang], lang, used, texts), seconds


# -- variants chosen from the model -----------------------------------------------------------
def answer_variant(lesson: Lesson) -> str:
    """right / wrong: the answer against the digit's label; unknown: a digit with no label."""
    if not lesson.has(Label()):
        return "unknown"
    return "right" if lesson.value(Prediction()) == lesson.value(Label()) else "wrong"


def hidden_layers_variant(lesson: Lesson) -> str:
    """one / two / many: lines that name the hidden layers one by one fit the network's shape."""
    n = int(lesson.value(HiddenLayers()))
    return "one" if n == 1 else "two" if n == 2 else "many"


def pulls_variant(lesson: Lesson) -> str:
    """mixed / up / down: which ways the focus neuron's products pull its weighted sum."""
    up, down = strongest_pulls(lesson, 1, lesson.focus)
    return "mixed" if up and down else "down" if down else "up"


def sign_variant(value: float) -> str:
    return "positive" if value >= 0 else "negative"


def bright_variant(value: float) -> str:
    return "bright" if value >= 0.5 else "dim"
