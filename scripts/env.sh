# Sourced by the scripts: local defaults, overridden by .env and the environment.
if [ -f .env ]; then set -a; . ./.env; set +a; fi
export ACTION_ENDPOINT_URL=${ACTION_ENDPOINT_URL:-http://localhost:5055/webhook}
# The shared secret Rasa sends to the action server (endpoints.yml) and the
# action server checks (bot/action_server.py): a new one per start unless set.
export ACTION_SERVER_TOKEN=${ACTION_SERVER_TOKEN:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
# Rasa's conversation store (endpoints.yml): the clinic database when one is
# configured, else a local SQLite file.
export TRACKER_STORE_URL=${TRACKER_STORE_URL:-${DATABASE_URL:-sqlite:///$(pwd)/tracker.db}}
export SANIC_WORKERS=${SANIC_WORKERS:-1}
# Rasa opens a connection to the action server and, when busy, may take more
# than Sanic's default 5 s to send on it; the action server would close it
# (rasa-sdk later raised this default to 120 s for the same reason).
export SANIC_KEEP_ALIVE_TIMEOUT=${SANIC_KEEP_ALIVE_TIMEOUT:-120}
# Keep TensorFlow quiet and on the CPU.
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}
export CUDA_VISIBLE_DEVICES=${CUDA_VISIBLE_DEVICES:-}
# No telemetry calls from Rasa (there is no network beyond the registries).
export RASA_TELEMETRY_ENABLED=false
export PYTHONPATH="$(pwd)${PYTHONPATH:+:$PYTHONPATH}"
# Website chat widget (make run): the sites allowed to open Rasa's socket.io
# channel (comma-separated origins, never *), and Rasa's URL as the browser
# sees it (the demo page's /config.js and its Content-Security-Policy).
export SOCKETIO_ALLOWED_ORIGINS=${SOCKETIO_ALLOWED_ORIGINS:-http://localhost:8080,http://127.0.0.1:8080}
export RASA_PUBLIC_URL=${RASA_PUBLIC_URL:-http://localhost:5005}
# SMS and WhatsApp via Twilio (docs/twilio.md). Empty auth token: the webhook
# refuses every request (403). TWILIO_VALIDATE_SIGNATURE=false: local dev only.
export TWILIO_ACCOUNT_SID=${TWILIO_ACCOUNT_SID:-}
export TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN:-}
export TWILIO_NUMBER=${TWILIO_NUMBER:-}
export TWILIO_WEBHOOK_URL=${TWILIO_WEBHOOK_URL:-}
export TWILIO_VALIDATE_SIGNATURE=${TWILIO_VALIDATE_SIGNATURE:-true}
