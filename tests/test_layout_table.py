"""The Layout table (docs/layout.md, linked from the README) says what the tree holds: every
top-level folder in git has a row, and every row names a folder that exists. Fast: no manim."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYOUT = ROOT / "docs" / "layout.md"
ROW = re.compile(r"^\| `([^`]+?)/` \|", flags=re.M)


def table_folders() -> list[str]:
    """The folders the Layout table names, in order (its first column, `name/`)."""
    section = LAYOUT.read_text(encoding="utf-8").split("## Folders", 1)[1].split("\n## ", 1)[0]
    return ROW.findall(section)


def git_top_folders() -> set[str]:
    """The first path component of every file git tracks, folders only, dot-folders left out."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    done = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"not a git checkout: {done.stderr.strip()}")
    paths = [p for p in done.stdout.split("\0") if p]
    return {p.split("/", 1)[0] for p in paths if "/" in p and not p.startswith(".")}


def test_the_table_has_rows():
    rows = table_folders()
    assert len(rows) >= 10, f"{LAYOUT}: no Layout table under '## Folders'"
    assert len(rows) == len(set(rows)), f"{LAYOUT}: a folder has two rows: {sorted(rows)}"


def test_every_top_level_folder_in_git_has_a_row():
    missing = sorted(git_top_folders() - set(table_folders()))
    assert not missing, f"{LAYOUT}: top-level folders in git without a row: {missing}"


def test_every_row_names_a_folder_that_exists():
    gone = [name for name in table_folders() if not (ROOT / name).is_dir()]
    assert not gone, f"{LAYOUT}: rows naming folders that do not exist: {gone}"


def test_the_readme_links_the_layout_and_every_link_resolves():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/layout.md)" in readme, "README.md does not link docs/layout.md"
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue  # a web address or an anchor on the same page
            path = (page.parent / target.split("#", 1)[0]).resolve()
            assert path.exists(), f"{page.relative_to(ROOT)}: link to {target}, which does not exist"
