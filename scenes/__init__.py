"""The lesson's chapter files, the ones users render: ``manim -pql scenes/<chapter>.py <Scene>``.

The library they are built from lives in `lessonkit` (values, style, mobjects, narration, speech,
the scene base class). The library's old homes under `scenes` (``scenes.values``,
``scenes.mobjects``, ...) still import, as aliases of their `lessonkit` modules, for scripts
written before the move; new code imports `lessonkit`.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
from types import ModuleType

# old module -> its home now (kept for scripts written against the old layout); an old module
# whose names now live in two modules is a view of both
MOVED: dict[str, str | tuple[str, ...]] = {
    "scenes.values": ("lessonkit.values", "lessonkit.lesson"),
    "scenes.style": "lessonkit.style",
    "scenes.mobjects": "lessonkit.mobjects",
    "scenes.charts": "lessonkit.mobjects.charts",
    "scenes.captions": "lessonkit.narration",
    "scenes.speech": "lessonkit.speech",
    "scenes.lesson": "lessonkit.scene",
}


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports an old module name as the module it moved to (the very same module object)."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        return importlib.util.spec_from_loader(name, self) if name in MOVED else None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        target = MOVED[spec.name]
        if isinstance(target, tuple):
            return None  # a new module, filled from its homes by exec_module
        module = importlib.import_module(target)
        self._own_spec = module.__spec__  # importlib sets the alias's spec on it next
        return module

    def exec_module(self, module: ModuleType) -> None:
        spec = module.__spec__  # the alias's spec, set by importlib
        target = MOVED[spec.name if spec is not None else module.__name__]
        if isinstance(target, tuple):
            for home in target:
                public = {k: v for k, v in vars(importlib.import_module(home)).items() if not k.startswith("__")}
                module.__dict__.update(public)
            return
        # Already executed under its new name; importlib set the alias's spec on it: put back its own.
        module.__spec__ = self._own_spec


if not any(isinstance(f, _Alias) for f in sys.meta_path):
    sys.meta_path.insert(0, _Alias())
