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

# Booking form (domain/booking.yml).
BOOKING_NAME = "booking_name"
BOOKING_CONTACT = "booking_contact"
BOOKING_TIME = "booking_time"
BOOKING_TIME_TEXT = "booking_time_text"
BOOKING_REASON = "booking_reason"
BOOKING_FIELD = "booking_field"
BOOKING_SLOTS = (BOOKING_NAME, BOOKING_CONTACT, BOOKING_TIME, BOOKING_TIME_TEXT, BOOKING_REASON)

# Hand-over (domain/handover.yml): true while the patient waits for staff.
HANDOVER_PENDING = "handover_pending"
