"""Rasa's own checks on the project: data validation, story tests and NLU
accuracy on phrasings that are not in the training data."""
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RASA = str(ROOT / ".venv" / "bin" / "rasa")
MODEL = ROOT / "models" / "clinic.tar.gz"
RESULTS = ROOT / "results"
ENV = dict(os.environ, PYTHONPATH=str(ROOT), RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2")

# Floors for unseen phrasings (tests/nlu): they catch a regression in the
# data or the pipeline; the measured figures are in the closing notes.
# Trainings of the same data measured 0.901 (session 5) and 0.897 (a fresh
# clone, session 6): a floor at the measured figure failed on training
# variance alone, so it sits below the spread. Session 14: four trainings
# of that session's data measured 0.868 to 0.875 (the final model 0.872),
# while the held-out real questions went up (make nlu-eval 93.5% -> 95.7%).
MIN_INTENT_ACCURACY = 0.86
MIN_ANSWER_ACCURACY = 0.80


def _rasa(*args, timeout=900):
    return subprocess.run([RASA, *args], cwd=ROOT, env=ENV, capture_output=True, text=True,
                          timeout=timeout)


def test_training_data_is_valid():
    run = _rasa("data", "validate", "--domain", "domain", "--fail-on-warnings")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


@pytest.fixture(scope="module")
def model():
    if not MODEL.exists():
        pytest.fail("models/clinic.tar.gz is missing: run `make train` (make test does)")
    return str(MODEL)


def test_story_tests_have_no_prediction_errors(model):
    out = RESULTS / "core"
    run = _rasa("test", "core", "--model", model, "--stories", "tests/stories",
                "--fail-on-prediction-errors", "--out", str(out))
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    report = json.loads((out / "story_report.json").read_text())
    assert report["conversation_accuracy"]["accuracy"] == 1.0


def test_unseen_phrasings_are_understood(model):
    out = RESULTS / "nlu"
    run = _rasa("test", "nlu", "--model", model, "--nlu", "tests/nlu", "--out", str(out))
    assert run.returncode == 0, run.stderr[-3000:]
    intents = json.loads((out / "intent_report.json").read_text())
    answers = json.loads((out / "response_selection_report.json").read_text())
    print(f"unseen phrasings: intent accuracy {intents['accuracy']:.3f}, "
          f"FAQ answer accuracy {answers['accuracy']:.3f}")
    assert intents["accuracy"] >= MIN_INTENT_ACCURACY
    assert answers["accuracy"] >= MIN_ANSWER_ACCURACY
