"""``add_sound`` that survives manim's cache (manim 0.21/0.22, issues 4005 and 4751).

Why: when ``play``/``wait`` finds its partial movie in the cache, manim's Cairo renderer sets
``skip_animations = True`` and leaves it so until the next ``play`` resets it; ``add_sound``
returns early while ``skip_animations`` is set, so every sound added right after a cached
animation is silently dropped from a re-render (a first render has no cache hits, so it keeps
them). The fix clears that flag before adding a sound, only when a cache hit set it: skipping
asked for by ``-n``, ``-s`` or a skipped section still mutes. Needs no manim import; MIT.
"""

from __future__ import annotations

from typing import Any, cast


def allow_sound_after_cache(scene: Any) -> None:
    """Clear the ``skip_animations`` a cache hit left on ``scene.renderer``, and nothing else.

    The last ``play`` was a cache hit when it has a hash (plays skipped by ``-n``, a skipped
    section or ``-s`` record None) yet left ``skip_animations`` set; only then is it cleared,
    as manim's next ``play`` would clear it anyway. Call it right before ``add_sound``.
    """
    renderer = scene.renderer
    hashes = getattr(renderer, "animations_hashes", None)
    if (
        renderer.skip_animations
        and hashes
        and hashes[-1] is not None
        and not getattr(renderer, "_original_skipping_status", True)
    ):
        renderer.skip_animations = False


class CacheSafeSound:
    """Mixin for a Scene base class: its ``add_sound`` keeps sounds on a re-render from cache.

    ``class LessonScene(CacheSafeSound, Scene)``; scenes then call ``self.add_sound`` as usual.
    """

    def add_sound(self, sound_file: str, time_offset: float = 0, gain: float | None = None, **kwargs: Any) -> None:
        allow_sound_after_cache(self)
        # a mixin: add_sound is the Scene's that follows it in the MRO, which mypy cannot see here
        cast(Any, super()).add_sound(sound_file, time_offset, gain, **kwargs)


def add_sound(scene: Any, sound_file: str, time_offset: float = 0, gain: float | None = None) -> None:
    """``scene.add_sound`` that is not dropped after a cache hit, for a scene without the mixin."""
    allow_sound_after_cache(scene)
    scene.add_sound(sound_file, time_offset=time_offset, gain=gain)
