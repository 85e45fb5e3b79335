#!/usr/bin/env bash
# Install what is missing, then run the whole test suite. Extra arguments go to pytest.
NN_SETUP_BROWSER=1
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec python -m pytest "$@"
