"""The model card: what the weights are, how they were trained and how well they read, checked against the weights."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from common.files import finish_pending, shown, why
from common.hashing import sha256_file

from .model import ASSETS, PRETRAINED, ModelFileError, Network

CARD = ASSETS / "model_card.json"
_cards: dict[tuple, dict] = {}  # verified cards by (card, weights, their stats): warn only once


def read_card(path: str | os.PathLike = CARD) -> dict:
    """A model card as written, checked to be a JSON object with sane accuracy fields."""
    path = Path(path)
    finish_pending(path.parent)
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            raise ModelFileError(f"{shown(path)}: not a regular file (a device or pipe?), expected the JSON model card")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ModelFileError(f"{shown(path)}: no model card; run `python -m network.train`") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ModelFileError(f"{shown(path)}: cannot read the model card ({why(e)})") from None
    if not text.strip():
        raise ModelFileError(f"{shown(path)}: the model card is empty; expected a JSON object (retrain or restore it)")
    try:
        card = json.loads(text)
    except RecursionError:
        raise ModelFileError(f"{shown(path)}: the model card is nested too deeply to be read") from None
    except ValueError as e:
        raise ModelFileError(f"{shown(path)}: not a valid JSON model card ({e})") from None
    if not isinstance(card, dict):
        raise ModelFileError(f"{shown(path)}: expected a JSON object, got {type(card).__name__}")
    for key in ("test_accuracy", "validation_accuracy", "train_accuracy"):
        v = card.get(key)
        if v is not None and not (isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1):
            raise ModelFileError(f"{shown(path)}: '{key}' must be a fraction between 0 and 1 or null, got {v!r}")
    n = card.get("test_count")
    if n is not None and not (isinstance(n, int) and not isinstance(n, bool) and n > 0):
        raise ModelFileError(f"{shown(path)}: 'test_count' must be a positive whole number or null, got {n!r}")
    if card.get("test_accuracy") is not None and n is None:
        raise ModelFileError(f"{shown(path)}: a 'test_accuracy' needs the 'test_count' it was measured on, got null")
    if not isinstance(card.get("weights_sha256"), (str, type(None))):
        raise ModelFileError(f"{shown(path)}: 'weights_sha256' must be a hex string, got {card['weights_sha256']!r}")
    return card


def model_card(
    card_path: str | os.PathLike | None = None,
    weights_path: str | os.PathLike | None = None,
    mnist: str | os.PathLike | None = None,
) -> dict:
    """The model card, verified against the weights it is shown with (default: the shipped pair).

    The card's `weights_sha256` is compared with the weights file's sha256:

    - match: the card as written, plus `"weights_verified": True` and `"accuracy_source": "card"`
      (or None when the card has `test_accuracy: null`, e.g. from `train --no-test`).
    - mismatch (or no hash): the card's figures describe other weights. A copy is returned with
      `"weights_verified": False`, `sizes`/`n_params` from the weights, and `train_accuracy`,
      `validation_accuracy`, `history` and `training_history` set to None. If MNIST can be found (`mnist`, $MNIST_DIR or the user
      cache), `test_accuracy`/`test_count` are recomputed on its 10,000 test images and
      `"accuracy_source": "recomputed"`; otherwise both are None and `"accuracy_source": None`.
      Either way one line is printed on stderr, once per card and weights.

    So `test_accuracy` is either a figure measured for exactly these weights, or None (show no
    accuracy); `test_count` is None exactly when `test_accuracy` is. The result is cached; the
    returned dict is a copy the caller may change. Raises `ModelFileError` (one line) for a
    missing, unreadable or malformed card or weights file.
    """
    card_path = Path(card_path) if card_path is not None else CARD
    weights_path = Path(weights_path) if weights_path is not None else PRETRAINED
    try:
        stats = tuple((s.st_mtime_ns, s.st_size, s.st_ino) for s in (card_path.stat(), weights_path.stat()))
    except OSError:
        stats = None
    key = (str(card_path), str(weights_path), str(mnist), stats)
    if stats is None or key not in _cards:
        _cards[key] = _verified_card(card_path, weights_path, mnist)
    return json.loads(json.dumps(_cards[key]))


def _verified_card(card_path: Path, weights_path: Path, mnist) -> dict:
    card = read_card(card_path)
    net = Network.load(weights_path)  # one-line ModelFileError when the weights are unusable
    if net.sizes[0] != 28 * 28 or net.sizes[-1] != 10:
        raise ModelFileError(
            f"{weights_path}: sizes {net.sizes}; the lesson's network reads 784 pixels "
            "(28x28) and gives 10 outputs (one per digit)"
        )
    try:
        actual = sha256_file(weights_path)
    except OSError as e:
        raise ModelFileError(f"{weights_path}: cannot read the weights ({why(e)})") from None
    card = dict(card)
    if card.get("weights_sha256") == actual:
        card["weights_verified"] = True
        if card.get("test_accuracy") is None:
            card["test_count"] = None
        card["accuracy_source"] = None if card.get("test_accuracy") is None else "card"
        return card
    card.update(
        weights_verified=False,
        sizes=net.sizes,
        n_params=net.n_params,
        train_accuracy=None,
        validation_accuracy=None,
        history=None,
        training_history=None,
    )
    what = (
        f"warning: {card_path} describes other weights than {weights_path} "
        f"(sha256 {str(card.get('weights_sha256'))[:12]} vs {actual[:12]})"
    )
    from .mnist import MNISTError, as_inputs, load_mnist  # here: mnist imports this module

    try:
        images, labels = load_mnist("test", mnist)
    except (MNISTError, ValueError) as e:
        card.update(test_accuracy=None, test_count=None, accuracy_source=None)
        print(f"{what}; no MNIST to measure them ({str(e).split(';')[0]}), so no accuracy is shown", file=sys.stderr)
        return card
    card.update(
        test_accuracy=net.accuracy(as_inputs(images), labels), test_count=len(labels), accuracy_source="recomputed"
    )
    print(
        f"{what}; test accuracy recomputed on {len(labels)} MNIST test images: {card['test_accuracy']:.2%}",
        file=sys.stderr,
    )
    return card
