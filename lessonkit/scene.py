"""The base of every scene: binds the lesson (weights + NN_DIGIT) and the caption language
(NN_LANG) once, attaches narration lines as timed captions, and notes what each tagged mobject
showed when it came on screen, for the tests.

Imported by every scene file, so a bad NN_DIGIT, NN_LANG or weights file stops manim before
anything renders, with one line saying what is wrong.
"""

from __future__ import annotations

import math
import sys
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import FunctionType

import numpy as np
import srt
from manim import DecimalNumber, FadeIn, FullScreenRectangle, Scene, config, linear
from manim.animation.animation import prepare_animation
from manim.mobject.text.tex_mobject import MathTexPart

from common.cli import one_line
from common.files import write_text
from lessonkit import speech as spoken
from lessonkit.lesson import Lesson, current_lesson
from lessonkit.mobjects import shown_number
from lessonkit.narration import (
    Caption,
    NarrationError,
    caption,
    choose_variant,
    current_lang,
    fill,
    is_accuracy_line,
    languages,
    narration,
    template,
)
from lessonkit.values import TestAccuracy
from network import ModelFileError
from network.digits import DigitError
from voice.scene_sound import CacheSafeSound

try:
    current_lesson()
    SPEECH = spoken.settings(current_lang(), languages())
except (DigitError, ModelFileError, NarrationError, spoken.SpeechError) as e:
    sys.exit(one_line(f"error: {e}"))

CUE_GAP = 0.1  # seconds between one caption's end and the next one's start
FADE_OUT = 0.6  # seconds: every chapter ends by fading its picture to black, never cutting to it
# A line's own animation plays over at least this share of the time the line is up (read or
# spoken), and at most this many times slower than written: the picture moves while the words
# are said, instead of moving for a second and standing for the rest.
STRETCH, STRETCH_MAX = 0.55, 2.5


def shown_value(mob) -> float:
    """The value a tagged mobject displays right now: a number's value, a signed square's or
    edge's relative size, or a neuron's or pixel's fill."""
    if isinstance(mob, DecimalNumber):  # Integer too
        return float(mob.get_value())
    if isinstance(mob, MathTexPart):  # a number inside a Sentence
        return shown_number(mob)
    if mob.shows.signed is not None:
        return mob.shows.signed.read(mob)
    return float(mob.get_fill_opacity())


