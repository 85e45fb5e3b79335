"""The whole lesson in one build: every chapter rendered through manim's CLI, joined into one
video with chapters and subtitle tracks, cut into section clips, and exported as a lesson page.

`python -m lessonbuild --help` lists the commands; `build.build_lesson` is the entry point.
"""
