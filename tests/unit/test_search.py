import pytest

from bot.search import PassageIndex


@pytest.fixture(scope="module")
def index():
    return PassageIndex.from_articles()


@pytest.mark.parametrize("query, article, words", [
    ("does the psoas muscle attach to the thigh bone", "psoas", ["femur"]),
    ("leaning on a shopping cart helps my stenosis", "low_back_pain", ["stenosis"]),
    ("how long should I hold the knee to chest stretch", "home_exercises", ["knee"]),
    ("what is the mansion of the kidneys", "tcm_knee_back", ["kidney"]),
    ("using a tennis ball against a wall for my buttock", "sciatica_trigger_points", ["tennis ball"]),
])
def test_search_finds_the_passage_that_answers(index, query, article, words):
    hit = index.best(query)
    assert hit is not None, query
    assert hit.passage.article_id == article
    assert all(w in hit.passage.text.lower() for w in words)


@pytest.mark.parametrize("query", [
    "who won the football match yesterday",
    "recommend a good pizza place",
    "",
    "!!!???",
])
def test_search_admits_when_nothing_matches(index, query):
    assert index.best(query) is None


def test_index_round_trips_through_json(index):
    copy = PassageIndex.from_dict(index.to_dict())
    assert [h.passage for h in copy.search("cupping suction")] == [h.passage for h in index.search("cupping suction")]
