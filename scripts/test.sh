#!/usr/bin/env bash
# Install what is missing, then run the whole test suite. Extra arguments go to pytest.
NN_SETUP_BROWSER=1
NN_SETUP_VOICE=1      # the voice tests run in CI too (the extra installs in seconds from wheels)
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec python -m pytest "$@"
