"""Our Rasa NLU graph components, one per module (imported by config.yml):
tokenizer, spelling, minilm, faq_ensemble, faq_gate, keyword_guard,
plain_answer, person_request, article_search."""
