"""``add_sound`` that survives manim's cache (manim 0.21/0.22, issues 4005 and 4751).

Why: when ``play``/``wait`` finds its partial movie in the cache, manim's Cairo renderer sets
``skip_animations = True`` and leaves it so until the next ``play`` resets it; ``add_sound``
returns early while ``skip_animations`` is set, so every sound added right after a cached
animation is silently dropped from a re-render. The fix restores the renderer's own skipping
state (the one from ``-n``/``--save_last_frame``/skipped sections, which must still mute) before
adding. Imports manim only when used; MIT.
"""

from __future__ import annotations

from typing import Any


def add_sound(scene: Any, sound_file: str, time_offset: float = 0, gain: float | None = None) -> None:
    """``scene.add_sound`` that is not dropped after a cache hit; muted only where manim truly skips."""
    renderer = scene.renderer
    original = getattr(renderer, "_original_skipping_status", None)
    if original is not None and renderer.skip_animations and not original:
        section = getattr(renderer.file_writer, "sections", None)
        if not (section and section[-1].skip_animations):
            renderer.skip_animations = False      # only the cache hit had set it; play() resets it anyway
    scene.add_sound(sound_file, time_offset=time_offset, gain=gain)
