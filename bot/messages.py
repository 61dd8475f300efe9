"""Texts that actions send (kept here, not in the domain, because Rasa's
validator rejects responses that no story or rule uses). Profile values are
filled in from clinic.yml."""
from typing import Dict, List

from bot.profile import ClinicProfile

DISCLAIMER = (
    "Hello, I'm the virtual assistant of {name}. I'm not a doctor and I can't diagnose "
    "anything: I share what the clinic's articles say and help you book. For anything "
    "that worries you, please talk to a doctor."
)
PASSAGE = (
    "I'm not sure I understood exactly, but this part of the article \"{title}\" may help: "
    "\"{passage}\""
)
NO_ANSWER = (
    "Sorry, I don't know the answer to that, and the clinic's articles don't seem to cover it. "
    "You can rephrase, book an appointment, or call {phone}."
)
# "Should I book a chiro or a physio?" (data/faq/clinic_topics.yml which_treatment).
WHICH_TREATMENT = (
    "Which treatment would suit you is for the clinic's practitioners to judge once they know more; "
    "the articles can't decide it for you, and I don't have a way to here. You can book an "
    "assessment and say what you'd like help with, ask for a person, or call {phone}. "
    "(Clinic information.)"
)
HELP_BUTTONS: List[Dict[str, str]] = [
    {"title": "Book an appointment", "payload": "/request_booking"},
    {"title": "Talk to a person", "payload": "/human_handoff"},
]


def disclaimer(profile: ClinicProfile) -> str:
    return DISCLAIMER.format(name=profile.name)


def passage(title: str, text: str) -> str:
    return PASSAGE.format(title=title, passage=text)


def no_answer(profile: ClinicProfile) -> str:
    return NO_ANSWER.format(phone=profile.phone)


BOOKING_RECEIVED = (
    "Thank you. Your booking request has been passed on to {name}. The clinic will {how} "
    "{reply_time} to confirm the slot; it is not booked until they do.{online}"
)
# A request that also asked a question no answer here fits confidently.
BOOKING_QUESTION_NOTED = (
    "I can't answer that reliably here, so I'll pass your question on with your booking request "
    "and the clinic will answer it when they get in touch."
)
# The same, after the clinic's answer that gave only its phone.
BOOKING_QUESTION_NOTED_TOO = (
    "I'll also pass your question on with your booking request, and the clinic will answer it when "
    "they get in touch."
)
BOOKING_UPDATE_RECEIVED = (
    "I've passed your request to {what} on to {name}. The clinic will {how} {reply_time} to "
    "confirm; until then your request for {when} stands as it was."
)
BOOKING_NOT_FOUND = (
    "I can't find a booking request made in this conversation{by_number}. If you booked another "
    "way, please call {phone} and the team will help."
)


def how_to_reach(contact: str) -> str:
    """The honest way the clinic will get back: by the phone or the email given."""
    if "@" in (contact or ""):
        return f"email you at {contact}"
    return f"call or text you on {contact}" if contact else "get back to you"
BOOKING_FAILED = (
    "Sorry, I couldn't save your booking request just now. Please try again in a few minutes "
    "or call {phone}."
)


def booking_received(profile: ClinicProfile, contact: str = "", question: bool = False) -> str:
    online = f" You can also book online at {profile.booking_url}." if profile.booking_url else ""
    answer = " They will answer your question then too." if question else ""
    return BOOKING_RECEIVED.format(name=profile.name, online=answer + online, how=how_to_reach(contact),
                                   reply_time=profile.reply_time)


def booking_update_received(profile: ClinicProfile, what: str, contact: str, when: str) -> str:
    return BOOKING_UPDATE_RECEIVED.format(what=what, name=profile.name, how=how_to_reach(contact),
                                          reply_time=profile.reply_time, when=when)


def booking_not_found(profile: ClinicProfile, by_number: bool = False) -> str:
    return BOOKING_NOT_FOUND.format(phone=profile.phone,
                                    by_number=" or from this phone number" if by_number else "")


BOOKING_LOOKUP_ASK = (
    "I can't find a booking request made in this conversation{by_number}. If you made it "
    "another time, what name and phone number or email did you give? (Or call {phone}.)"
)
# A change or cancellation that also asked for a new visit (bot/booking/another.py).
BOOKING_ANOTHER_AFTER_LOOKUP = "After that I'll take your request for the new visit."
BOOKING_ANOTHER_NEXT = "Now the new visit you asked for."
BOOKING_LOOKUP_NOT_FOUND = (
    "I couldn't find an open booking request under that name and contact. Please call {phone} "
    "and the team will help."
)
BOOKING_LOOKUP_STATUS = (
    "Thank you. A booking request under that name and contact reached the clinic; it is {status}. "
    "For its details, please call {phone}: I only share them in the conversation it was made in."
)


def booking_lookup_ask(profile: ClinicProfile, by_number: bool = False) -> str:
    return BOOKING_LOOKUP_ASK.format(phone=profile.phone,
                                     by_number=" or from this phone number" if by_number else "")


def booking_failed(profile: ClinicProfile) -> str:
    return BOOKING_FAILED.format(phone=profile.phone)


BOOKING_QUEUED = (
    "Thank you. I couldn't reach the clinic's booking system just now, but I've kept your "
    "request and it will be passed on automatically as soon as the system is back; the clinic "
    "will then get back to you to confirm. If it's urgent, please call {phone}."
)


def booking_queued(profile: ClinicProfile) -> str:
    return BOOKING_QUEUED.format(phone=profile.phone)


BOOKING_INCOMPLETE = (
    "Sorry, some details of your request got lost on my side, so I haven't sent it. Please say "
    "\"book me in\" to start again, or call {phone}."
)


def booking_incomplete(profile: ClinicProfile) -> str:
    return BOOKING_INCOMPLETE.format(phone=profile.phone)
