"""Headless Chromium for page tests: Debian's system browser driven by Playwright for Python.

A browser download (`playwright install`) is not possible offline, so Playwright is pointed at
the `chromium` the setup script installs. Use the `page` fixture from conftest, or `open_browser()`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

# Without the background-networking flags Chromium keeps dialling out, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


def chromium_path() -> str | None:
    """The system Chromium: $CHROMIUM, else the first of chromium / chromium-browser on the PATH."""
    env = os.environ.get("CHROMIUM")
    if env:
        return env
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def open_browser() -> Iterator[object]:
    """A headless Chromium (Playwright Browser); closed on exit."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError("no chromium on the PATH: run scripts/test.sh, which installs it")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
