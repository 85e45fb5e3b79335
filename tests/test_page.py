"""The lesson page in a real browser (Debian's chromium, headless, via Playwright): from disk and
from a web server, no console error or missing file; presenter mode steps section by section and
stops each clip at its section's end; caption language; speaker notes. Screenshots are saved in
build/screenshots/ to be looked at."""

from __future__ import annotations

import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from lesson_small import ROOT, build_small

sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
from caption_scenes import LINES  # noqa: E402

SHOTS = ROOT / "build" / "screenshots"


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    out = tmp_path_factory.mktemp("page")
    report = build_small(out, ["en", "ru"], manim_args=["--fps=5", "--resolution=640,360"])
    assert report.ok, report.failures
    return out


@pytest.fixture(scope="module")
def server(lesson):
    """The lesson folder served on 127.0.0.1 (a quiet http.server in a thread)."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(lesson)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def open_page(page, url: str):
    page.on("response", lambda r: r.status >= 400 and page.errors.append(f"HTTP {r.status}: {r.url}"))
    page.goto(url)
    page.wait_for_function("window.lessonPlayer && document.getElementById('player').readyState >= 2")
    return page


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def clip_playing(page) -> str:
    """The clip the player has loaded (currentSrc catches up with src asynchronously)."""
    page.wait_for_function("(v => v.currentSrc === v.src)(document.getElementById('player'))")
    return page.evaluate("decodeURIComponent(document.getElementById('player').currentSrc.split('/').pop())")


def step(page) -> int:
    return page.evaluate("window.lessonPlayer.state.index")


def showing_cue(page) -> str:
    """The text of the caption the video is showing now ('' when none)."""
    return page.evaluate("""() => {
        const t = [...document.getElementById('player').textTracks].find(t => t.mode === 'showing');
        return t && t.activeCues && t.activeCues.length ? t.activeCues[0].text : '';
    }""")


@pytest.mark.parametrize("where", ["disk", "http"])
def test_page_loads_every_file_and_lists_the_chapters(page, lesson, server, where):
    url = (lesson / "index.html").as_uri() if where == "disk" else f"{server}/index.html"
    open_page(page, url)
    assert page.locator(".chapter-link").all_inner_texts() == ["Shapes", "Equation"]
    assert clip_playing(page).startswith("01-CaptionShapes-01-circle")
    tracks = page.evaluate("[...document.getElementById('player').textTracks].map(t => [t.language, t.mode])")
    assert tracks == [["en", "showing"]]  # the clip's own language: the others have another timing
    page.evaluate("document.getElementById('player').play()")
    page.wait_for_function("document.getElementById('player').currentTime > 0.3")
    page.wait_for_timeout(300)
    assert showing_cue(page) == LINES["en"][0]
    shot(page, f"page-{where}")
    # jump to a chapter
    page.locator(".chapter-link", has_text="Equation").click()
    assert clip_playing(page).startswith("02-CaptionEquation-01-equation")
    assert page.errors == []


def test_presenter_mode_steps_by_section_and_stops_at_its_end(page, server):
    open_page(page, f"{server}/index.html")
    page.keyboard.press("p")
    assert page.evaluate("document.body.classList.contains('presenting')")
    page.keyboard.press("ArrowRight")
    assert step(page) == 1 and clip_playing(page).startswith("01-CaptionShapes-02-square")
    page.wait_for_function("document.getElementById('player').currentTime > 0.3")
    page.wait_for_timeout(300)
    shot(page, "presenter-playing")
    # the clip plays to its section's end and waits there for the next key
    page.wait_for_function("document.getElementById('player').paused", timeout=10_000)
    page.wait_for_timeout(600)
    assert step(page) == 1 and clip_playing(page).startswith("01-CaptionShapes-02-square")
    end = page.evaluate("window.lessonPlayer.steps[1].s.duration.en")
    assert page.evaluate("document.getElementById('player').currentTime") == pytest.approx(end, abs=0.25)
    shot(page, "presenter-section-end")
    page.keyboard.press("PageDown")  # a clicker's "next"
    assert step(page) == 2 and clip_playing(page).startswith("02-CaptionEquation-01-equation")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert step(page) == 0 and clip_playing(page).startswith("01-CaptionShapes-01-circle")
    page.keyboard.press("ArrowLeft")  # nothing before the first section
    assert step(page) == 0
    page.keyboard.press("Escape")
    assert not page.evaluate("document.body.classList.contains('presenting')")
    assert page.errors == []


def test_language_switch_and_speaker_notes(page, lesson):
    open_page(page, (lesson / "index.html").as_uri())
    page.select_option("#lang", "ru")
    tracks = page.evaluate("[...document.getElementById('player').textTracks].map(t => [t.language, t.mode])")
    assert tracks == [["ru", "showing"]]
    assert clip_playing(page).endswith(".ru.mp4")  # Russian's own clip, paced by its own lines
    assert page.locator("#download").get_attribute("href") == "lesson.ru.mp4"
    page.keyboard.press("p")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.getElementById('player').currentTime > 0.3")
    page.wait_for_timeout(300)
    assert showing_cue(page) == LINES["ru"][1]
    page.keyboard.press("n")
    assert page.locator("#notes").is_visible()
    assert page.locator("#notes-now").inner_text() == LINES["ru"][1]
    shot(page, "presenter-notes-ru")
    page.keyboard.press("l")  # next language, the notes follow
    assert page.evaluate("window.lessonPlayer.state.lang") == "en"
    assert page.locator("#notes-now").inner_text() == LINES["en"][1]
    page.keyboard.press("Escape")
    shot(page, "page-notes-en")
    assert page.errors == []


def test_try_it_widget_is_shipped_and_mounted_when_present(page, lesson, tmp_path, monkeypatch):
    """With web/nn.js + widget.js + widget.css present the page copies and mounts them (widget.js here a
    stand-in, which needs nn.js loaded before it)."""
    import json
    import shutil

    import lessonbuild.page as lp

    web = tmp_path / "web"
    shutil.copytree(lp.WEB, web, ignore=shutil.ignore_patterns("widget.*"))
    (web / "widget.js").write_text(
        "window.NNWidget = {mount: function (el, w) {"
        " el.textContent = window.NNCore ? 'widget mounted' : 'no nn.js'; }};",
        encoding="utf-8",
    )
    (web / "widget.css").write_text("#nn-widget { color: #58c4dd; }", encoding="utf-8")
    monkeypatch.setattr(lp, "WEB", web)
    out = tmp_path / "lesson"
    shutil.copytree(lesson, out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = lp.write_page(out, manifest["chapters"], ["en", "ru"], {}, tmp_path)  # no network/export.py here
    assert {"nn.js", "widget.js", "widget.css"} <= set(files) and "weights.js" not in files
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index('<script src="nn.js">') < index.index('<script src="widget.js">')
    open_page(page, (out / "index.html").as_uri())
    assert page.locator("#try-it").is_visible()
    assert page.locator("#nn-widget").inner_text() == "widget mounted"
    assert page.errors == []


def test_built_page_mounts_the_real_widget_with_the_shipped_weights(page, lesson):
    """The build ships web/nn.js, web/widget.js and weights.js from network/export.py; the widget reads them."""
    from network import load_pretrained

    assert {"nn.js", "widget.js", "widget.css", "weights.js"} <= {p.name for p in lesson.iterdir()}
    open_page(page, (lesson / "index.html").as_uri())
    assert page.locator("#try-it").is_visible()
    assert page.locator("#nn-widget canvas").count() >= 1
    sizes = page.evaluate("NNWidget.decodeWeights(window.NN_WEIGHTS).sizes")
    assert sizes == list(load_pretrained().sizes)
    shot(page, "page-try-it")
    assert page.errors == []


def test_page_without_widget_hides_try_it(page, lesson, tmp_path, monkeypatch):
    import json
    import shutil

    import lessonbuild.page as lp

    web = tmp_path / "web"
    shutil.copytree(lp.WEB, web, ignore=shutil.ignore_patterns("nn.js", "widget.*"))
    monkeypatch.setattr(lp, "WEB", web)
    out = tmp_path / "lesson"
    shutil.copytree(lesson, out, ignore=shutil.ignore_patterns("nn.js", "widget.*", "weights.js"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = lp.write_page(out, manifest["chapters"], ["en", "ru"], {}, tmp_path)  # no network/export.py here
    assert not {"nn.js", "widget.js", "widget.css", "weights.js"} & set(files)
    open_page(page, (out / "index.html").as_uri())
    assert page.locator("#nn-widget").count() == 1 and not page.locator("#try-it").is_visible()
    assert page.errors == []


def _page_with(lesson, tmp_path, change):
    """A copy of the small lesson whose page is written again from a changed manifest."""
    import json
    import shutil

    import lessonbuild.page as lp

    out = tmp_path / "lesson"
    shutil.copytree(lesson, out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    made_from = change(manifest) or {}
    lp.write_page(out, manifest["chapters"], ["en", "ru"], made_from, ROOT)
    return out


@pytest.mark.parametrize(
    "title", ["<!--<script", "</script><script>alert(1)</script>", "{{SCRIPTS}} {{DATA}} & \u2028"]
)
def test_no_title_or_path_can_change_the_page(page, lesson, tmp_path, title):
    def change(m):
        m["chapters"][0]["title"] = title
        return {"digit": f"/tmp/{title}.png"}

    out = _page_with(lesson, tmp_path, change)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<script") == index.count("</script>") == 5  # data, weights, nn, widget, lesson
    open_page(page, (out / "index.html").as_uri())
    assert page.evaluate("window.LESSON.chapters[0].title") == title
    assert page.evaluate("window.LESSON.madeFrom.digit") == f"/tmp/{title}.png"
    assert page.locator(".chapter-link").count() == 2
    assert page.errors == []


def test_a_missing_clip_is_named_to_the_viewer(page, lesson, tmp_path):
    import shutil

    out = tmp_path / "lesson"
    shutil.copytree(lesson, out, ignore=shutil.ignore_patterns("clips"))
    page.goto((out / "index.html").as_uri())
    error = page.locator("#player-error")
    error.wait_for(state="visible", timeout=10_000)
    assert "01-CaptionShapes-01-circle.en.mp4" in error.inner_text()
    assert error.get_attribute("role") == "alert"


def test_space_on_a_focused_button_presses_it_even_when_presenting(page, server):
    open_page(page, f"{server}/index.html")
    page.keyboard.press("p")
    assert page.evaluate("document.body.classList.contains('presenting')")
    page.keyboard.press("ArrowRight")
    assert step(page) == 1
    page.focus("#prev")  # the on-screen "previous" a presenter clicked, still focused
    page.keyboard.press(" ")
    assert step(page) == 0  # Space pressed that button; it did not also advance the lesson
    page.focus("#next")
    page.keyboard.press("Enter")
    assert step(page) == 1  # Enter pressed "next" once
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press(" ")
    assert step(page) == 2  # with nothing focused, Space still steps in presenter mode
    page.keyboard.press("Escape")
    assert page.errors == []


@pytest.mark.parametrize("width", [320, 390])
def test_the_page_fits_a_phone(browser, lesson, width):
    """Nothing wider than the screen: the whole player, Notes, Present and the section arrows in
    view without scrolling sideways (the widget adapts on its own)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto((lesson / "index.html").as_uri())
        page.wait_for_function("window.lessonPlayer")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for sel in ("#player", "#notes-toggle", "#present", "#prev", "#next", "#lang"):
            box = page.locator(sel).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (sel, box)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"page-phone-{width}.png"), full_page=True)
    finally:
        context.close()
