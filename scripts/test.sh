#!/usr/bin/env bash
# The whole test suite (make test; .ci/run calls make test): unit tests of
# bot/ and the actions, Rasa's data validation, story tests, NLU accuracy on
# unseen phrasings, and end-to-end answers from the running assistant.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
mkdir -p results
# Paths given: just those (plus any options); none: everything but the slow
# reliability suite, which has its own target (make test-reliability).
paths=()
for arg in "$@"; do [[ "$arg" != -* && -e "${arg%%::*}" ]] && paths+=("$arg"); done
if [ ${#paths[@]} -eq 0 ]; then set -- tests --ignore=tests/reliability "$@"; fi
.venv/bin/python -m pytest -v -rs --timeout 1800 "$@"
