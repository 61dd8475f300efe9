"""Rule-layer regressions in patients' words (bot/red_flags/rules.py,
data/red_flags/patterns.yml and context.yml): wordings from the sign bank's
training part and from real messages the rules once got wrong. The core
cases per sign are in test_red_flag_rules.py."""
import pytest

from bot.red_flags import rules
from bot.red_flags.signs import EMERGENCY, NONE


def _signs(text):
    """The signs the rules found in a message and did not set aside."""
    return [s.id for s in rules.assess(text).signs]


@pytest.mark.parametrize("text", [
    # "Start", "go" and "stand" without what they are about: once read as
    # retention or weakness in both legs (a real cancellation message).
    "sorry have to cancel today, car wont start",
    "i could not go to work today because of my back",
    "i can't start my day without painkillers",
    "the pain is so bad i can barely stand up",
    "can barely walk this morning, my back went when i sneezed",
])
def test_everyday_verbs_are_not_emergency_signs(text):
    assert rules.assess(text).level != EMERGENCY, text


@pytest.mark.parametrize("text,sign", [
    ("i can't empty my bladder since the disc went", "urinary_retention"),
    ("my bladder won't empty properly", "urinary_retention"),
    ("bursting for a wee but i can't go", "urinary_retention"),
    ("i don't feel it coming out when i pee", "bladder_sensation"),
    ("i can't feel the poo passing anymore", "bowel_sensation"),
    ("my legs won't hold me up", "bilateral_weakness"),
])
def test_retention_and_sensation_with_what_they_are_about(text, sign):
    found = rules.assess(text)
    assert found.level == EMERGENCY and sign in [f.sign.id for f in found.findings], text


@pytest.mark.parametrize("text,sign", [
    ("i cant get comfy in any position at night, the pain is awful", "night_pain"),
    ("ive been sleeping sat up in a chair because of my back", "night_pain"),
    ("crying with the back pain most nights", "night_pain"),
    ("my back is getting worse even with the physio exercises", "not_improving"),
    ("i dont feel when my bladder is full anymore", "bladder_sensation"),
    ("a couple of little leaks since the sciatica got bad", "bladder_bowel_control"),
    ("the bit you sit on feels numb", "saddle_numbness"),
    ("cant get a proper erection since the disc went, it was fine before", "sexual_dysfunction"),
])
def test_session_7_training_wordings(text, sign):
    assert sign in _signs(text), text


@pytest.mark.parametrize("text", [
    # Real booking requests once told to see a doctor first.
    "back pain for over a week now not getting better, id like to book with an osteopath",
    "keep waking up with neck pain every morning for weeks. would like to book a consult next week",
])
def test_a_week_of_pain_and_pain_on_waking_are_not_see_a_doctor_signs(text):
    assert rules.assess(text).level == NONE, text


@pytest.mark.parametrize("text,sign", [
    ("pins and needles in both legs since my back went", "bilateral_sciatica"),
    ("both legs tingling and burning, disc problem", "bilateral_sciatica"),
    ("the pain keeps alternating between my legs", "bilateral_sciatica"),
    ("new tingling in my other leg too", "bilateral_sciatica"),
    ("im dragging both feet when i walk", "bilateral_weakness"),
    ("my legs just buckled under me with the back pain", "bilateral_weakness"),
    ("my legs would not work when i tried to stand", "bilateral_weakness"),
    ("woke up with no feeling below the waist", "bilateral_weakness"),
])
def test_both_legs_in_either_order(text, sign):
    assert sign in _signs(text), text


@pytest.mark.parametrize("text", ["alternating heat and ice on my leg", "do i alternate sides with knee rolls",
                                  "both my legs are fine, it's just my back"])
def test_both_and_alternating_in_harmless_sentences(text):
    assert rules.assess(text).level != EMERGENCY, text


@pytest.mark.parametrize("text", [
    "the pain started 6 weeks ago and hasnt started to improve at all",
    "been on strong painkillers for weeks and they dont touch it",
    "my back has been bad since march, nothing is making a dent in it",
    "every time it settles it comes back worse, 4 months now",
])
def test_not_improving_in_patients_words(text):
    assert "not_improving" in _signs(text), text


@pytest.mark.parametrize("text", ["what if the painkillers dont work",
                                  "my mum keeps getting back pain, what usually causes it",
                                  "chronic back pain, nothing works. how soon can i come in for acupuncture?"])
def test_not_improving_words_in_questions_and_requests(text):
    assert rules.assess(text).level == NONE, text


@pytest.mark.parametrize("text,sign", [
    # "What does that mean?" about one's own symptom is not a question about a term.
    ("my back is killing me and i cant wee, what does that mean?", "urinary_retention"),
    ("i cant feel my bum when i wipe, what does this mean", "saddle_numbness"),
    # Sciatica is pain: sciatica that wakes you is night pain.
    ("my sciatica wakes me up all night long", "night_pain"),
])
def test_own_symptom_with_what_does_that_mean_and_sciatica_at_night(text, sign):
    found = rules.assess(text)
    assert found.level != NONE and sign in _signs(text), text


