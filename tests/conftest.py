import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    """The real MNIST: $MNIST_DIR or ../shared/mnist. Missing in CI is a failure, never a skip."""
    candidates = [os.environ.get("MNIST_DIR"), ROOT.parent / "shared" / "mnist"]
    for c in candidates:
        if c and (Path(c) / "t10k-images-idx3-ubyte.gz").exists():
            return Path(c)
    if os.environ.get("CI"):
        pytest.fail("MNIST not found in $MNIST_DIR or ../shared/mnist; CI must have it")
    pytest.skip("MNIST not found: set MNIST_DIR")
