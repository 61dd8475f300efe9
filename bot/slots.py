"""Slot names shared by the domain, the actions and the tests."""
from bot.profile import (  # noqa: F401  (re-exported)
    SLOT_BOOKING_URL,
    SLOT_CLINIC_HOURS,
    SLOT_CLINIC_NAME,
    SLOT_CLINIC_PHONE,
    SLOT_EMERGENCY_NUMBER,
)

# Key the ArticleSearch NLU component adds to the parse data.
ARTICLE_SEARCH_KEY = "article_search"
