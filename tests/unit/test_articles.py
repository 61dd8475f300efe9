from bot.articles import load_articles, passages


def test_all_five_articles_load_without_page_furniture():
    articles = load_articles()
    assert len(articles) == 5
    text = " ".join(a.text for a in articles)
    for furniture in ["Online Clinic Tour", "Shopping Basket", "$69", "Keywords referenced", "No comments"]:
        assert furniture not in text
    assert "???" not in text


def test_passages_are_quotable():
    found = passages(load_articles())
    assert len(found) > 80
    assert all(40 <= len(p.text) <= 650 for p in found)
    assert {p.article_id for p in found} == {a.id for a in load_articles()}
