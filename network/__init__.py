"""A small NumPy neural network that reads MNIST digits, with every value the lesson shows.

Pure NumPy (never imports manim): usable from a notebook.

>>> from network import load_pretrained
>>> net = load_pretrained(); net.sizes
[784, 16, 16, 10]
"""

from .card import model_card
from .history import History, HistoryError, Snapshot, list_snapshots, load_history, load_snapshot
from .model import LayerStep, ModelFileError, Network, Trace, load_pretrained, sigmoid

__all__ = [
    "History",
    "HistoryError",
    "LayerStep",
    "ModelFileError",
    "Network",
    "Snapshot",
    "Trace",
    "list_snapshots",
    "load_history",
    "load_pretrained",
    "load_snapshot",
    "model_card",
    "sigmoid",
]
