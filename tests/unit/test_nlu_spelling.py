"""SpellingNormaliser in the graph: corrected lemmas and respelled text for
the features, the message as typed (bot/nlu/spelling.py)."""
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.names import SPELLED_SPANS_KEY, SPELLED_TEXT_KEY
from bot.nlu.tokenizer import SpacyLemmaTokenizer
from bot.nlu.spelling import SpellingNormaliser

TOKENIZER = SpacyLemmaTokenizer(SpacyLemmaTokenizer.get_default_config())


def _tokenized(text):
    message = Message(data={"text": text})
    message.set(TOKENS_NAMES["text"], TOKENIZER.tokenize(message, "text"))
    return message


def test_trained_vocabulary_is_stored_and_used_after_loading(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("spelling")
    component = SpellingNormaliser.create({}, storage, resource, None)
    component.train(TrainingData([_tokenized("how often should I do the exercises for sciatica"),
                                  _tokenized("what are your opening times on saturday")]))
    loaded = SpellingNormaliser.load({}, storage, resource, None)
    [message] = loaded.process([_tokenized("wat exercizes shud i do for sciatca")])
    assert message.get("text") == "wat exercizes shud i do for sciatca"
    assert [t.text for t in message.get(TOKENS_NAMES["text"])][-1] == "sciatca"
    assert [t.lemma for t in message.get(TOKENS_NAMES["text"])] == \
        ["what", "exercise", "should", "i", "do", "for", "sciatica"]
    spelled = message.get(SPELLED_TEXT_KEY)
    assert spelled == "what exercises should i do for sciatica"
    assert [spelled[a:b] for a, b in message.get(SPELLED_SPANS_KEY)][-1] == "sciatica"


def test_spanish_and_correct_english_are_left_alone(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("spelling")
    component = SpellingNormaliser.create({}, storage, resource, None)
    component.train(TrainingData([_tokenized("my lower back hurts when I sit")]))
    for text in ("no puedo orinar y tengo las piernas dormidas desde ayer", "my lower back hurts"):
        [message] = component.process([_tokenized(text)])
        assert message.get(SPELLED_TEXT_KEY) is None
