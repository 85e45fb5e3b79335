"""Sphinx configuration of the library's reference: ``bash scripts/docs.sh`` builds it into build/docs.

The ``.. manim::`` examples in the docstrings are rendered by manim's own directive
(``manim.utils.docbuild.manim_directive``), each as its last frame, at low quality (854x480).
Everything works offline: no theme, font or script is fetched.
"""

from __future__ import annotations

import re
from pathlib import Path

from manim import QUALITIES
from manim.utils.docbuild import manim_directive

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent

project = "nn-lesson"
author = "nn-lesson authors"
copyright = "nn-lesson authors; MNIST by Yann LeCun, Corinna Cortes and Christopher J. C. Burges (CC BY-SA 3.0)"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",  # the docstrings are numpydoc style
    "manim.utils.docbuild.manim_directive",
]

# The reference is the .rst files; the Markdown topic pages beside them are read on GitHub or on disk.
source_suffix = {".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["media", "*.md"]  # media/: the manim directive's renders and LaTeX cache
templates_path: list[str] = []
html_static_path = ["_static"]  # manim-binder.min.js: an offline stand-in (see the file)
html_theme = "alabaster"  # ships with Sphinx
html_title = "nn-lesson: the lessonkit library"

# `Lesson`, `lessonkit.style.grid_scheme`: single backticks are links to the documented objects
default_role = "py:obj"

napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}

# The docstrings write absolute values as |value|, |w|, |w a|, which reStructuredText reads as
# substitutions. Each such name found in the documented sources is defined as itself, bars
# included, so the text reads as written (no docstring is changed).
_BARS = re.compile(r"(?<![|\w\\])\|([A-Za-z](?:[A-Za-z0-9_ ]*[A-Za-z0-9_])?)\|(?![|\w])")
_SOURCES = [*sorted((ROOT / "lessonkit").rglob("*.py")), *sorted((ROOT / "network").glob("*.py"))]
_ABSOLUTE = sorted({m.group(1) for f in _SOURCES for m in _BARS.finditer(f.read_text(encoding="utf-8"))})
rst_prolog = "".join(f".. |{name}| replace:: \\|{name}\\|\n" for name in _ABSOLUTE)

# How the manim directive renders examples that give no ``:quality:`` of their own (all of them):
# one of "low" (854x480, the -ql of manim's command line), "medium", "high", "fourk".
manim_quality = "low"


def _manim_quality(app, config) -> None:
    # The directive renders an example without ``:quality:`` at QUALITIES["example_quality"]; give
    # it the chosen quality instead (a copy in the directive's module; manim's own table is left as is).
    chosen = QUALITIES[f"{config.manim_quality}_quality"]
    manim_directive.QUALITIES = {**QUALITIES, "example_quality": chosen}
    # The directive logs each example's render time to ../rendering_times.csv relative to the
    # working directory, i.e. outside the checkout; keep that log beside the build instead.
    out = Path(app.outdir)
    out.mkdir(parents=True, exist_ok=True)
    manim_directive.rendering_times_file_path = out / "rendering_times.csv"


def setup(app):
    app.add_config_value("manim_quality", "low", "env", types=[str])
    app.connect("config-inited", _manim_quality)
