#!/usr/bin/env bash
# Start the action server (5055), the Rasa server (5005: REST and socket.io
# channels) and the demo clinic page with the chat widget (8080, bot/web.py).
# Rasa's HTTP API is enabled only when RASA_AUTH_TOKEN is set, and then only
# behind that token; the channels' webhooks need no token.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
# Databases, logs and exports this process creates are owner-only (issue 14).
umask 077
MODEL=${MODEL:-models/clinic.tar.gz}
# The Rasa server uses one TensorFlow thread per op: on 2 cores, parallel
# threads inside one small op only contend with the other requests and the
# action server (make bench: median 31 -> 25 ms, 16-at-once throughput
# 35 -> 39 msg/s). Only for `rasa run`: with these set, Rasa's CLI imports
# TensorFlow, which would add ~300 MB to the action server. Training keeps
# TensorFlow's defaults.
TF_THREADS=(TF_INTER_OP_PARALLELISM_THREADS="${TF_INTER_OP_PARALLELISM_THREADS:-1}"
            TF_INTRA_OP_PARALLELISM_THREADS="${TF_INTRA_OP_PARALLELISM_THREADS:-1}")
.venv/bin/python -m bot.action_server --port "${ACTION_PORT:-5055}" --actions actions &
ACTIONS_PID=$!
.venv/bin/python -m bot.web --port "${WEB_PORT:-8080}" &
WEB_PID=$!
trap 'kill $ACTIONS_PID $WEB_PID 2>/dev/null || true' EXIT INT TERM
api=()
if [ -n "${RASA_AUTH_TOKEN:-}" ]; then
  api=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
fi
# One server, in-memory lock store: admit two messages at a time into the
# pipeline (first come, first served; bot/channels/guard.py:turn_slot).
env "${TF_THREADS[@]}" MAX_CONCURRENT_TURNS="${MAX_CONCURRENT_TURNS:-2}" .venv/bin/python -m bot.server run --model "$MODEL" --port "${RASA_PORT:-5005}" \
  --credentials credentials.yml --endpoints endpoints.yml "${api[@]}"
