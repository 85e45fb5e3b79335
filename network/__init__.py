"""A small NumPy neural network that reads MNIST digits, with every value the lesson shows.

Pure NumPy (never imports manim): usable from a notebook.

>>> from network import load_pretrained
>>> net = load_pretrained(); net.sizes
[784, 16, 16, 10]
"""
from .model import LayerStep, ModelFileError, Network, Trace, load_pretrained, model_card, sigmoid

__all__ = ["LayerStep", "ModelFileError", "Network", "Trace", "load_pretrained", "model_card", "sigmoid"]
