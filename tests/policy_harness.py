"""Run one of our dialogue policies on a real tracker and the real domain
(the unit tests of bot/*_policy.py share it)."""
import tempfile
from pathlib import Path


def load_domain():
    from rasa.shared.core.domain import Domain

    from bot import ROOT
    # Training adds the retrieval action utter_faq (the NLU data has the faq/ topics).
    return Domain.load(str(ROOT / "domain")).merge(Domain.from_dict({"actions": ["utter_faq"]}))


def predict(policy_class, domain, events):
    """(action name or None, optional events) the policy predicts after `events`."""
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.core.trackers import DialogueStateTracker

    policy = policy_class.create({}, LocalModelStorage(Path(tempfile.mkdtemp())), Resource("p"),
                                 ExecutionContext(GraphSchema({}), "x"))
    tracker = DialogueStateTracker.from_events("t", events, domain.slots)
    prediction = policy.predict_action_probabilities(tracker, domain)
    if prediction.max_confidence == 0:
        return None, []
    return domain.action_names_or_texts[prediction.max_confidence_index], prediction.optional_events
