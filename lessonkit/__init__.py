"""The library the lesson's scenes are built from, for your own manim files too.

- `lessonkit.values`: the typed value keys (``Activation(layer, i)``, ``Bias(layer, j)``, ...);
- `lessonkit.lesson`: `Lesson`, the weights and one digit bound once, resolving keys to values;
- `lessonkit.style`: colours, fonts and sizes;
- `lessonkit.mobjects`: digits, neurons, the network diagram, weight images, text with numbers,
  charts; each takes keys and remembers the values it shows;
- `lessonkit.narration` and `lessonkit.speech`: caption lines filled from the model, and voices;
- `lessonkit.scene`: `LessonScene`, the base of every chapter in `scenes/`.

Importing this package imports nothing else; manim is loaded by the modules that draw.
"""
