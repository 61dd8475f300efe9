"""The packaged sentence encoder loads offline and carries meaning."""
import numpy as np
import pytest

from bot.encoder import EMBEDDING_DIM, SentenceEncoder


@pytest.fixture(scope="module")
def encoder():
    return SentenceEncoder()


def test_paraphrases_are_closer_than_unrelated_sentences(encoder):
    a, b, c = encoder.encode(["how should I sleep with back pain",
                              "best position in bed for a sore lower back",
                              "who won the football match"])
    assert a.shape == (EMBEDDING_DIM,)
    assert np.isclose(np.linalg.norm(a), 1.0, atol=1e-4)
    assert a @ b > 0.5 > a @ c


def test_token_vectors_follow_the_given_spans(encoder):
    text = "knee rolls hurt"
    sentences, tokens = encoder.encode_with_tokens([text, ""], [[(0, 4), (5, 10), (11, 15)], []])
    assert sentences.shape == (2, EMBEDDING_DIM)
    assert tokens[0].shape == (3, EMBEDDING_DIM) and tokens[1].shape == (0, EMBEDDING_DIM)
    assert np.all(np.linalg.norm(tokens[0], axis=1) > 0)
