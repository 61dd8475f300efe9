"""The red-flag rule layer on its own (bot/red_flags/rules.py, data/red_flags/patterns.yml): what escalates, what must not."""
import pytest

from bot.red_flags import CLARIFY, EMERGENCY, NONE, URGENT, assess

EMERGENCY_CASES = [
    # Session 6 patterns (hesitancy, bladder filling, one leg then the other "too").
    "it takes ages for my pee to start since my back went",
    "i can't feel my bladder filling any more and my back is killing me",
    "sciatica in my right leg for a week and now my left leg is aching too",
    "I've lost control of my bladder",
    "since this morning I can't control my bladder",
    "I wet myself yesterday without noticing and my back is killing me",
    "i keep peeing myself since my back went",
    "I've had bowel incontinence since yesterday",
    "I can't hold my poo anymore",
    "lost bowel control and my back is agony",
    "my dad can't control his bladder since his back went",
    "my mum has started wetting herself and has terrible back pain",
    "I can't pee properly",
    "I'm struggling to pee and my back hurts",
    "I haven't peed since yesterday and my back is agony",
    "difficulty starting to urinate with low back pain",
    "I don't feel the need to pee anymore",
    "no urge to go to the toilet for a day",
    "numbness in my groin area and buttocks",
    "my bum feels numb",
    "I'm numb between my legs",
    "it's numb when I wipe",
    "I can't feel the toilet paper when I wipe",
    "tingling around my genitals and my back hurts",
    "numb inner thighs and lower back pain",
    "my private parts feel numb",
    "I have sciatica in both legs",
    "sciatica down both legs since last night",
    "shooting pain down both legs",
    "pain radiating into both legs",
    "both my legs are going weak",
    "my legs are both going weak",
    "weakness in both legs",
    "both legs feel numb and heavy",
    "my legs keep giving way",
    "I can't walk properly, my legs are weak",
    "my husband has numbness in both feet and his back is bad",
    "I have sciatica in both legs and can't pee properly",
    "I can't get an erection since my back pain started",
]

URGENT_CASES = [
    "he shoots up heroin and now has bad pain in the middle of his back",
    "3 weeks of back pain, i cannot find any position in bed at night that helps",
    "I had a fall and now my back hurts",
    "I fell down the stairs and hurt my back",
    "my back hurts since a car accident last week",
    "I slipped on ice and landed on my back",
    "back pain and fever",
    "I have a high temperature and my lower back aches",
    "chills and back pain",
    "my back hurts and I feel really unwell",
    "I have a history of cancer and new back pain",
    "I had breast cancer two years ago and now my back hurts",
    "I'm on chemo and my back is sore",
    "I've lost a lot of weight without trying and my back aches",
    "unexplained weight loss and back pain",
    "the pain wakes me up at night",
    "my back pain is worse at night",
    "constant pain at night in my lower back",
    "my back pain has lasted 6 weeks and isn't improving",
    "back pain for two months, not getting better",
    "my back is getting worse every day",
    "the pain is getting worse despite painkillers",
    "I have foot drop on my right side",
    "I keep dragging my left foot",
    "I can't lift my foot properly",
    "I have osteoporosis and my back started hurting",
    "I've been on steroids for years and now have back pain",
    "I inject drugs and have back pain",
    "I have HIV and new back pain",
    "my immune system is weakened and my back hurts",
    "my son fell off his bike and hurts his back",
    "my grandmother had a fall and her back hurts",
]

CLARIFY_CASES = [
    "something feels wrong down there",
    "I've been having toilet problems since my back went",
    "things feel different down below",
]

LOOK_ALIKES = [
    "sciatica in my left leg, my right leg is fine",
    "sciatica down my right leg, can you put the needles in the left side too?",
    "my back aches after sitting",
    "my back is sore after running",
    "I have a stiff lower back",
    "no numbness in my groin",
    "I can control my bladder fine",
    "my bladder and bowels are normal",
    "I have no problems peeing",
    "no fever, just a sore back",
    "I don't have a fever",
    "no history of cancer",
    "I've never had cancer",
    "I had a fall ten years ago but it's fine now",
    "I haven't had any accident",
    "what are the red flags for back pain?",
    "when should I worry about back pain?",
    "is losing bladder control a red flag?",
    "what are the warning signs of cauda equina?",
    "can losing weight help my back",
    "I want to lose weight to help my back",
    "how should I sleep with low back pain?",
    "what is sciatica",
    "pain shooting down my leg",
    "sciatica in my right leg",
    "my left leg has sciatica",
    "I've had back pain for three days",
    "my back hurts when I bend",
    "how do I lift heavy boxes",
    "is sleeping on my stomach ok for my back",
    "what's the best mattress",
    "my back feels better today",
    "I can't fall asleep because I'm stressed",
    "does acupuncture hurt",
    "can I book for Friday at 10am",
    "my name is Alex Morgan",
    "what time do you open",
    "the weather is cold and damp and my back is stiff",
    "my knee hurts when I walk up stairs",
    "tell me about cupping",
]


@pytest.mark.parametrize("text", EMERGENCY_CASES)
def test_emergency_signs(text):
    result = assess(text)
    assert result.level == EMERGENCY, (text, result.as_dict())
    assert result.top_sign.label


@pytest.mark.parametrize("text", URGENT_CASES)
def test_see_a_doctor_signs(text):
    result = assess(text)
    assert result.level == URGENT, (text, result.as_dict())


