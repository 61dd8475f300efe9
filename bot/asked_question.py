"""The FAQ question a patient asked in a message the red-flag layer took
over: "fell off a ladder yesterday, do I need to get it checked or just
rest?" gets the see-a-doctor advice first and then the answer to what was
asked, and "no" to the screening question carries on with the question.

Reads a message's parse data: the red-flag detector puts its intent first
and keeps the classifier's ranking and the ResponseSelector's answer below it.
"""
from typing import Any, Dict, Optional

from bot import names

# Below this ResponseSelector confidence the answer is a guess: say nothing.
# The same as FaqConfidenceGate's threshold in config.yml (why 0.2: there).
FAQ_MIN_CONFIDENCE = 0.2


def asked_faq_key(parse: Optional[Dict[str, Any]]) -> Optional[str]:
    """The FAQ answer ("faq/cupping") to the question in this message, when
    the classifier's own first intent (below any red-flag intent) was the FAQ
    and its answer is confident enough; else None."""
    parse = parse or {}
    ranking = [r.get("name") for r in parse.get("intent_ranking") or []
               if r.get("name") not in names.RED_FLAG_INTENTS]
    selector = (parse.get("response_selector") or {}).get(names.FAQ_INTENT) or {}
    response = selector.get("response") or {}
    key = response.get("intent_response_key")
    if ranking[:1] == [names.FAQ_INTENT] and key and float(response.get("confidence") or 0) >= FAQ_MIN_CONFIDENCE:
        return key
    return None