class LessonScene(CacheSafeSound, Scene):
    """A Scene with the current lesson at `self.lesson` that narrates in timed captions (and, with
    NN_VOICE=on, speech) and notes every value it shows."""

    def setup(self) -> None:
        self.lesson = current_lesson()
        self.lang = current_lang()
        self.shown_mobjects: list = []
        self.shown_values: list[tuple] = []  # (mobject, Shown, value) at the moment it was added
        self.captions: list[tuple[str, Caption, float, float]] = []  # (section, caption, start, end)
        self.section_starts: list[tuple[str, float]] = []
        self._noted: set = set()
        self.speech = SPEECH
        self.spoken: list[tuple[str, float, float, Path]] = []  # (text, start, seconds, clip) of this language
        if self.speech.on:
            # A voiced scene renders every frame anew: replayed from manim's partial-movie cache,
            # a play can end one frame earlier than it did when rendered (measured on TitleCard),
            # which would move every later clip; the speech clips themselves stay cached.
            config.disable_caching = True
            self._prepare_speech()

    # -- sections and narration ----------------------------------------------------------------
    def next_section(self, name: str = "unnamed", *args, **kwargs):
        self.section_starts.append((name, self.renderer.time))
        return super().next_section(name, *args, **kwargs)

    def narrate(
        self,
        line: str,
        *animations,
        variant: str | None = None,
        other: Lesson | None = None,
        during=None,
        **play_kwargs,
    ) -> Caption | None:
        """Play `animations` (if any) with the narration line `line` of the current section as
        their caption, and wait until the line has been read (or spoken) in this language.

        The animations are slowed to fill at least `STRETCH` of the line (at most `STRETCH_MAX`
        times their own run time); the caption stays up for the longer of the animations and the
        line. `during` (an animation, e.g. from `lessonkit.motion`, or a function making one once the
        animations are done) plays for the rest of the line instead of a still picture. `variant`
        picks right/wrong/..., `other` fills {other_*}.
        """
        with self.narrating(line, variant=variant, other=other, during=during) as cap:
            if animations:
                anims = [prepare_animation(a) for a in animations]
                written = play_kwargs.pop("run_time", None) or max(a.run_time for a in anims)
                if cap is not None:
                    written = min(max(written, STRETCH * self._line_seconds), STRETCH_MAX * written)
                self.play(*anims, run_time=written, **play_kwargs)
        return cap

    @contextmanager
    def narrating(self, line: str, variant: str | None = None, other: Lesson | None = None, during=None):
        """The line `line` as the caption of everything played or waited inside the block (for
        steps that are several plays, such as a flip-book of snapshots); at the end, plays `during`
        (or waits) until the line has been read, or spoken, in this language. Yields the Caption
        (None when not said)."""
        section = self.section_starts[-1][0] if self.section_starts else "unnamed"
        if is_accuracy_line(line) and not self.lesson.has(TestAccuracy()):
            yield None  # no figure for these weights: the picture plays, the line is not said
            return
        cap, need = caption(self.lesson, self.narration_scene(), section, line, variant, other, self.lang)
        start = self.renderer.time
        if self.speech.on:  # the picture waits for this language's own voice, never another's
            clip = spoken.clip(cap.text, self.speech)
            said = spoken.seconds(clip)
            need = max(need, said + spoken.VOICE_GAP)
            self.add_sound(str(clip))
            self.spoken.append((cap.text, start, said, clip))
        self._line_seconds = need
        yield cap
        # Waits come in whole frames: count frames, not float seconds (a play replayed from
        # manim's cache adds its time with other rounding, which must not change the pacing).
        frame = 1 / config.frame_rate
        wanted = math.ceil((need + CUE_GAP) / frame - 1e-6)
        missing = wanted - round((self.renderer.time - start) / frame)
        if during is not None and missing * frame >= 0.8:  # shorter, a highlight would only flicker
            if isinstance(during, FunctionType):  # made now, around where the line's animations left things
                during = during()
            self.play(during, run_time=missing * frame)
        elif missing > 0:
            self.wait(missing * frame)
        end = self.renderer.time
        self.add_subcaption(cap.text, duration=end - start - CUE_GAP, offset=start - end)
        self.captions.append((section, cap, start, end - CUE_GAP))

    def _prepare_speech(self) -> None:
        """Speak every line of this scene that needs no other digit, in one voice process, before
        the first frame (a line met later is then a cache hit)."""
        scene = self.narration_scene()
        texts: list[str] = []
        for section, lines in narration("en").get(scene, {}).items():
            for line in lines:
                try:
                    variant = choose_variant(scene, section, line, self.lesson)
                    texts.append(fill(template(self.lang, scene, section, line, variant), self.lesson, self.lang)[0])
                except (KeyError, LookupError, NarrationError):
                    pass  # needs another digit or a value these weights lack: spoken when met
        spoken.prepare(texts, self.speech)

    @classmethod
    def narration_scene(cls) -> str:
        """The scene's name in the narration files: the lesson scene class it is (or derives from)."""
        for klass in cls.__mro__:
            if LessonScene in klass.__bases__:
                return klass.__name__
        return cls.__name__

    def tear_down(self) -> None:
        """End the chapter on a fade to black (the next chapter rises from black), so no frame cuts
        from a full picture straight to black. The picture before the fade is kept at
        `last_picture` (what the chapter ended on, for the tests)."""
        self.last_picture: np.ndarray = np.array(self.renderer.get_frame())
        if self.mobjects:
            veil = FullScreenRectangle(fill_color=config.background_color, fill_opacity=1, stroke_width=0).scale(1.2)
            self.play(FadeIn(veil), run_time=FADE_OUT, rate_func=linear)  # even steps: no sudden last one
        super().tear_down()

    def render(self, preview: bool = False):
        result = super().render(preview)
        if config.save_sections and self.captions:
            self.write_section_captions()
        return result

    def write_section_captions(self) -> None:
        """An .srt beside each section clip (--save_sections), so a clip keeps its lines."""
        writer = self.renderer.file_writer
        folder = Path(writer.sections_output_dir)
        starts = dict(self.section_starts)
        ends = {n: t for (n, _), (_, t) in zip(self.section_starts, self.section_starts[1:])}
        for section in writer.sections:
            if not section.video or section.name not in starts:
                continue
            t0, t1 = starts[section.name], ends.get(section.name, float("inf"))
            cues = [
                srt.Subtitle(k + 1, timedelta(seconds=s - t0), timedelta(seconds=min(e, t1) - t0), cap.text)
                for k, (_, cap, s, e) in enumerate(c for c in self.captions if t0 <= c[2] < t1)
            ]
            path = folder / Path(section.video).with_suffix(".srt").name
            write_text(path, srt.compose(cues, reindex=True))

    # -- what is shown -----------------------------------------------------------------------------
    def add(self, *mobjects):
        self.shown_mobjects.extend(mobjects)
        # Once per mobject and value it stands for (animations add what is already there, often).
        for m in mobjects:
            for f in m.get_family():
                shows = getattr(f, "shows", None)
                if shows is not None and (id(f), shows) not in self._noted:
                    self._noted.add((id(f), shows))
                    self.shown_values.append((f, shows, shown_value(f)))
        return super().add(*mobjects)
