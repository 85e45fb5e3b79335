"""Words and numbers that agree: nouns that agree with the number before them, sums of rounded
numbers that add up as written (or say "about"), the products that really push a sum up and pull
it down, a runner-up that is not called "at 0.00", and matrix columns that hold ink."""

import re
import string

import numpy as np
import pytest

from common.languages import PLURAL_RULES, language
from lessonkit.lesson import Lesson
from lessonkit.narration import caption, choose_variant, languages, narration
from lessonkit.values import Activation, Bias, PreActivation, RunnerUp, WeightedSum, inked_run, strongest_pulls
from network.digits import showcase

DIGITS = sorted(showcase())


@pytest.fixture(scope="module")
def lessons() -> dict[str, Lesson]:
    first = Lesson.for_digit(DIGITS[0])
    return {name: first.other(name) for name in DIGITS}


@pytest.mark.parametrize(
    ("n", "form"),
    [(1, "вес"), (2, "веса"), (4, "веса"), (5, "весов"), (11, "весов"), (12, "весов"), (14, "весов")]
    + [(21, "вес"), (22, "веса"), (25, "весов"), (111, "весов"), (12544, "веса"), (0, "весов"), (0.5, "веса")],
)
def test_a_russian_noun_agrees_with_its_number(n, form):
    assert language("ru").noun(n, ["вес", "веса", "весов"]) == form


def test_an_english_noun_agrees_and_a_wrong_number_of_forms_is_one_line():
    en = language("en")
    assert [en.noun(n, ["weight", "weights"]) for n in (1, 2, 0)] == ["weight", "weights", "weights"]
    with pytest.raises(ValueError, match=r"needs 2 form\(s\)"):
        en.noun(3, ["вес", "веса", "весов"])


def forms_in(text: str) -> list[list[str]]:
    return [spec.split("|") for _, name, spec, _ in string.Formatter().parse(text) if name and spec]


@pytest.mark.parametrize("lang", languages())
def test_noun_forms_in_the_narration_fit_the_languages_rule(lang):
    rule = PLURAL_RULES[language(lang).plural]
    for scene, sections in narration(lang).items():
        for section, lines in sections.items():
            for line, entry in lines.items():
                for text in entry.values() if isinstance(entry, dict) else [entry]:
                    for forms in forms_in(text):
                        assert len(forms) == rule, f"{lang}: {scene}/{section}/{line}: {forms} for rule {rule}"


def test_counts_in_russian_captions_take_the_agreeing_noun(lessons):
    lesson = lessons[DIGITS[0]]
    cap, _ = caption(lesson, "Counting", "the total", "total", lang="ru")
    assert cap.text.endswith("13\u00a0002 параметра.")  # 2 -> the genitive singular
    cap, _ = caption(lesson, "Counting", "weights", "first", lang="ru")
    assert cap.text.endswith("12\u00a0544 веса.")
    assert not any("(их " in t for t in _all_texts("ru")), "the stilted '(их N)' is back"


def _all_texts(lang):
    for sections in narration(lang).values():
        for lines in sections.values():
            for entry in lines.values():
                yield from entry.values() if isinstance(entry, dict) else [entry]


def _numbers(text: str, lang: str) -> list[float]:
    found = re.findall(r"-?\d[\d\u00a0,.]*\d|-?\d", text)
    if lang == "ru":
        return [float(s.replace("\u00a0", "").replace(",", ".")) for s in found]
    return [float(s.replace(",", "")) for s in found]


@pytest.mark.parametrize("lang", languages())
def test_a_sum_said_in_a_caption_adds_up_as_written_or_is_said_to_be_about(lessons, lang):
    seen = set()
    for name, lesson in lessons.items():
        variant = choose_variant("SigmoidAndBias", "the whole formula", "numbers", lesson)
        cap, _ = caption(lesson, "SigmoidAndBias", "the whole formula", "numbers", lang=lang)
        s, b, z, _a = _numbers(cap.text, lang)
        exact = round(s + b, 2) == round(z, 2)
        assert (variant == "exact") == exact, f"{name}: {s} + {b} vs {z} said as {variant}"
        assert (
            lesson.adds_up([WeightedSum(1, lesson.focus), Bias(1, lesson.focus)], PreActivation(1, lesson.focus))
            == exact
        )
        seen.add(variant)
    assert seen == {"exact", "about"}, "the showcase digits should meet both cases"


def test_the_shown_products_are_the_strongest_of_each_sign(lessons):
    for name, lesson in lessons.items():
        j = lesson.focus
        products = lesson.net.weights[0][j] * lesson.trace.steps[0].a
        up, down = strongest_pulls(lesson, 1, j)
        assert all(products[i] > 0 for i in up) and all(products[i] < 0 for i in down), name
        if up:
            assert products[up[0]] == products.max(), name
        if down:
            assert products[down[0]] == products.min(), name
        expected = "mixed" if up and down else "down" if down else "up"
        assert choose_variant("WeightedSum", "the weighted sum", "terms", lesson) == expected


def test_a_runner_up_that_rounds_to_zero_is_not_said_to_be_at_zero(lessons):
    seen = set()
    for name, lesson in lessons.items():
        value = lesson.written(Activation(lesson.layers, int(lesson.value(RunnerUp()))))
        variant = choose_variant("ForwardPass", "the answer", "runner_up", lesson)
        assert variant == ("shown" if value != 0 else "faint"), name
        seen.add(variant)
    assert "faint" in seen


def test_the_matrix_columns_are_neighbouring_inked_pixels(lessons):
    for name, lesson in lessons.items():
        run = inked_run(lesson)
        assert len(run) == 4 and np.all(np.diff(run) == 1), name
        assert len({i // 28 for i in run}) == 1, f"{name}: the run crosses a row"
        assert np.all(lesson.digit.x[run] > 0), f"{name}: a shown column has no ink"
