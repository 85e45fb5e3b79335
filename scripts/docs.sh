#!/usr/bin/env bash
# Install what is missing, then build the library's reference (docs/) into build/docs, rendering
# every `.. manim::` example of the docstrings at low quality. Works offline. Extra arguments go to
# sphinx-build (e.g. -E to rebuild every page).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec sphinx-build -W --keep-going -b html "$@" docs build/docs
