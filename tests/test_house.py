"""The house's rules, read from the sources: data flows one way and no two modules import each
other, even through a delayed import (see docs/layout.md)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("common", "network", "lessonkit", "scenes", "voice", "lessonbuild", "assets", "narration", "web")
STDLIB = set(sys.stdlib_module_names)

# package -> the project packages it may import (besides itself), and whether third-party code may come in
MAY_IMPORT: dict[str, tuple[set[str], bool]] = {
    "common": ({"narration"}, False),  # the standard library only (narration: where the language tables are)
    "assets": (set(), False),
    "narration": (set(), False),
    "web": (set(), False),
    "network": ({"common", "assets", "web"}, True),
    "voice": ({"common"}, True),
    "lessonkit": ({"common", "network", "voice", "narration"}, True),
    "scenes": ({"lessonkit", "network", "common"}, True),
    "lessonbuild": ({"common", "network", "voice", "scenes.catalog", "web"}, True),
}
NEVER = {"network": {"manim"}, "common": {"manim", "numpy"}, "voice": {"manim"}, "lessonbuild": {"manim"}}


def modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(name: str, path: Path) -> set[str]:
    """Every module `name` imports, at the top or inside a function (a delayed import still counts;
    one under ``if TYPE_CHECKING:`` never runs, so it does not)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}  # `from pkg import module`
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    mods = modules()
    return {m: {i for i in imports(m, p) if i in mods and i != m} for m, p in mods.items()}


def test_no_two_modules_import_each_other(graph):
    # Tarjan-free: a module is in a circle when it can reach itself.
    def reach(start: str) -> set[str]:
        seen, todo = set(), list(graph[start])
        while todo:
            m = todo.pop()
            if m not in seen:
                seen.add(m)
                todo += graph[m]
        return seen

    # A package's __init__ re-exporting its own modules is not a circle of ideas: leave those edges out.
    circles = sorted(
        m
        for m in graph
        if m in reach(m)
        and not any(m == other.rpartition(".")[0] or other == m.rpartition(".")[0] for other in graph[m])
    )
    assert circles == [], f"modules in an import circle: {circles}"


def test_each_package_imports_only_what_lies_below_it():
    faults = []
    for name, path in modules().items():
        package = name.split(".")[0]
        allowed, third_party = MAY_IMPORT[package]
        for imp in imports(name, path):
            top = imp.split(".")[0]
            if top in PACKAGES and top != package:
                if not any(imp == a or imp.startswith(a + ".") or top == a for a in allowed):
                    faults.append(f"{name} imports {imp}")
            elif top not in PACKAGES and top not in STDLIB and top != "__future__":
                if not third_party or top in NEVER.get(package, set()):
                    faults.append(f"{name} imports {imp}")
    assert faults == []


def test_the_rules_see_a_forbidden_import(tmp_path):
    """The checker itself: a module importing upward is found."""
    path = tmp_path / "x.py"
    path.write_text("def f():\n    from lessonkit.values import Activation\n    import manim\n", encoding="utf-8")
    assert {"lessonkit.values", "manim"} <= imports("network.x", path)