def test_what_a_term_means_is_still_a_general_question():
    assert rules.assess("what does saddle anaesthesia mean?").level == NONE
    assert rules.assess("what does it mean if you cant pee with back pain").level == NONE


@pytest.mark.parametrize("text,sign", [
    # Session 8, sixth collection (training part).
    ("back started hurting in may and hasnt let up since", "not_improving"),
    ("3 months of physio and home exercises, basically zero difference", "not_improving"),
    ("the meds and heat pads do zero for my back, its been weeks", "not_improving"),
    ("tried the stretches and physio for months and nothing has touched it", "not_improving"),
    ("a cramp in my leg after the drive in july that never let go, its been there all summer", "not_improving"),
    ("woke up crying again at 3am, my lower back is a deep grinding ache", "night_pain"),
    ("its 5am and im wide awake cos of my back", "night_pain"),
    ("the pain in my back ramps up while im asleep", "night_pain"),
])
def test_session_8_training_wordings(text, sign):
    assert sign in _signs(text), text


@pytest.mark.parametrize("text,sign", [
    # A negation of a treatment does not negate the sign after it, and a
    # comma that opens a new statement ends a negation's reach.
    ("for days ive barely been able to pee, now even that doesnt work and nothing is coming out", "urinary_retention"),
    ("theres hardly any pressure, it comes out drop by drop and i have to strain to empty", "urinary_retention"),
    # "never really went away" is not a resolved past.
    ("fell down the stairs in september and my back has hurt ever since, it never really went away", "trauma"),
])
def test_negation_and_past_reach(text, sign):
    assert sign in _signs(text), text


@pytest.mark.parametrize("text", [
    "no numbness, tingling or weakness in my legs, just a sore back",
    "the numbness went away years ago and my back is fine now",
    "my left leg from bum to foot goes numb when i sit too long, then it eases",
    "bad back pain that came on doing nothing much, since yesterday",
])
def test_negations_past_and_one_leg_paths_stay_harmless(text):
    assert rules.assess(text).level not in (EMERGENCY,), text
    assert "not_improving" not in _signs(text)


def test_pain_on_waking_in_the_morning_is_not_pain_at_night():
    assert "night_pain" not in _signs("4th morning waking up in pain with my back, any appt tomorrow before 8?")
    assert "night_pain" in _signs("the pain wakes me up at night and by morning i can barely move")


@pytest.mark.parametrize("text", [
    "when i wipe it feels numb down there",
    "cant climax anymore and it feels dead down there since my back went",
])
def test_numb_down_there_and_numb_when_wiping_are_saddle_signs(text):
    assert "saddle_numbness" in _signs(text), text


@pytest.mark.parametrize("text", [
    "when i wipe my bum its sore, no numbness",
    "my foot is numb down there at the toes",
])
def test_a_negation_inside_the_match_and_a_foot_are_not_saddle_signs(text):
    assert "saddle_numbness" not in _signs(text), text


@pytest.mark.parametrize("text,sign", [
    # Session 9 (seventh collection, training part): hesitancy, not feeling
    # the stream or a motion, a bladder that does not empty or signal.
    ("since my back flared up i have to wait ages for the wee to start", "bladder_sensation"),
    ("it takes ages for my wee to get going and i cant really feel it coming out", "bladder_sensation"),
    ("my bladder just doesnt empty like it normally does since my back got worse", "bladder_sensation"),
    ("sciatica for a fortnight and i cant really feel when im passing a motion", "bowel_sensation"),
    ("since i hurt my back i just dont feel it when i need a number two anymore", "bowel_sensation"),
    ("since my back went i dont get the urge to pee anymore", "bladder_sensation"),
    ("never get the signal that i need a number two anymore since my back went", "bowel_sensation"),
    # Weeks and months told as a story, with something saying it has not gone.
    ("lower back's been playing up since january. its now september and it's no different", "not_improving"),
    ("my back has ached every single day for about 4 months now, i assumed it would settle by now", "not_improving"),
    ("it's been years of daily pain in my back and it's worse than ever", "not_improving"),
    ("it started as a desk ache in february. now its a constant dull roar that never lets up", "not_improving"),
    # A recent serious infection (a route to a spinal infection).
    ("type 2 diabetic with an infected ulcer on my toe for weeks, now sudden bad pain in my upper back",
     "immune"),
    ("just got over cellulitis that turned into sepsis and now my lower back hurts all the time", "immune"),
    # Thin bones in everyday words; foot drop; pain worse at night or in the small hours.
    ("stepped out of the shower and felt something go in my back, i have thin bones", "steroids_osteoporosis"),
    ("my dexa scan came back low and now my back is really sore", "steroids_osteoporosis"),
    ("i have to lift my knee really high so my foot doesnt catch, since the disc went", "one_leg_weakness"),
    ("keep scuffing the toes on my right foot since the sciatica started", "one_leg_weakness"),
    ("cant walk on my heel on the left side, the front of my foot just flops down", "one_leg_weakness"),
    ("my back pain is only really bad at night, i am lucky to get two hours sleep", "night_pain"),
    ("lying flat makes my back hurt more, i keep waking at 3am with it", "night_pain"),
    ("i end up sleeping in the recliner most nights because the bed kills my lower back", "night_pain"),
])
def test_session_9_training_wordings(text, sign):
    assert sign in _signs(text), text


