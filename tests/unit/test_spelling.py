"""Misspellings read as training words (bot/spelling.py) and the component
that applies them to the NLU features only (bot/nlu/spelling.py)."""
import pytest

from bot.spelling import Speller, shorthand

WORDS = ("what times are you open on saturday back pain kidneys needles session long muscle should "
         "getting better sciatica acupuncture swimming good lower worse weeks").split()
# Every word seen twice (trusted), and one real patient's typo seen once.
VOCABULARY = Speller.vocabulary_of([(w, w) for w in WORDS * 2] + [("kidneys", "kidney"), ("bak", "bak")])


@pytest.fixture(scope="module")
def speller():
    return Speller(VOCABULARY)


@pytest.mark.parametrize("typed, meant", [
    ("sciatca", "sciatica"), ("acupunture", "acupuncture"), ("kidnys", "kidneys"), ("needels", "needles"),
    ("sesion", "session"), ("musle", "muscle"), ("geting", "getting"), ("swimmin", "swimming"),
    ("wat", "what"), ("opn", "open"), ("u", "you"), ("shud", "should"), ("satday", "saturday"),
    ("bak", "back"),      # a typo seen once in training is still corrected
])
def test_misspellings_and_shorthand_are_read_as_the_word_meant(speller, typed, meant):
    assert speller.correct(typed) == meant


@pytest.mark.parametrize("word", ["the", "trampoline", "Maria", "lopez", "eliquis", "3105550142", "10am",
                                  "sam.lee@gmail.com", "back", "espalda", "ok"])
def test_known_words_names_and_values_are_kept(speller, word):
    assert speller.correct(word) is None


def test_the_respelled_text_keeps_every_token_aligned(speller):
    text = "wat tims r u opn on satday?"
    spans = [(0, 3), (4, 8), (9, 10), (11, 12), (13, 16), (17, 19), (20, 26)]
    spelled, new_spans, changed = speller.respell(text, spans)
    assert spelled.startswith("what times are you open on saturday") and spelled.endswith("?")
    assert [spelled[a:b] for a, b in new_spans] == ["what", "times", "are", "you", "open", "on", "saturday"]
    assert set(changed) == {0, 1, 2, 3, 4, 6}


def test_the_lemma_of_a_correction_is_the_training_lemma(speller):
    assert speller.lemma("kidneys") == "kidney"


@pytest.mark.parametrize("word", ["sat", "sun", "wed", "apt", "dose", "fro"])
def test_ordinary_words_are_not_shorthand(speller, word):
    assert word not in shorthand() and speller.correct(word) is None
