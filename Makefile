# Clinic assistant: `make run` to start it, `make test` to test it.
# Every target sets up what it needs on a fresh machine (package registries only).

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMP := $(VENV)/.setup-done
MODEL_DIR := models
MODEL := $(MODEL_DIR)/clinic.tar.gz
TRAIN_INPUTS := config.yml clinic.yml $(shell find data domain bot -type f \( -name '*.yml' -o -name '*.txt' -o -name '*.py' \) 2>/dev/null)

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)

.PHONY: setup train run shell actions test test-unit validate test-core test-nlu test-e2e profile clean eval

setup: $(STAMP)

$(STAMP): requirements/app.txt requirements/rasa-deps.txt requirements/constraints.txt requirements/dev.txt requirements/rasa.txt scripts/setup.sh
	bash scripts/setup.sh
	touch $(STAMP)

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

run: $(MODEL)
	bash scripts/run.sh

shell: $(MODEL)
	bash scripts/shell.sh

actions: $(STAMP)
	$(RASA) run actions --port 5055

test: $(MODEL)
	bash scripts/test.sh

eval:
	python3 ../shared/eval/score.py ../shared/eval/dev.json --show-failures

clean:
	rm -rf $(MODEL_DIR) results .pytest_cache