@pytest.mark.parametrize("text", [
    # A long history alone is a question; pain that comes and goes or has
    # gone, or a duration of something else, is not "not improving".
    "ive had sciatica for about 4 months, can acupuncture help?",
    "i have had back pain on and off for years, what exercises help?",
    "had sciatica for a couple of months but been pain free for a week now after the stretches",
    "i have been doing yoga for 2 years, is it good for my back?",
    "lost 3 stone over the year on slimming world and my back aches a bit after the gym",
    "same mattress for 10 years and i wake up stiff most mornings, could it be the bed?",
    "sex has been painful for years, nothing to do with my back which is fine",
])
def test_a_long_history_alone_is_not_a_see_a_doctor_sign(text):
    assert "not_improving" not in _signs(text), text


@pytest.mark.parametrize("text", [
    "fell asleep on the sofa and woke at 5am with a stiff lower back, much better after a hot shower",
    "started a herbal tea at night and now i wake up needing the loo at 2am, back is fine",
    "my low back hurts when i lie flat on my back, what is the psoas?",
])
def test_a_night_on_the_sofa_the_loo_and_lying_flat_are_not_night_pain(text):
    assert "night_pain" not in _signs(text), text


def test_no_urge_to_go_out_is_not_a_bladder_sign():
    assert rules.assess("i have no urge to go out since my back went").level != EMERGENCY
    assert "bladder_sensation" in _signs("since the disc went i get no urge to go at all")


@pytest.mark.parametrize("text", [
    # "Need to go" somewhere is not the urge to pass urine (these were
    # emergencies before session 9).
    "i dont need to go to the doctor for my back do i",
    "so there is no need to go to a and e then?",
    "i need to see someone but cant go till friday",
    "lost the need to go to the gym since my back pain",
])
def test_needing_to_go_somewhere_is_not_retention(text):
    assert rules.assess(text).level != EMERGENCY, text


@pytest.mark.parametrize("text,sign", [
    # Session 9 (training part): an injury that felt fine at first, a
    # question whether treatment is ok, crashes and falls in everyday words,
    # fever as a reading or "gone hot and cold", injecting drugs.
    ("came off the bike when a car pulled out, felt ok at the scene but now my back is agony", "trauma"),
    ("slipped on a wet floor, felt ok at the time but once the adrenaline wore off my back started hurting",
     "trauma"),
    ("got into a car wreck 2 days ago and my back is sore, is acupuncture ok or should i get checked?", "trauma"),
    ("a van went into the back of my car and ive had back pain ever since", "trauma"),
    ("went down hard at the ice rink, straight onto my bum, back has been sore since", "trauma"),
    ("i take tacrolimus since my transplant and started getting back pain, is physio ok for me", "immune"),
    ("i use heroin, been injecting, and now my lower back is agony", "immune"),
    ("my dad is 83, severe low back pain and today hes burning up, thermometer said 40", "fever"),
    ("tender spot on my spine and i feel hot and cold and rubbish all over", "fever"),
    # New sexual dysfunction with the back, in patients' words.
    ("cant get it up since my L5 S1 disc bulge got bad, im only 34", "sexual_dysfunction"),
    ("since my back problem i feel nothing during sex", "sexual_dysfunction"),
    ("new sexual problems since my back went", "sexual_dysfunction"),
    ("pain now goes down the back of both legs to my calves, started in just one", "bilateral_sciatica"),
    ("it used to be just my right leg but since yesterday the burning is going down both", "bilateral_sciatica"),
    ("my legs just werent listening to my brain and i fell, back pain has been awful", "bilateral_weakness"),
    ("my dad says it feels like hes walking on cotton wool since his back went", "bilateral_weakness"),
    ("ive had loads of prednisolone courses for my copd and now my back hurts", "steroids_osteoporosis"),
    ("the zaps down my leg get way worse when im trying to sleep, pillow between the knees, on my back, "
     "nothing stops it waking me", "night_pain"),
])
def test_session_9_see_a_doctor_wordings(text, sign):
    assert sign in _signs(text), text


@pytest.mark.parametrize("text,sign", [
    ("its been 3 weeks and the sciatica is half what it was, hot or cold pack better?", "fever"),
    ("i inject insulin twice a day and my back aches after gardening", "immune"),
    ("fell last year but my back is totally fine now", "trauma"),
    ("can acupuncture help with erectile dysfunction?", "sexual_dysfunction"),
    ("trainer keeps saying weak core = bad back and i dont get it", "sexual_dysfunction"),
    ("how many steroid injections can you have in a year for sciatica?", "steroids_osteoporosis"),
])
def test_session_9_look_alikes(text, sign):
    assert sign not in _signs(text), text
