"""The lesson: the shipped weights, their card and one digit, bound once; resolves keys to values."""

from __future__ import annotations

from functools import cached_property

from common import settings
from common.languages import language
from lessonkit.values import FocusNeuron, Key, decimals_of
from network import Network, Trace, load_pretrained, model_card
from network.digits import DEFAULT_DIGIT, Digit, resolve


class Lesson:
    """The shipped model and one digit, bound once: resolves keys to values.

    Parameters
    ----------
    net
        The network whose values are shown.
    card
        Its model card (test accuracy and count; see `network.model_card`).
    spec
        What NN_DIGIT said: a showcase name, an image path or ``test:N``.
    digit
        The resolved digit (28x28 pixels, 784-vector, label if known).

    Examples
    --------
    >>> lesson = Lesson.for_digit("three_a")
    >>> lesson.value(Prediction())
    3
    >>> lesson.text(ParamCount())
    '13,002'
    """

    def __deepcopy__(self, memo) -> Lesson:
        return self  # one shared, read-only context: a copied mobject refers to the same lesson

    def __init__(self, net: Network, card: dict, spec: str, digit: Digit) -> None:
        self.net, self.card, self.spec, self.digit = net, card, spec, digit
        self.trace: Trace = net.trace(digit.x)
        self._values: dict[Key, float] = {}
        self._snapshots: dict[str, Network] = {}
        self._snapshot_traces: dict[str, Trace] = {}

    @classmethod
    def for_digit(cls, spec: str | None = None) -> Lesson:
        """The shipped weights and card with a digit (default: the lesson's default digit)."""
        spec = (spec or DEFAULT_DIGIT).strip() or DEFAULT_DIGIT
        return cls(load_pretrained(), model_card(), spec, resolve(spec))

    def other(self, spec: str) -> Lesson:
        """The same network with another digit (showcase name, path or split:index)."""
        if spec not in self._others:
            self._others[spec] = Lesson(self.net, self.card, spec, resolve(spec))
        return self._others[spec]

    @cached_property
    def _others(self) -> dict[str, Lesson]:
        return {self.spec: self}

    def value(self, key: Key) -> float:
        """The value `key` names, for this lesson's network and digit."""
        if key not in self._values:
            self._values[key] = key.compute(self)
        return self._values[key]

    def has(self, key: Key) -> bool:
        """Whether the value is known (a user's image has no label; a card may lack accuracy)."""
        try:
            self.value(key)
        except LookupError:
            return False
        return True

    def text(self, key: Key, lang: str = "en", decimals: int | None = None) -> str:
        """The value as the lesson writes it in `lang`, with the key's rounding."""
        d = decimals_of(key) if decimals is None else decimals
        return language(lang).number.format(self.value(key), d, key.percent)

    def written(self, key: Key) -> float:
        """The value as the lesson writes it: rounded to the key's decimals (a percent in percent)."""
        return float(f"{self.value(key):.{decimals_of(key)}f}")

    def adds_up(self, terms: list[Key], total: Key) -> bool:
        """Whether the terms, as written, add up to the total as written: 0.77 + (-1.64) does not
        make -0.86, so a line that shows them writes "about" (or an approx sign) instead of "is"."""
        d = max(decimals_of(k) for k in [*terms, total])
        return abs(sum(self.written(k) for k in terms) - self.written(total)) < 0.5 * 10.0**-d

    def latex(self, key: Key, decimals: int | None = None) -> str:
        """The value as LaTeX (math mode), rounded as on screen: 13{,}002, 96.44\\%."""
        return self.text(key, "en", decimals).replace(",", "{,}").replace("%", r"\%")

    @cached_property
    def history(self):
        """The recorded training run of these weights (`network.history.History`)."""
        from network.history import load_history

        return load_history()

    def snapshot(self, name: str) -> Network:
        """The network as it was at a snapshot of the training run."""
        if name not in self._snapshots:
            self._snapshots[name] = self.history.network(name)
        return self._snapshots[name]

    def snapshot_trace(self, name: str) -> Trace:
        """The digit through a snapshot's network (the same forward pass as the trained one)."""
        if name not in self._snapshot_traces:
            self._snapshot_traces[name] = self.snapshot(name).trace(self.digit.x)
        return self._snapshot_traces[name]

    @property
    def focus(self) -> int:
        """The neuron of layer 1 the weight scenes zoom into (see `FocusNeuron`)."""
        return int(self.value(FocusNeuron()))

    @property
    def layers(self) -> int:
        """L: the number of the output layer."""
        return len(self.net.sizes) - 1

    def __repr__(self) -> str:
        return f"Lesson({'-'.join(map(str, self.net.sizes))}, digit={self.spec!r})"


_current: dict[str, Lesson] = {}


def current_lesson() -> Lesson:
    """The lesson of this render: the shipped model with the digit NN_DIGIT names (blank or
    unset: the default digit). Resolved once per NN_DIGIT value."""
    spec = settings.digit_spec()
    if spec not in _current:
        _current[spec] = Lesson.for_digit(spec or None)
    return _current[spec]
