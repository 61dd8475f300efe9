#!/usr/bin/env bash
# rasa shell (through bot/server.py) for staff testing, with the action server beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
# Databases, logs and exports this process creates are owner-only (issue 14).
umask 077
.venv/bin/python -m bot.action_server --port "${ACTION_PORT:-5055}" --actions actions >/tmp/clinic-actions.log 2>&1 &
ACTIONS_PID=$!
trap 'kill $ACTIONS_PID 2>/dev/null || true' EXIT INT TERM
.venv/bin/python -m bot.server shell --model models/clinic.tar.gz --endpoints endpoints.yml
