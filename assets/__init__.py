"""The shipped data: the trained weights (`weights.npz`), their model card and training history
(tied to them by sha256), and the showcase digits (`digits/`). Data only; read through `network`."""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
