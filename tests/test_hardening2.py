"""Issue 22 (hardening II): images read as people see them and never through an external program,
state files that cannot destroy data, values checked, a page that no title can break."""

import json
import os
import stat
import subprocess
import sys
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


# -- values ------------------------------------------------------------------------------------------
import shutil  # noqa: E402

from network import HistoryError, ModelFileError  # noqa: E402
from network import digits as digits_mod  # noqa: E402
from network.history import load_history  # noqa: E402

ASSETS = ROOT / "assets"


@pytest.mark.parametrize("value", [1.7e308, -1.7e308, 3e6])
def test_absurd_weights_are_refused_in_one_line(tmp_path, value):
    net = Network([784, 16, 16, 10], seed=0)
    net.weights[0][3, 5] = value
    net.save(tmp_path / "w.npz")
    with pytest.raises(ModelFileError, match="W0") as e:
        Network.load(tmp_path / "w.npz")
    assert "absurd" in one_line(str(e.value))


def test_the_largest_sane_weights_give_finite_sums():
    net = Network([784, 16, 16, 10], seed=0)
    net.weights = [np.full_like(w, 1e6) for w in net.weights]
    net.biases = [np.full_like(b, -1e6) for b in net.biases]
    steps = net.trace(np.ones(784)).steps
    assert all(np.all(np.isfinite(s.z)) for s in steps)


@pytest.fixture
def shipped(tmp_path):
    """A copy of the shipped weights, card and history to spoil."""
    for name in ("weights.npz", "model_card.json", "history.npz"):
        shutil.copy(ASSETS / name, tmp_path / name)
    return tmp_path


def _spoil_history(folder: Path, **changes) -> None:
    with np.load(folder / "history.npz") as data:
        arrays = {k: data[k] for k in data.files}
    for key, change in changes.items():
        arrays[key] = change(arrays[key].copy())
    np.savez_compressed(folder / "history.npz", **arrays)


def _set(i, v):
    def change(a):
        a[i] = v
        return a

    return change


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"point_test_accuracy": _set(-1, 7.5)}, r"test_accuracy.*between 0 and 1, got 7\.5"),
        ({"point_val_accuracy": _set(2, -0.1)}, "val_accuracy"),
        ({"point_val_cost": _set(1, np.nan)}, "val_cost.*finite"),
        ({"point_train_cost": _set(0, np.inf)}, "train_cost.*finite"),
        ({"point_images_seen": lambda a: a[::-1].copy()}, "training order"),
        ({"s1_W0": _set((0, 0), np.nan)}, "snapshot.*NaN"),
        ({"train_images": lambda a: np.array(0)}, "train_images must be a positive whole number"),
        ({"train_images": lambda a: np.array("abc")}, "train_images"),
        ({"snapshot_names": lambda a: np.array(["end"] * len(a))}, "same name"),
        ({"snapshot_points": lambda a: a.astype(np.float64)}, "whole numbers"),
        ({"s0_W0": lambda a: a.astype(np.int64)}, "expected a float dtype"),
        ({"s0_W0": lambda a: a.astype(np.complex128)}, "expected a float dtype"),
    ],
)
def test_history_figures_and_contents_are_checked(shipped, changes, message):
    _spoil_history(shipped, **changes)
    with pytest.raises(HistoryError, match=message) as e:
        load_history(shipped / "history.npz", shipped / "weights.npz")
    one_line(str(e.value))


def test_the_card_must_agree_with_the_historys_last_point(shipped):
    load_history(shipped / "history.npz", shipped / "weights.npz")  # as shipped: they agree
    card = json.loads((shipped / "model_card.json").read_text())
    card["test_accuracy"] = round(card["test_accuracy"] + 0.03, 4)  # 96.44% -> 99.44%: one digit
    (shipped / "model_card.json").write_text(json.dumps(card))
    with pytest.raises(HistoryError, match="one was changed without the other") as e:
        load_history(shipped / "history.npz", shipped / "weights.npz")
    assert "99.44%" in one_line(str(e.value))


@pytest.mark.parametrize("label", [42, -1, "3", True, 3.5, None])
def test_showcase_labels_are_digits(tmp_path, monkeypatch, label):
    listing = json.loads((ASSETS / "digits" / "digits.json").read_text())
    for f in (ASSETS / "digits").glob("*.png"):
        shutil.copy(f, tmp_path / f.name)
    listing["digits"]["three_a"]["label"] = label
    (tmp_path / "digits.json").write_text(json.dumps(listing))
    monkeypatch.setattr(digits_mod, "DIGITS_DIR", tmp_path)
    with pytest.raises(digits_mod.DigitError, match="'label' must be a digit 0-9") as e:
        resolve("seven_a")  # any showcase digit: the list is checked as a whole
    one_line(str(e.value))


