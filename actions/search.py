"""Fallback: a question about the clinic itself gets the clinic's answer;
otherwise the best article passage instead of guessing."""
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot import messages
from bot.clinic_questions import clinic_topic
from bot.profile import load_profile
from bot.search import PassageIndex
from bot.names import ARTICLE_SEARCH_KEY, UTTER_FAQ


@lru_cache(maxsize=1)
def _index() -> PassageIndex:
    """Built on first use, only if the NLU pipeline did not search already."""
    return PassageIndex.from_articles()


def best_passage(message: Dict[Text, Any]) -> Optional[Dict[Text, Any]]:
    found = message.get(ARTICLE_SEARCH_KEY)
    if isinstance(found, dict):
        return found.get("best")
    hit = _index().best(message.get("text") or "")
    return hit.as_dict() if hit else None


class ActionSearchArticles(Action):
    def name(self) -> Text:
        return "action_search_articles"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        topic = clinic_topic((tracker.latest_message or {}).get("text") or "")
        if topic == "which_treatment":
            dispatcher.utter_message(text=messages.WHICH_TREATMENT.format(phone=load_profile().phone),
                                     buttons=messages.HELP_BUTTONS)
            return []
        if topic:
            # The clinic's prices, cover, waiting times: its own answer, never an article's.
            dispatcher.utter_message(response=f"{UTTER_FAQ}/{topic}")
            return []
        hit = best_passage(tracker.latest_message or {})
        if hit:
            dispatcher.utter_message(text=messages.passage(hit["title"], hit["text"]))
        else:
            dispatcher.utter_message(text=messages.no_answer(load_profile()),
                                     buttons=messages.HELP_BUTTONS)
        return []
