"""Names shared by the domain, the NLU components, the policies, the
channels, the actions and the tests: slots, intents, actions and parse-data
keys (tests/unit/test_names.py checks them against the domain)."""
from bot.profile import (  # noqa: F401  (re-exported)
    SLOT_BOOKING_URL,
    SLOT_CLINIC_HOURS,
    SLOT_CLINIC_NAME,
    SLOT_CLINIC_PHONE,
    SLOT_EMERGENCY_NUMBER,
)

# Key the ArticleSearch NLU component adds to the parse data.
ARTICLE_SEARCH_KEY = "article_search"
# The message as the NLU reads it after spelling (bot/nlu/spelling.py), and
# its tokens' spans there: message keys for the sentence encoder.
SPELLED_TEXT_KEY = "spelled_text"
SPELLED_SPANS_KEY = "spelled_spans"

# Booking form (domain/booking.yml).
BOOKING_NAME = "booking_name"
BOOKING_CONTACT = "booking_contact"
BOOKING_TIME = "booking_time"
BOOKING_TIME_TEXT = "booking_time_text"
BOOKING_REASON = "booking_reason"
BOOKING_FIELD = "booking_field"
BOOKING_FOR = "booking_for"               # who the visit is for, when not the writer ("my mum")
BOOKING_DAY = "booking_day"               # a day given without a usable time yet (ISO date)
BOOKING_DAY_TEXT = "booking_day_text"     # that day in words, for the question about the time
BOOKING_FORM = "booking_form"
BOOKING_RESCHEDULE_PENDING = "booking_reschedule_pending"
# A change, cancellation or status question with no request in this
# conversation: asked for the name and contact it was made under.
BOOKING_LOOKUP_PENDING = "booking_lookup_pending"     # "cancel" | "change" | "status"
BOOKING_LOOKUP_ID = "booking_lookup_id"               # the request found by name and contact
ACTION_BOOKING_LOOKUP = "action_booking_lookup"
BOOKING_REQUEST_ACTIONS = ("action_booking_status", "action_booking_cancel_request",
                           "action_booking_reschedule_request", ACTION_BOOKING_LOOKUP)
REQUESTED_SLOT = "requested_slot"
BOOKING_REQUIRED = (BOOKING_NAME, BOOKING_CONTACT, BOOKING_TIME, BOOKING_REASON)
# A question the booking message asked that this chat could not answer
# confidently: stored with the request for the clinic to answer.
BOOKING_QUESTION = "booking_question"
BOOKING_SLOTS = (BOOKING_NAME, BOOKING_CONTACT, BOOKING_TIME, BOOKING_TIME_TEXT, BOOKING_REASON,
                 BOOKING_FOR, BOOKING_DAY, BOOKING_DAY_TEXT, BOOKING_QUESTION)
UTTER_CONFIRM_BOOKING = "utter_confirm_booking"
ACTION_BOOKING_EXIT = "action_booking_exit"
REQUEST_BOOKING_INTENT = "request_booking"
# Intents after which a message that gives no booking value is not an
# answer to the form: the rules answer it (question, stop, hand-over, ...).
NOT_FORM_ANSWER_INTENTS = ("faq", "stop", "human_handoff", "booking_change", "red_flag_emergency",
                           "red_flag_urgent", "red_flag_clarify", "ask_warning_signs",
                           "other_language", "out_of_scope", "bot_challenge", "what_can_you_do",
                           "booking_cancel", "booking_reschedule", "booking_status")

# Hand-over (domain/handover.yml): true while the patient waits for staff.
HANDOVER_PENDING = "handover_pending"

# Red flags (domain/red_flags.yml, bot/red_flag_detector.py, bot/red_flag_policy.py).
RED_FLAG_KEY = "red_flag"                 # parse-data key set by RedFlagDetector
RED_FLAG_INTENT_BEFORE = "intent_before"  # in that record: the intent the red flag replaced
RED_FLAG_ENTITY = "red_flag_sign"         # entity and slot naming the sign
RED_FLAG_SIGN = "red_flag_sign"
LANGUAGE_ENTITY = "language"              # entity and slot: the message's language
LANGUAGE = "language"
INTENT_EMERGENCY = "red_flag_emergency"
INTENT_URGENT = "red_flag_urgent"
INTENT_CLARIFY = "red_flag_clarify"
INTENT_WARNING_SIGNS = "ask_warning_signs"
INTENT_OTHER_LANGUAGE = "other_language"
RED_FLAG_INTENTS = {INTENT_EMERGENCY: "emergency", INTENT_URGENT: "urgent", INTENT_CLARIFY: "clarify"}
UTTER_EMERGENCY = "utter_red_flag_emergency"
UTTER_URGENT = "utter_red_flag_urgent"
UTTER_CLARIFY = "utter_red_flag_clarify"
UTTER_EMERGENCY_CONFIRMED = "utter_red_flag_emergency_confirmed"
UTTER_CLARIFY_DENIED = "utter_red_flag_clarify_denied"
UTTER_EMERGENCY_HOLD = "utter_red_flag_emergency_hold"
UTTER_WARNING_SIGNS = "utter_warning_signs"
UTTER_OTHER_LANGUAGE = "utter_other_language"
UTTER_BOOKING_PAUSED = "utter_booking_paused"
UTTER_BOOKING_AFTER_ADVICE = "utter_booking_after_advice"   # a booking request that came with a see-a-doctor sign
ACTION_RECORD_RED_FLAG = "action_record_red_flag"
ACTION_SCREEN_DENIED = "action_red_flag_screen_denied"
ACTION_ANSWER_AFTER_ADVICE = "action_red_flag_answer_question"   # the question asked with a see-a-doctor sign
ESCALATION_UTTERS = {UTTER_EMERGENCY: "emergency", UTTER_EMERGENCY_CONFIRMED: "emergency",
                     UTTER_URGENT: "urgent"}