@pytest.mark.parametrize("file", ["../weights.npz", "/etc/passwd", "", 7])
def test_showcase_files_are_names_in_the_digits_folder(tmp_path, monkeypatch, file):
    listing = json.loads((ASSETS / "digits" / "digits.json").read_text())
    listing["digits"]["three_a"]["file"] = file
    (tmp_path / "digits.json").write_text(json.dumps(listing))
    monkeypatch.setattr(digits_mod, "DIGITS_DIR", tmp_path)
    with pytest.raises(digits_mod.DigitError, match="'file' must name an image"):
        resolve("three_a")


# -- JSON files read back ----------------------------------------------------------------------------
NESTED = "[" * 100000


@pytest.mark.parametrize("content", [NESTED, "[1, 2]", '"a string"', '{"runs": 3}'])
def test_bench_results_of_the_wrong_shape_fail_before_timing(tmp_path, content):
    results = tmp_path / "results.json"
    results.write_text(content)
    run = subprocess.run(
        [sys.executable, "-m", "lessonbuild", "bench", "--results", str(results), "--quality=-ql"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1 and str(results) in one_line(run.stderr)  # the one line: nothing was timed


@pytest.mark.parametrize(
    "content",
    [NESTED, "[]", '{"build": [], "outputs": 3, "ok": true}', '{"build": {"stamp": "x"}, "ok": true, "outputs": [3]}'],
)
def test_a_spoiled_manifest_only_means_a_rebuild(tmp_path, content):
    from common.jsonfile import read_cached
    from lessonbuild.build import _unchanged

    (tmp_path / "manifest.json").write_text(content)
    assert _unchanged(tmp_path, read_cached(tmp_path / "manifest.json", {}), "x") is False


def test_a_nested_model_card_is_one_line(tmp_path):
    from network.card import read_card

    (tmp_path / "model_card.json").write_text(NESTED)
    with pytest.raises(ModelFileError, match="nested too deeply") as e:
        read_card(tmp_path / "model_card.json")
    one_line(str(e.value))


def test_a_nested_showcase_list_is_one_line(tmp_path, monkeypatch):
    (tmp_path / "digits.json").write_text(NESTED)
    monkeypatch.setattr(digits_mod, "DIGITS_DIR", tmp_path)
    with pytest.raises(digits_mod.DigitError, match="nested too deeply") as e:
        resolve("three_a")
    one_line(str(e.value))


# -- MNIST headers, the cache without a home, keyframes ----------------------------------------------
def test_idx_dimensions_that_overflow_int64_are_one_line(tmp_path):
    import struct

    from network.idx import IDXError, parse_idx

    data = bytes([0, 0, 8, 4]) + struct.pack(">IIII", 65536, 65536, 65536, 65536)  # 2**64: 0 in int64
    with pytest.raises(IDXError, match="truncated") as e:
        parse_idx(data, "train-images-idx3-ubyte")
    one_line(str(e.value))


def _no_home(monkeypatch, tmp_path):
    from common import settings

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(RuntimeError("no home"))))
    monkeypatch.setattr(settings.tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(settings, "_private", [])
    return settings, tmp_path / f"nn-lesson-{os.getuid()}"


def test_without_home_the_cache_is_a_private_folder(monkeypatch, tmp_path):
    settings, folder = _no_home(monkeypatch, tmp_path)
    assert settings.user_cache() == folder
    assert folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_planted_link_as_the_cache_is_never_followed(monkeypatch, tmp_path, capsys):
    settings, folder = _no_home(monkeypatch, tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    folder.symlink_to(victim)
    cache = settings.user_cache()
    assert cache != folder and victim not in cache.parents and cache != victim
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700 and cache.stat().st_uid == os.getuid()
    assert "not a private folder" in one_line(capsys.readouterr().err)
    assert settings.user_cache() == cache  # the same one for the rest of the run, one warning
    assert capsys.readouterr().err == ""


def test_keyframes_checks_its_out_folder_before_rendering(tmp_path):
    (tmp_path / "file").write_text("x")
    for out, message in ((tmp_path / "file", "not a folder"), (tmp_path / "file" / "sub", "cannot write there")):
        run = subprocess.run(
            [sys.executable, "tools/keyframes.py", "scenes/forward.py", "ForwardPass", "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,  # a render would take minutes
        )
        assert run.returncode == 1 and message in one_line(run.stderr)


# -- siblings found by a hostile sweep ---------------------------------------------------------------
def _run(*argv, **env):
    return subprocess.run(
        [sys.executable, *argv], cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, **env}
    )


def test_an_npz_member_without_npy_header_is_one_line(tmp_path, shipped):
    import zipfile

    with np.load(ASSETS / "weights.npz") as data:
        arrays = {k: data[k] for k in data.files}
    with zipfile.ZipFile(tmp_path / "w.npz", "w") as z:
        for k, v in arrays.items():
            if k != "sizes":
                with z.open(f"{k}.npy", "w") as f:
                    np.save(f, v)
        z.writestr("sizes", b"raw bytes, no .npy header")
    with pytest.raises(ModelFileError, match="not a NumPy array") as e:
        Network.load(tmp_path / "w.npz")
    one_line(str(e.value))


def test_an_empty_mnist_split_is_one_line(tmp_path):
    from network.idx import IDXError, write_idx
    from network.mnist import FILES, load_mnist

    for split in ("train", "test"):
        write_idx(tmp_path / f"{FILES[split][0]}.gz", np.zeros((0, 28, 28), np.uint8))
        write_idx(tmp_path / f"{FILES[split][1]}.gz", np.zeros(0, np.uint8))
    with pytest.raises(IDXError, match="holds no images") as e:
        load_mnist("test", tmp_path)
    one_line(str(e.value))
    run = _run("-m", "network.train", "--data", str(tmp_path), "--out", str(tmp_path / "out"), "--epochs", "1")
    assert run.returncode == 1 and "holds no images" in one_line(run.stderr) and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["-m", "network.train", "--out", "{file}"],
        ["-m", "network.train", "--data", "/tmp/no\ndata", "--out", "{tmp}/o"],
        ["-m", "network.export", "{file}"],
        ["-m", "network.mnist", "check", "--dir", "/tmp/x\ny"],
        ["-m", "lessonbuild", "--lang", "en\nfr"],
        ["-m", "voice", "en", "hi", "--cache", "/etc/passwd/x\ny"],
    ],
)
def test_control_characters_in_values_never_split_the_error_line(tmp_path, argv):
    bad = tmp_path / "f\nx\x01"
    bad.write_text("a file")
    run = _run(*(a.replace("{file}", str(bad)).replace("{tmp}", str(tmp_path)) for a in argv))
    assert run.returncode != 0
    line = one_line(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "")
    assert len(run.stderr.strip().splitlines()) == 1 and "\x01" not in line, run.stderr


