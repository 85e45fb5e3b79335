"""Issue 22 (hardening II): images read as people see them and never through an external program,
state files that cannot destroy data, values checked, a page that no title can break."""

import json
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from network.digits import DigitError, load_image, resolve

ROOT = Path(__file__).resolve().parent.parent


def one_line(text: str) -> str:
    text = text.strip()
    assert text and "\n" not in text and "Traceback" not in text, text
    return text


def _seven(size=(60, 100)) -> Image.Image:
    """A dark 7 on white paper, upright."""
    im = Image.new("L", size, 255)
    w, h = size
    ImageDraw.Draw(im).line([(w * 0.15, h * 0.1), (w * 0.85, h * 0.1), (w * 0.4, h * 0.9)], fill=0, width=6)
    return im


# -- images ------------------------------------------------------------------------------------------
def test_a_postscript_file_named_png_never_starts_ghostscript(tmp_path, monkeypatch):
    fake = tmp_path / "bin"
    fake.mkdir()
    marker = tmp_path / "ran"
    for name in ("gs", "gswin32c", "gswin64c"):  # what Pillow's EPS plugin would run
        (fake / name).write_text(f"#!/bin/sh\ntouch {marker}\nexit 1\n")
        (fake / name).chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    eps = tmp_path / "x.png"
    eps.write_text("%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nnewpath 0 0 moveto 10 10 lineto stroke\n")
    with pytest.raises(DigitError, match="not a readable image .the lesson reads PNG") as e:
        resolve(str(eps))
    assert str(eps) in one_line(str(e.value))
    assert not marker.exists()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP"])
def test_every_format_the_lesson_reads_still_opens(tmp_path, fmt):
    path = tmp_path / f"seven.{fmt.lower()}"
    _seven().save(path, format=fmt)
    assert load_image(path).pixels.max() > 0.9


def test_exif_orientation_is_applied_as_a_viewer_does(tmp_path):
    upright = _seven()
    _seven().save(tmp_path / "upright.png")
    # A phone stores the pixels as the sensor saw them and says "rotate 90 degrees" in EXIF.
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = stored.getexif()
    exif[0x0112] = 6  # orientation: rotate 90 clockwise to display
    stored.save(tmp_path / "phone.jpg", exif=exif, quality=95)
    seen, truth = load_image(tmp_path / "phone.jpg").pixels, load_image(tmp_path / "upright.png").pixels
    assert np.abs(seen - truth).mean() < 0.03  # JPEG noise only; sideways it would differ everywhere


def test_sixteen_bit_and_float_images_are_scaled_not_clipped(tmp_path):
    ref = load_image(_save(_seven(), tmp_path / "ref.png")).pixels
    grey = np.asarray(_seven(), dtype=np.float64) / 255
    Image.fromarray((grey * 65535).astype(np.uint16)).save(tmp_path / "deep.png")
    assert Image.open(tmp_path / "deep.png").mode.startswith("I")
    Image.fromarray(grey.astype(np.float32), mode="F").save(tmp_path / "float.tif")
    for name in ("deep.png", "float.tif"):
        assert np.abs(load_image(tmp_path / name).pixels - ref).max() < 0.02, name


def test_float_image_with_nan_is_one_line(tmp_path):
    a = np.zeros((40, 40), np.float32)
    a[5, 5] = np.nan
    Image.fromarray(a, mode="F").save(tmp_path / "nan.tif")
    with pytest.raises(DigitError, match="NaN"):
        load_image(tmp_path / "nan.tif")


def test_a_thin_strip_is_judged_at_its_real_size(tmp_path):
    im = Image.new("L", (10000, 10), 255)
    with pytest.raises(DigitError, match="blank image") as e:  # never "1024x1 px is too small"
        load_image(_save(im, tmp_path / "blank.png"))
    assert "1024x1" not in one_line(str(e.value))
    ImageDraw.Draw(im).line([(4000, 0), (4000, 9)], fill=0, width=3)
    assert load_image(_save(im, tmp_path / "strip.png")).pixels.max() > 0.9


