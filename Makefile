# Clinic assistant: `make run` to start it, `make test` to test it.
# Every target sets up what it needs on a fresh machine (package registries only).

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMP := $(VENV)/.setup-done
MODEL_DIR := models
MODEL := $(MODEL_DIR)/clinic.tar.gz
WEB_DEPS := web/node_modules/.package-lock.json
# What the model is built from: config, data, domain, the articles, and the
# bot/ modules the pipeline and policies import (not channels, staff tools...).
MODEL_CODE := bot/__init__.py $(wildcard bot/nlu/*.py) bot/handover_policy.py bot/text.py bot/encoder.py \
	bot/search.py bot/articles.py bot/profile.py bot/names.py \
	bot/red_flag_detector.py bot/red_flag_policy.py $(wildcard bot/red_flags/*.py) \
	bot/fixed_policy.py bot/booking_policy.py bot/booking_cues.py $(wildcard bot/booking/*.py) \
	bot/clinic_router.py bot/clinic_questions.py bot/followups.py bot/followup_policy.py \
	bot/spelling.py
TRAIN_INPUTS := config.yml clinic.yml $(MODEL_CODE) $(shell find data domain -type f \( -name '*.yml' -o -name '*.txt' \) 2>/dev/null)

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)

.PHONY: lock audit setup train run web shell actions test test-reliability bench redflag-eval booking-eval nlu-eval nlu-cv test-unit validate test-core test-nlu test-e2e profile clean eval

setup: $(STAMP)

$(STAMP): requirements/lock.txt requirements/rasa.txt scripts/setup.sh
	bash scripts/setup.sh
	touch $(STAMP)

# requirements/lock.txt again from rasa-deps.txt, app.txt, dev.txt and
# constraints.txt (pip-tools in a throw-away venv; run after changing them).
lock:
	rm -rf /tmp/clinic-lock-tools && python3 -m venv /tmp/clinic-lock-tools
	/tmp/clinic-lock-tools/bin/pip install -q pip-tools
	bash scripts/lock.sh /tmp/clinic-lock-tools/bin/pip-compile

# Known vulnerabilities of the locked dependencies (pip-audit, in a throw-away
# venv; it asks PyPI's advisory service over the network). --strict: a
# package it could not look up fails the audit instead of passing unseen
# (on this project's machines PyPI's JSON API is not reachable: it fails).
audit:
	rm -rf /tmp/clinic-audit-tools && python3 -m venv /tmp/clinic-audit-tools
	/tmp/clinic-audit-tools/bin/pip install -q pip-audit
	/tmp/clinic-audit-tools/bin/pip-audit --strict --disable-pip --no-deps -r requirements/lock.txt -r requirements/rasa.txt

profile: $(STAMP)
	$(PY) -m bot.profile render

# Rasa's own fingerprinting skips unchanged parts; the model only rebuilds
# when config, data, domain, the articles or our components change.
$(MODEL): $(STAMP) $(TRAIN_INPUTS)
	$(PY) -m bot.profile render
	@start=$$(date +%s); \
	$(RASA) train --domain domain --fixed-model-name clinic --out $(MODEL_DIR) && \
	echo "training took $$(( $$(date +%s) - start ))s" | tee $(MODEL_DIR)/train-time.txt

train: $(MODEL)

run: $(MODEL) $(WEB_DEPS)
	bash scripts/run.sh

# The demo clinic page with the chat widget alone (make run starts it too).
web: $(STAMP) $(WEB_DEPS)
	. scripts/env.sh && $(PY) -m bot.web

# socket.io-client for the widget, again whenever web/package-lock.json changes.
$(WEB_DEPS): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $(WEB_DEPS)

shell: $(MODEL)
	bash scripts/shell.sh

actions: $(STAMP)
	. scripts/env.sh && $(PY) -m bot.action_server --port 5055 --actions actions

test: $(MODEL) $(WEB_DEPS)
	bash scripts/test.sh

# Bad input, faults, 50 concurrent conversations and two Rasa replicas on a
# shared PostgreSQL + Redis (slow, so not part of make test).
test-reliability: $(MODEL) $(WEB_DEPS)
	bash scripts/test.sh tests/reliability

eval:
	python3 ../shared/eval/score.py ../shared/eval/dev.json --show-failures

# Latency, throughput, memory, start-up and training time of our stack and
# of Rasa's default stack on the same data (bench/README.md). Trains both.
bench: $(STAMP)
	. scripts/env.sh && $(PY) bench/run.py

# Red-flag recall per sign and layer, false escalations and added latency on
# the evaluation part of the sign bank (bench/redflag_eval.py).
redflag-eval: $(MODEL)
	. scripts/env.sh && $(PY) bench/redflag_eval.py $(ARGS)

# Simulated patients and real booking requests against the running assistant
# (bench/booking_eval.py); ARGS=--show-misses lists what failed.
booking-eval: $(MODEL) $(WEB_DEPS)
	. scripts/env.sh && $(PY) bench/booking_eval.py $(ARGS)

# Held-out real patient questions (eval/faq/): top-1 answer accuracy,
# fallback rate, most-confused pairs (bench/nlu_eval.py).
nlu-eval: $(MODEL)
	. scripts/env.sh && $(PY) bench/nlu_eval.py $(ARGS)

# Rasa's 5-fold cross-validation of data/nlu/, summarised into
# docs/nlu-cross-validation.md (five NLU trainings: 47 minutes on 2 cores
# in session 7, with another training beside it).
nlu-cv: $(STAMP)
	. scripts/env.sh && $(PY) bench/nlu_cv.py $(ARGS)

clean:
	rm -rf $(MODEL_DIR) results .pytest_cache