@pytest.mark.parametrize("text", CLARIFY_CASES)
def test_vague_signs_ask_the_direct_question(text):
    assert assess(text).level == CLARIFY, text


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_do_not_escalate(text):
    result = assess(text)
    assert result.level == NONE, (text, result.as_dict())


def test_counts_meet_the_issue():
    assert len(EMERGENCY_CASES) + len(URGENT_CASES) >= 60
    assert len(LOOK_ALIKES) >= 30


def test_empty_and_huge_input():
    assert assess("").level == NONE
    assert assess("\x00\xff" * 10).level == NONE
    assert assess("my back hurts " * 5000).level == NONE


# Phrasings found while reviewing misses of the NLU model (kept apart from
# tests/nlu so both layers are measured on their own).
MORE_EMERGENCY = [
    "the sciatica is in my left and right leg now",
    "I've got no sense of needing a wee today",
    "my legs are getting weaker by the hour",
    "I do not feel anything during sex since my back went",
    "I can't feel my legs",
    "my lady parts feel numb and tingly, not like normal",
    "no feeling in my legs since this morning",
]
MORE_URGENT = [
    "I've lost a stone without trying and my back aches all the time",
    "my dad has myeloma and his back pain is getting really severe",
    "my back pain wakes me every night and no position helps",
    "my back has been bad for 6 weeks and it's not easing at all, if anything it's getting worse",
    "5 kilos have come off me since summer and I'm not dieting, my back aches",
    "three months and the back pain hasn't budged",
    "chills and a fever with this backache",
    "the hospital said it was muscular but now I've got a fever and it's worse",
]


@pytest.mark.parametrize("text", MORE_EMERGENCY)
def test_more_emergency_phrasings(text):
    assert assess(text).level == EMERGENCY, (text, assess(text).as_dict())


@pytest.mark.parametrize("text", MORE_URGENT)
def test_more_urgent_phrasings(text):
    assert assess(text).level == URGENT, (text, assess(text).as_dict())


# Look-alikes from issue #11: passed numbness, improving one-sided sciatica,
# the walking limit of spinal stenosis.
PASSED_OR_IMPROVING = [
    "my leg went numb after sitting cross legged but it came back after a minute",
    "the pins and needles in my foot wore off after I stood up",
    "sciatica in my left leg, slowly getting better every day",
    "I can only walk for ten minutes before both legs get heavy, then I sit down and it eases",
    "my bum goes numb on long bike rides but it's fine once I get off",
    # Session 5: weight lost on purpose, cancer in the family, pain that
    # settles with a change of position, a fall whose soreness has gone.
    "lost 3 stone on purpose with slimming world and my back aches after the gym",
    "cancer runs in my family, is my back pain more likely to be serious?",
    "back pain wakes me once a night but settles as soon as I change position",
    "slipped on the ice last week. bit sore for two days but it's completely gone now",
]


@pytest.mark.parametrize("text", PASSED_OR_IMPROVING)
def test_passed_improving_and_stenosis_do_not_escalate(text):
    assert assess(text).level not in (EMERGENCY, URGENT), (text, assess(text).as_dict())


def test_patterns_name_only_known_signs():
    from bot.red_flags.signs import load_yaml, signs

    assert set(load_yaml("patterns.yml")["patterns"]) <= set(signs())


@pytest.mark.parametrize("text, sign", [
    ("I've lost the feeling in my bottom since my back went", "bowel_sensation"),
    ("no sensation around my anus when I go", "bowel_sensation"),
    ("I'm hesitant to wee and it takes ages to start", "bladder_sensation"),
    ("I have to strain to get it going when I pee now", "bladder_sensation"),
    ("I didn't make it to the toilet this morning and my back is agony", "bladder_bowel_control"),
    ("couldnt get to the loo in time twice this week", "bladder_bowel_control"),
])
def test_early_ces_signs_in_the_ces_card_wording(text, sign):
    from bot.red_flags import rules

    found = rules.assess(text)
    assert found.level == EMERGENCY and sign in [f.sign.id for f in found.findings], text


@pytest.mark.parametrize("text", ["I made it to the toilet in time", "I'm hesitant to book acupuncture",
                                  "I strain my back when I push the mower"])
def test_ces_card_words_in_harmless_sentences(text):
    from bot.red_flags import rules

    assert rules.assess(text).level == NONE, text


def test_pattern_index_finds_what_one_matcher_over_all_patterns_finds():
    """The pre-filtered pattern index (only patterns whose required words are
    in the message run) must find exactly the matches of one spaCy Matcher
    over every pattern: same signs, same spans."""
    from spacy.matcher import Matcher

    from bot.red_flags import rules
    from bot.red_flags.bank import wordings
    from bot.red_flags.signs import load_yaml
    from bot.text import nlp

    whole = Matcher(nlp().vocab)
    for sign_id, patterns in load_yaml("patterns.yml")["patterns"].items():
        whole.add(sign_id, [p for pattern in patterns for p in rules._expand_multiword(pattern)])
    texts = [w.text for w in wordings()][::5]
    assert len(texts) > 1000
    for text in texts:
        doc = nlp()(rules.ctx.prepare(text))
        expected = {(doc.vocab.strings[m], s, e) for m, s, e in whole(doc)}
        assert set(rules._matcher()(doc)) == expected, text
