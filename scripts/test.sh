#!/usr/bin/env bash
# Install what is missing, check the code (ruff lint + format, mypy), then run the whole test suite.
# Extra arguments go to pytest. The quick loop while you work is the unit tests alone:
#   .venv/bin/python -m pytest -m unit            # no renders, no browser: well under 30 s
#   bash scripts/test.sh -m "not browser"         # everything but the page tests
NN_SETUP_BROWSER=1
NN_SETUP_VOICE=1      # the voice tests run in CI too (the extra installs in seconds from wheels)
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
say "ruff check, ruff format --check, mypy"
ruff check --quiet .
ruff format --check --quiet .
mypy
exec python -m pytest "$@"