def test_a_path_with_a_line_break_stays_on_one_line(tmp_path):
    path = tmp_path / "my\ndigit.png"
    path.write_bytes(b"not an image")
    with pytest.raises(DigitError) as e:
        resolve(str(path))
    one_line(str(e.value))
    assert repr(str(path)) in str(e.value)


def _save(im: Image.Image, path: Path) -> Path:
    im.save(path)
    return path


# -- the write journal, training and export ---------------------------------------------------------
from common import files  # noqa: E402
from network import Network, train  # noqa: E402


def _tree(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "journal",
    [
        json.dumps([["model_card.json", "weights.npz"]]),  # another program's (or a prank's) renames
        json.dumps([[".model_card.json.abcd1234.tmp", "weights.npz"]]),  # a temp file onto another target
        json.dumps([["../.weights.npz.abcd1234.tmp", "weights.npz"]]),  # from outside the folder
        json.dumps([[".weights.npz.abcd1234.tmp", "/etc/weights.npz"]]),
        json.dumps({"weights.npz": "model_card.json"}),
        "[" * 100000,
        "\xff\xfe not text",
    ],
)
def test_a_foreign_journal_renames_nothing(tmp_path, capsys, journal):
    weights = tmp_path / "weights.npz"
    Network([784, 16, 16, 10], seed=1).save(weights)
    (tmp_path / "model_card.json").write_text('{"test_accuracy": null}')
    (tmp_path / ".model_card.json.abcd1234.tmp").write_text("a temp file of the card")
    (tmp_path / files.JOURNAL).write_text(journal, encoding="utf-8", errors="surrogateescape")
    before = _tree(tmp_path)
    Network.load(weights)  # a plain load
    assert _tree(tmp_path) == before
    assert "nothing was renamed" in one_line(capsys.readouterr().err)


def test_this_writers_own_journal_is_still_completed(tmp_path):
    target = tmp_path / "weights.npz"
    target.write_text("old")
    tmp = files.temp_beside(target)
    tmp.write_text("new")
    (tmp_path / files.JOURNAL).write_text(json.dumps([[tmp.name, target.name]]))
    assert files.finish_pending(tmp_path) and target.read_text() == "new"
    assert not (tmp_path / files.JOURNAL).exists() and not tmp.exists()


def test_a_folder_in_the_way_fails_before_any_rename(tmp_path):
    (tmp_path / "a.txt").write_text("old a")
    (tmp_path / "b.txt").mkdir()
    with pytest.raises(IsADirectoryError, match="b.txt is a folder"):
        files.write_together(
            [(tmp_path / "a.txt", lambda f: f.write(b"new a")), (tmp_path / "b.txt", lambda f: f.write(b"b"))]
        )
    assert (tmp_path / "a.txt").read_text() == "old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]  # no temp file, no journal


@pytest.mark.parametrize("name", ["model_card.json", "weights.npz", "history.npz"])
def test_training_checks_every_target_before_it_trains(tmp_path, capsys, monkeypatch, name):
    out = tmp_path / "out"
    (out / name).mkdir(parents=True)

    def never(*a, **k):
        raise AssertionError("trained although the result could not be written")

    monkeypatch.setattr(train, "load_mnist", never)
    code = train.main(["--out", str(out), "--epochs", "1"])
    err = capsys.readouterr().err
    assert code == 1 and f"{name} there is a folder" in one_line(err)
    assert "next load" not in err


def test_export_with_a_folder_in_the_way_replaces_nothing_and_leaves_no_temp(tmp_path, capsys):
    from network import export

    site = tmp_path / "site"
    export.export_site(site)
    (site / "try.html").unlink()
    (site / "try.html").mkdir()
    before = _tree(site)
    other = tmp_path / "other.npz"
    Network([784, 16, 16, 10], seed=3).save(other)
    for _ in range(2):
        assert export.main([str(site), "--weights", str(other)]) == 1
        err = one_line(capsys.readouterr().err)
        assert "try.html is a folder" in err and "nothing was changed" in err
    assert _tree(site) == before and not list(site.glob(".*"))