def test_a_rotated_tiff_is_refused_not_misread(tmp_path):
    im = _seven()
    exif = im.getexif()
    exif[0x0112] = 6
    im.save(tmp_path / "o6.tif", exif=exif)
    with pytest.raises(DigitError, match="stored rotated"):
        load_image(tmp_path / "o6.tif")


def test_export_refuses_an_empty_folder_name_and_weights_the_widget_cannot_show(tmp_path):
    run = _run("-m", "network.export", "")
    assert run.returncode == 2 and "empty" in one_line(run.stderr)
    Network([4, 3, 2], seed=0).save(tmp_path / "small.npz")
    run = _run("-m", "network.export", str(tmp_path / "site"), "--weights", str(tmp_path / "small.npz"))
    assert run.returncode == 1 and "784 pixels" in one_line(run.stderr) and not (tmp_path / "site").exists()


def test_a_folder_where_the_build_writes_fails_before_any_render(tmp_path):
    (tmp_path / "out" / "manifest.json").mkdir(parents=True)
    run = _run(
        "-m", "lessonbuild", "--scene", "scenes/title.py:TitleCard", "--out", str(tmp_path / "out"), "--lang", "en"
    )
    assert run.returncode != 0 and "manifest.json there is not a file" in one_line(run.stderr)
    assert not (tmp_path / "out" / ".work").exists()  # nothing was rendered


def test_film_benchmark_of_an_image_is_a_failure(tmp_path):
    _seven().save(tmp_path / "still.bmp")
    run = _run("-m", "lessonbuild", "film", str(tmp_path / "still.bmp"))
    assert run.returncode != 0 and "still.bmp" in one_line(run.stderr)


def test_bench_table_with_no_video_is_printed():
    from lessonbuild.bench import _table

    run = {
        "scenes": [{"scene": "Foo", "video": 0.0, "wall": 1.0, "ratio": None}],
        "video": 0.0,
        "wall": 1.0,
        "ratio": None,
    }
    assert "(no video)" in _table(run)


def test_odd_numbers_in_the_last_manifest_are_ignored(tmp_path):
    from common.jsonfile import read_cached
    from lessonbuild.build import previous_seconds

    seconds = '{"A [en]": ' + "9" * 400 + ', "B [en]": 12.5, "C [en]": true, "D [en]": "7"}'
    (tmp_path / "manifest.json").write_text('{"build": {"render_seconds": ' + seconds + "}}")
    assert previous_seconds(read_cached(tmp_path / "manifest.json", {})) == {"B [en]": 12.5}
    assert previous_seconds({"build": []}) == {} and previous_seconds({}) == {}


def test_keyframes_checks_the_digit_and_file_before_manim_and_says_one_line(tmp_path):
    run = _run("tools/keyframes.py", "scenes/forward.py", "ForwardPass", "--out", str(tmp_path), NN_DIGIT="nope")
    assert run.returncode == 1 and "NN_DIGIT='nope'" in one_line(run.stderr)
    (tmp_path / "x.txt").write_text("not python")
    run = _run("tools/keyframes.py", str(tmp_path / "x.txt"), "Foo", "--out", str(tmp_path))
    assert run.returncode == 1 and "not a Python scene file" in one_line(run.stderr)
