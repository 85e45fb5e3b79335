import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Every test is one kind (pytest -m KIND): unit (no render, no browser; the quick loop), render
# (manim, voices or the lesson build) or browser (the page in Chromium). A file's tests are of its
# kind here unless a test says otherwise with its own mark; a test of no kind is a collection error.
KINDS = ("unit", "render", "browser")
FILE_KIND = {
    "test_model.py": "unit",
    "test_narration_files.py": "unit",
    "test_digits.py": "unit",
    "test_history.py": "unit",
    "test_train.py": "unit",
    "test_mnist.py": "unit",
    "test_readme.py": "unit",
    "test_layout_table.py": "unit",
    "test_house.py": "unit",
    "test_film.py": "unit",
    "test_languages.py": "unit",
    "test_hardening.py": "unit",
    "test_hardening2.py": "unit",
    "test_mobjects.py": "unit",
    "test_captions.py": "unit",
    "test_agreement.py": "unit",
    "test_scenes.py": "render",
    "test_layout.py": "render",
    "test_build.py": "render",
    "test_learning.py": "render",
    "test_voice.py": "render",
    "test_voice_lesson.py": "render",
    "test_install.py": "render",
    "test_page.py": "browser",
    "test_widget.py": "browser",
}


# Running on every core (pytest -n 2, as scripts/test.sh does), tests that share work run in one
# worker: a file's tests that share module fixtures (a small lesson built, a page), the truth and
# layout tests of one chapter and digit, which share one render (tests/renders.py), and one
# chapter's captions in every language (its formulas then come from the worker's LaTeX cache). Done by a
# scheduler of our own: xdist's `--dist loadgroup` marks do not reach its scheduler under pytest 9.
GROUPED_FILES = ("test_build.py", "test_page.py", "test_widget.py", "test_voice_lesson.py", "test_install.py")


def work_unit(nodeid: str) -> str:
    """The unit of work a test belongs to: tests of one unit run in one worker, in order."""
    path, _, name = nodeid.partition("::")
    file = path.rpartition("/")[2]
    if file in GROUPED_FILES:
        return file
    if file in ("test_scenes.py", "test_layout.py") and "[" in name:
        a, _, b = name[name.index("[") + 1 : -1].partition("-")
        scene, digit = (a, b) if file == "test_scenes.py" else (b, a)  # ids: [Scene-digit], [digit-Scene]
        return f"render {scene} {digit}"
    if file == "test_captions.py" and "[" in name:  # one chapter in three languages: its LaTeX is typeset once
        return f"captions {name[name.index('[') + 1 :].partition('-')[0]}"
    return nodeid


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class ByWorkUnit(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return ByWorkUnit(config, log)


def pytest_collection_modifyitems(config, items):
    for item in items:
        own = [k for k in KINDS if item.get_closest_marker(k)]
        if not own and item.path.name in FILE_KIND:
            item.add_marker(FILE_KIND[item.path.name])
            own = [FILE_KIND[item.path.name]]
        if len(own) != 1:
            raise pytest.UsageError(f"{item.nodeid}: needs exactly one of the marks {', '.join(KINDS)}, has {own}")


@pytest.fixture(scope="session")
def render_dir(tmp_path_factory) -> Path:
    """Where the shared chapter renders of tests/renders.py go."""
    return tmp_path_factory.mktemp("renders")


@pytest.fixture(scope="session", autouse=True)
def shared_tex_cache(request, tmp_path_factory):
    """One LaTeX cache for the in-process renders, kept in pytest's cache folder between runs, so a
    formula is typeset once, not once per test's media folder (manim names each file by a hash of
    its LaTeX, and writes it whole). Renders in subprocesses keep their own cache."""
    if "manim" not in sys.modules:
        yield
        return
    from manim import config

    cache = getattr(request.config, "cache", None)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")  # one folder per worker: no two LaTeX runs race
    folder = (cache.mkdir("manim-tex") if cache is not None else tmp_path_factory.getbasetemp()) / worker
    before = config.tex_dir
    config.tex_dir = str(folder)
    yield
    config.tex_dir = before


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
    page.on(
        "requestfailed", lambda r: _aborted_by_page(r) or page.errors.append(f"requestfailed: {r.url} ({r.failure})")
    )
    yield page
    context.close()