# Intents whose message is someone asking to go ahead with the clinic, which
# an emergency escalation earlier in the conversation must hold back.
HOLD_AFTER_EMERGENCY_INTENTS = ("request_booking", "affirm")
FAQ_INTENT = "faq"


def faq_response_key(response_selector) -> str:
    """The FAQ answer the ResponseSelector chose in a message's parse data
    ("faq/cupping"), or "" (the `response_selector` value of the parse data)."""
    selector = (response_selector or {}).get(FAQ_INTENT) or {}
    return (selector.get("response") or {}).get("intent_response_key") or ""



INTENT_OPEN_WHEN = "ask_open_when"        # set by ClinicQuestionRouter: "are you open today?"
INTENT_COMPLAINT = "complaint"
INTENT_AFFIRM = "affirm"
INTENT_DENY = "deny"
INTENT_HANDOFF = "human_handoff"
LAST_TOPIC = "last_topic"                 # slot: the FAQ topic just discussed (bot/followup_policy.py)
ACTION_ANSWER_FOLLOWUP = "action_answer_followup"
FALLBACK_INTENT = "nlu_fallback"
UTTER_FAQ = "utter_faq"
ACTION_ANSWER_OPEN = "action_answer_open"
ACTION_SEARCH_ARTICLES = "action_search_articles"
# Parse-data key set by BookingCueClassifier: the message asks a question and
# asks to book ("what time do you open, can I be first in?"): the answer,
# then the booking form (bot/booking_policy.py).
BOOKING_ALSO_KEY = "booking_also"
# Parse-data key set by BookingCueClassifier: some part of the message asks
# to book, whatever the intent ("car accident last month ... need a physio
# assessment" read as a red flag): the form after see-a-doctor advice.
BOOKING_ASKED_KEY = "booking_asked"
# Parse-data key set by BookingCueClassifier: the message asks to book and
# asks a question no answer fits confidently ("do you treat tension
# headaches? looking at sat am for an adjustment"): the question is passed
# on with the request (ACTION_NOTE_BOOKING_QUESTION), then the form.
BOOKING_QUESTION_KEY = "booking_question_noted"
ACTION_NOTE_BOOKING_QUESTION = "action_note_booking_question"
# Parse-data key set by BookingCueClassifier: a change or cancellation that
# also books a new visit ("move my thurs physio to fri, and book the next
# one a week after"): {"change": its text, "book": its text}; the change is
# recorded from the first, then the form reads the second.
BOOKING_ANOTHER_KEY = "booking_another"
BOOKING_CHANGE_ACTIONS = ("action_booking_cancel_request", "action_booking_reschedule_request",
                          ACTION_BOOKING_LOOKUP)
STAFF_REPLY_KEY = "staff_reply"           # bot event metadata: the staff member who wrote it (console)
RED_FLAG_MEMORY = "red_flag_memory"         # slot: an escalation the memory policy made
# Channels whose sender id is the patient's phone number (SMS and WhatsApp
# through Twilio): staff can reply to it and the booking form offers it.
PHONE_CHANNELS = ("twilio", "twilio_whatsapp")
# Conversation ids carry their channel (issue 14), so no channel can address
# another's conversations: "twilio:+13105550142", "twilio:whatsapp:+1...",
# "web:<session id>". The REST channel (development and trusted back-ends)
# refuses a sender with one of these prefixes.
TWILIO_CONVERSATION_PREFIX = "twilio:"
WEB_CONVERSATION_PREFIX = "web:"
SCOPED_PREFIXES = (TWILIO_CONVERSATION_PREFIX, WEB_CONVERSATION_PREFIX)


def sender_number(conversation_id: str) -> str:
    """The phone number (or "whatsapp:+1...") of a Twilio conversation id."""
    return conversation_id[len(TWILIO_CONVERSATION_PREFIX):] \
        if conversation_id.startswith(TWILIO_CONVERSATION_PREFIX) else conversation_id
