import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _aborted_by_page(request) -> bool:
    """A media load the page itself cancelled (a new clip chosen while the last one loaded): not an error."""
    return request.resource_type == "media" and "ERR_ABORTED" in (request.failure or "")


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    """The real MNIST: $MNIST_DIR, ../shared/mnist or the per-user cache `download` fills.
    Missing in CI is a failure, never a skip."""
    from network.mnist import default_dir

    candidates = [os.environ.get("MNIST_DIR"), ROOT.parent / "shared" / "mnist", default_dir()]
    for c in candidates:
        if c and any((Path(c) / f"t10k-images-idx3-ubyte{z}").is_file() for z in (".gz", "")):
            return Path(c)
    if os.environ.get("CI"):
        pytest.fail("MNIST not found in $MNIST_DIR, ../shared/mnist or the user cache; CI must have it")
    pytest.skip("MNIST not found: set MNIST_DIR")


@pytest.fixture(scope="session")
def browser():
    """Headless system Chromium (see tests/browser.py). Missing in CI is a failure, never a skip."""
    from browser import chromium_path, open_browser

    if chromium_path() is None and not os.environ.get("CI"):
        pytest.skip("no chromium on the PATH: run scripts/test.sh")
    with open_browser() as b:
        yield b


@pytest.fixture
def page(browser):
    """A fresh page; console errors and failed requests are collected in page.errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.errors.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: _aborted_by_page(r) or page.errors.append(f"requestfailed: {r.url} ({r.failure})"))
    yield page
    context.close()
