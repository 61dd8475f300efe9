#!/usr/bin/env bash
# Start the action server (5055), the Rasa server (5005: REST and socket.io
# channels), the demo clinic page with the chat widget (8080, bot/web.py) and
# the staff console (8081, bot/console/), after bringing the clinic's tables
# to the newest migration (bot/store/schema.py).
# Rasa's HTTP API is on behind RASA_AUTH_TOKEN (a new random one per start
# unless set): the staff console pushes its live replies through it; the
# channels' webhooks need no token.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
# Databases, logs and exports this process creates are owner-only (issue 14).
umask 077
MODEL=${MODEL:-models/clinic.tar.gz}
export RASA_AUTH_TOKEN=${RASA_AUTH_TOKEN:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
export RASA_INTERNAL_URL=${RASA_INTERNAL_URL:-http://localhost:${RASA_PORT:-5005}}
# The Rasa server uses one TensorFlow thread per op: on 2 cores, parallel
# threads inside one small op only contend with the other requests and the
# action server (make bench: median 31 -> 25 ms, 16-at-once throughput
# 35 -> 39 msg/s). Only for `rasa run`: with these set, Rasa's CLI imports
# TensorFlow, which would add ~300 MB to the action server. Training keeps
# TensorFlow's defaults.
TF_THREADS=(TF_INTER_OP_PARALLELISM_THREADS="${TF_INTER_OP_PARALLELISM_THREADS:-1}"
            TF_INTRA_OP_PARALLELISM_THREADS="${TF_INTRA_OP_PARALLELISM_THREADS:-1}")
.venv/bin/python -m bot.store.schema
.venv/bin/python -m bot.action_server --port "${ACTION_PORT:-5055}" --actions actions &
ACTIONS_PID=$!
.venv/bin/python -m bot.web --port "${WEB_PORT:-8080}" &
WEB_PID=$!
.venv/bin/python -m bot.console --port "${CONSOLE_PORT:-8081}" &
CONSOLE_PID=$!
trap 'kill $ACTIONS_PID $WEB_PID $CONSOLE_PID 2>/dev/null || true' EXIT INT TERM
api=()
if [ -n "${RASA_AUTH_TOKEN:-}" ]; then
  api=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
fi
# One server, in-memory lock store: admit two messages at a time into the
# pipeline (first come, first served; bot/channels/guard.py:turn_slot).
env "${TF_THREADS[@]}" MAX_CONCURRENT_TURNS="${MAX_CONCURRENT_TURNS:-2}" .venv/bin/python -m bot.server run --model "$MODEL" --port "${RASA_PORT:-5005}" \
  --credentials credentials.yml --endpoints endpoints.yml "${api[@]}"
