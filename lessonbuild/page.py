"""The lesson page: `web/index.html` filled with the lesson's chapters and sections, plus the
player script and style copied beside it. Static, no CDN: works from disk and from any server.

The "Try it" widget (`web/nn.js`, the network in JavaScript; `web/widget.js`, its UI, which needs
nn.js loaded first; `web/widget.css`; `network/export.py`) is included when present and left out
otherwise.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import web
from common.files import copy_file, in_the_way, shown, write_text
from common.languages import language

from .chapters import BuildError

WEB = web.FOLDER
PAGE_FILES = ("lesson.js", "lesson.css")
WIDGET_FILES = ("nn.js", "widget.js", "widget.css")


def _export_weights(root: Path, out: Path) -> bool:
    """Write `out/weights.js` (the shipped weights, for the widget) through `network.export`, when
    the project being built (`root`) has that exporter."""
    if not (root / "network" / "export.py").is_file():
        return False
    from network import load_pretrained
    from network.export import write_weights_js

    try:
        write_weights_js(load_pretrained(), out / "weights.js")
    except Exception as e:  # the widget is optional; a broken one must say so, not break the lesson
        raise BuildError(f"network.export: write_weights_js failed: {e}") from None
    return True


PAGE_OUTPUTS = ("index.html", "weights.js", *PAGE_FILES, *WIDGET_FILES)  # every file write_page may write


def refuse_in_the_way(out: Path, names: tuple[str, ...] | list[str], who: str, label: str = "") -> None:
    """BuildError (one line, `label` before the folder) when a folder or device stands where `who`
    writes one of `names`: found before any work, not when the last file is written with the page
    half updated."""
    for name in names:
        if in_the_way(out / name) is not None:
            raise BuildError(f"{label}{shown(out)}: {name} there is not a file {who} can replace (a folder?)")


_SLOT = re.compile(r"\{\{([A-Z]+)\}\}")
# In a <script>, "<!--", "<script" and "</script" change how the HTML parser reads on; "&" and
# ">" are escaped too, and U+2028/2029 (line breaks to old JavaScript). JSON reads them back as is.
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: object) -> str:
    """`data` as JSON that can sit inside a <script> element: no string in it (a chapter title, a
    digit's path) can end the script or start a comment, whatever characters it holds."""
    text = json.dumps(data, ensure_ascii=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_SAFE[m[0]], text)


def fill(template: str, values: dict[str, str]) -> str:
    """The template with each ``{{NAME}}`` replaced in one pass: a value that itself holds
    ``{{...}}`` is never filled again. An unknown slot is an error (a template out of step)."""

    def slot(m: re.Match) -> str:
        if m[1] not in values:
            raise BuildError(f"web/index.html: unknown slot {{{{{m[1]}}}}}")
        return values[m[1]]

    return _SLOT.sub(slot, template)


def write_page(out: Path, chapters: list[dict], langs: list[str], made_from: dict, root: Path) -> list[str]:
    """Write `index.html` and its files into `out`; returns their names (relative to `out`)."""
    refuse_in_the_way(out, PAGE_OUTPUTS, "the page")  # before any file is copied
    template = (WEB / "index.html").read_text(encoding="utf-8")
    files = ["index.html"]
    for name in PAGE_FILES:
        copy_file(WEB / name, out / name)
        files.append(name)
    head, scripts = [], []
    for name in WIDGET_FILES:
        if (WEB / name).is_file():
            copy_file(WEB / name, out / name)
            files.append(name)
    if _export_weights(root, out):
        files.append("weights.js")
        scripts.append('<script src="weights.js"></script>')
    if "widget.css" in files:
        head.append('<link rel="stylesheet" href="widget.css">')
    for name in ("nn.js", "widget.js"):  # in this order: widget.js uses window.NNCore from nn.js
        if name in files:
            scripts.append(f'<script src="{name}"></script>')
    tables = [language(code) for code in langs]
    data = {
        "chapters": chapters,
        "langs": [{"code": t.code, "name": t.name, "font": t.font, "labels": t.labels} for t in tables],
        "videos": {code: f"lesson.{code}.mp4" for code in langs},
        "madeFrom": made_from,
    }
    title = chapters[0]["title"] if chapters else "The lesson"
    page = fill(
        template,
        {
            "TITLE": html.escape(title),
            "HEAD": "\n  ".join(head),
            "DATA": f"<script>window.LESSON = {script_json(data)};</script>",
            "SCRIPTS": "\n  ".join(scripts),
        },
    )
    write_text(out / "index.html", page)
    return files
