"""Chores every package may use: files written whole, cache folders, hashes, JSON, one-line
command-line errors, the environment settings and the language tables.

Standard library only, and imports nothing else of the project, so `network`, `voice`,
`lessonkit`, `scenes` and `lessonbuild` can all lean on it without an import circle.
"""
