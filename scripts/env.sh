# Sourced by the scripts: local defaults, overridden by .env and the environment.
if [ -f .env ]; then set -a; . ./.env; set +a; fi
export ACTION_ENDPOINT_URL=${ACTION_ENDPOINT_URL:-http://localhost:5055/webhook}
# Rasa's conversation store (endpoints.yml): the clinic database when one is
# configured, else a local SQLite file.
export TRACKER_STORE_URL=${TRACKER_STORE_URL:-${DATABASE_URL:-sqlite:///$(pwd)/tracker.db}}
export SANIC_WORKERS=${SANIC_WORKERS:-1}
# Keep TensorFlow quiet and on the CPU.
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}
export CUDA_VISIBLE_DEVICES=${CUDA_VISIBLE_DEVICES:-}
# No telemetry calls from Rasa (there is no network beyond the registries).
export RASA_TELEMETRY_ENABLED=false
export PYTHONPATH="$(pwd)${PYTHONPATH:+:$PYTHONPATH}"
