"""The lesson page: `web/index.html` filled with the lesson's chapters and sections, plus the
player script and style copied beside it. Static, no CDN: works from disk and from any server.

The "Try it" widget (`web/nn.js`, the network in JavaScript; `web/widget.js`, its UI, which needs
nn.js loaded first; `web/widget.css`; `network/export.py`) is included when present and left out
otherwise.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import web
from common.files import copy_file, write_text
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


def write_page(out: Path, chapters: list[dict], langs: list[str], made_from: dict, root: Path) -> list[str]:
    """Write `index.html` and its files into `out`; returns their names (relative to `out`)."""
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
    blob = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    title = chapters[0]["title"] if chapters else "The lesson"
    page = (
        template.replace("{{TITLE}}", html.escape(title))
        .replace("{{HEAD}}", "\n  ".join(head))
        .replace("{{DATA}}", f"<script>window.LESSON = {blob};</script>")
        .replace("{{SCRIPTS}}", "\n  ".join(scripts))
    )
    write_text(out / "index.html", page)
    return files
