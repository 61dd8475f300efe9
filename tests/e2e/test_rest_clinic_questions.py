"""Questions about the clinic, questions the articles don't answer, and
complaints, over REST against the trained assistant (issue #13)."""


def test_open_on_a_named_day_is_answered_yes_or_no(assistant, sender):
    reply = assistant.say(sender, "are you open on thursday?")
    assert "No, we're closed on Thursday" in reply, reply
    reply = assistant.say(sender, "are you open on saturday?")
    assert "Yes, we're open on Saturday" in reply, reply


def test_a_clinic_detail_the_profile_lacks_is_answered_honestly(assistant, sender):
    reply = assistant.say(sender, "is there parking at the clinic?")
    assert "I don't have that detail" in reply and "+1 310 555 0100" in reply


def test_a_question_the_articles_dont_cover_goes_to_a_doctor_or_pharmacist(assistant, sender):
    reply = assistant.say(sender, "how much ibuprofen can I take a day for my back?")
    assert "doctor or pharmacist" in reply


def test_a_complaint_is_acknowledged_and_a_person_offered(assistant, sender):
    reply = assistant.say(sender, "this bot is useless, I called twice and nobody answered")
    assert "sorry" in reply.lower() and "person" in reply.lower()
