"""Red-flag rules: deterministic detection of symptoms that need a doctor.

Runs on every user message (bot.nlu_components.RedFlagDetector). Two levels:

* EMERGENCY - possible cauda equina syndrome: new loss of bladder or bowel
  control, retention (can't pee / no urge), saddle numbness, sciatica or
  weakness/numbness in both legs.
* URGENT - see a doctor soon: trauma, fever/unwell, cancer history,
  unexplained weight loss, night pain, pain not improving after weeks or
  getting worse, worsening one-leg weakness or foot drop, long-term steroids or
  osteoporosis, IV drug use or a weakened immune system.

and CLARIFY for vague messages close to an emergency sign ("something feels
wrong down there"), where the assistant asks the direct question.

Sources: the clinic articles' "when to seek help" lists and the NHS/NICE
cauda equina and low back pain red flags. Matching uses spaCy's Matcher on
lower-cased tokens within one clause; a negation cue before the sign in the
same clause ("no numbness in my groin", "I can control my bladder fine"),
a resolved past ("a fall ten years ago") or a general question about red flags
("what are the warning signs?") does not escalate. Missing a red flag is worse
than asking once too often, so the patterns lean towards recall.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

EMERGENCY = "emergency"
URGENT = "urgent"
CLARIFY = "clarify"
NONE = "none"

LEVEL_RANK = {NONE: 0, CLARIFY: 1, URGENT: 2, EMERGENCY: 3}


@dataclass(frozen=True)
class Sign:
    id: str
    level: str
    label: str              # named back to the patient: "loss of bladder control"
    past_ok: bool = False   # still a flag when in the past ("history of cancer")


SIGNS: Dict[str, Sign] = {s.id: s for s in [
    Sign("bladder_bowel_control", EMERGENCY, "loss of bladder or bowel control"),
    Sign("urinary_retention", EMERGENCY, "difficulty passing urine or not feeling the need to"),
    Sign("saddle_numbness", EMERGENCY, "numbness around the genitals, buttocks or inner thighs"),
    Sign("bilateral_sciatica", EMERGENCY, "sciatica in both legs"),
    Sign("bilateral_weakness", EMERGENCY, "weakness or numbness in both legs"),
    Sign("sexual_dysfunction", EMERGENCY, "new loss of sexual function or sensation"),
    Sign("trauma", URGENT, "back pain after a fall, accident or injury"),
    Sign("fever", URGENT, "fever, chills or feeling unwell"),
    Sign("cancer", URGENT, "a history of cancer", past_ok=True),
    Sign("weight_loss", URGENT, "unexplained weight loss", past_ok=True),
    Sign("night_pain", URGENT, "pain that is constant at night or wakes you"),
    Sign("not_improving", URGENT, "pain that is not improving after several weeks or is getting worse"),
    Sign("legs_weak", URGENT, "weakness or numbness in your legs"),
    Sign("one_leg_weakness", URGENT, "weakness, numbness or foot drop in a leg that is getting worse"),
    Sign("steroids_osteoporosis", URGENT, "long-term steroid use or osteoporosis", past_ok=True),
    Sign("immune", URGENT, "IV drug use or a weakened immune system", past_ok=True),
    Sign("vague_down_there", CLARIFY, "a change 'down there'"),
]}

# Token sets (lower-cased forms, so the lookup lemmatizer's quirks don't matter).
LOSE = ["lost", "lose", "losing", "loss", "loosing", "loose", "lossing", "no", "zero", "losed"]
NUMB = ["numb", "numbness", "numbnes", "numbess", "tingling", "tingly", "pins", "dead", "deadness",
        "desensitised", "desensitized", "senseless", "unable feel", "anaesthetic"]
SADDLE = ["groin", "lady parts", "private bits", "nether regions", "undercarriage", "genitals", "genital", "genitalia", "saddle", "buttocks", "buttock", "bum", "butt",
          "backside", "bottom", "perineum", "anus", "privates", "crotch", "vagina", "penis", "scrotum",
          "testicles", "inner thigh", "inner thighs", "between my legs", "private parts", "private area",
          "down below", "rectum", "arse", "ass", "labia", "vulva"]
BOTH = ["both", "two", "either", "each", "bilateral", "2"]
LEGS = ["legs", "leg", "feet", "sides", "thighs", "calves", "limbs"]
WEAK = ["weak", "weakness", "weaker", "buckling", "buckle", "buckles", "collapsing", "collapse",
        "giving", "gave", "give", "paralysed", "paralyzed", "paralysis", "heavy", "jelly", "wobbly",
        "numb", "numbness", "dead", "useless", "floppy"]
SCIATICA = ["sciatica", "sciatic", "shooting", "radiating", "nerve"]
NEGATION = {"no", "not", "never", "without", "denies", "deny", "nor", "neither", "none",
            "nothing", "ruled", "negative", "any"}
# Phrases in a clause that say the sign is absent or fine.
FINE = re.compile(r"(?<!not )(?<!no longer )\b(fine|normal|ok|okay|under control|as usual|all good|"
                  r"normally|unaffected|perfectly)\b|\bno (problems?|issues?|trouble|changes?)\b")
PAST = re.compile(r"\b(\d+|a few|few|several|many|two|three|four|five|ten|twenty) (years?|decades?) ago\b|"
                  r"\b(years|decades) ago\b|\bas a (child|kid|teenager)\b|\bwhen i was (young|little|a kid|a child)\b|"
                  r"\b(fully )?(recovered|resolved|cleared up|went away|long gone)\b|"
                  r"\bold (injury|injuries|fall|accident|sports injury)\b")
INFO_QUESTION = re.compile(
    r"\b(red flags?|warning signs?|danger signs?|alarm signs?|when (should|do) (i|you|people|one) "
    r"(worry|see|go|call|get)|what (are|is) (the )?(signs?|symptoms?)|is (it|that) (serious|an emergency|"
    r"a red flag)|a red flag|cauda equina (syndrome )?(mean|is)|what is cauda|what does .* mean|"
    r"symptoms? of|signs? of|should (you|one|people|someone)|do (you|people) need to)\b")
FIRST_PERSON = re.compile(
    r"\b(i|i'm|im|i've|ive|i'd|my|me|myself|we|our|us|he|she|his|her|him|they|their|them|"
    r"dad|mum|mom|father|mother|son|daughter|husband|wife|partner|child|kid|baby|brother|sister|"
    r"grandma|grandpa|grandmother|grandfather|friend|patient|boyfriend|girlfriend)\b")


def _p(*sets: Sequence[str]) -> List[Dict]:
    """One token per set: {"LOWER": {"IN": [...]}}; multi-word entries are split."""
    return [{"LOWER": {"IN": list(s)}} for s in sets]


def _any(words: Sequence[str], op: Optional[str] = None) -> Dict:
    d: Dict = {"LOWER": {"IN": list(words)}}
    if op:
        d["OP"] = op
    return d


SHORT = {"OP": "{0,2}"}     # up to two tokens between two parts of a sign

# Each pattern: sign id -> list of token patterns.
PATTERNS: Dict[str, List[List[Dict]]] = {
    "bladder_bowel_control": [
        [_any(LOSE), SHORT, {"LOWER": {"IN": ["bladder", "bowel", "bowels", "toilet", "continence"]}},
         {"LOWER": {"IN": ["control", "function", "sensation"]}}],
        [{"LOWER": {"IN": ["control", "controlling", "hold", "holding", "stop", "stopping"]}},
         {"LOWER": {"IN": ["of", "over", "in", "my", "his", "her", "their", "the", "it"]}, "OP": "{0,2}"},
         {"LOWER": {"IN": ["bladder", "blader", "bowel", "bowels", "pee", "wee", "urine", "poo", "poop",
                           "stool", "stools", "wees", "pees", "piss", "water", "waterworks"]}}],
        [{"LOWER": {"IN": ["incontinent", "incontinence", "incontinant"]}}],
        [{"LOWER": {"IN": ["no", "lost", "losing", "zero", "without", "lose"]}},
         {"LOWER": {"IN": ["control", "controll"]}}, {"OP": "{0,3}"},
         {"LOWER": {"IN": ["bladder", "blader", "bowel", "bowels", "waterworks", "pee", "wee", "poo", "toilet"]}}],
        [{"LOWER": {"IN": ["accident", "accidents"]}}, {"OP": "{0,2}"},
         {"LOWER": {"IN": ["pants", "underwear", "trousers", "knickers", "bed"]}}],
        [{"LOWER": {"IN": ["keep", "keeps", "kept", "been"]}}, {"LOWER": "having"}, {"LOWER": "accidents"}],
        [{"LOWER": {"IN": ["leaked", "leaking", "leak", "leaks", "passed"]}}, {"OP": "{0,3}"},
         {"LOWER": {"IN": ["poo", "pee", "wee", "urine", "stool", "stools"]}}],
        [{"LOWER": {"IN": ["bowels", "bladder"]}}, {"LOWER": "just"}, {"LOWER": {"IN": ["went", "emptied", "opened", "gave"]}}],
        [{"LOWER": "not"}, {"LOWER": {"IN": ["have", "got"]}}, {"LOWER": {"IN": ["any", "much", "full"]}, "OP": "?"},
         {"LOWER": {"IN": ["bladder", "bowel", "bowels", "toilet"]}}, {"LOWER": "control"}],
        [{"LOWER": {"IN": ["wet", "wetting", "wets", "peed", "peeing", "weeing", "pooing", "pissing", "pissed", "weed", "pooed", "pooped", "soiled",
                           "soiling", "shat", "messed", "leaking", "leaked", "leak", "dribbling", "accidents",
                           "accident"]}},
         {"LOWER": {"IN": ["myself", "himself", "herself", "themselves", "ourselves", "the", "my", "his",
                           "her", "urine", "pee", "wee", "poo", "bed", "pants", "trousers", "underwear"]}}],
        [{"LOWER": {"IN": ["pee", "wee", "poo", "urine", "stool", "stools", "bladder", "bowels"]}},
         {"LOWER": {"IN": ["just", "keeps", "keep", "is", "are"]}, "OP": "?"},
         {"LOWER": {"IN": ["comes", "coming", "leaks", "leaking", "leaked", "escapes", "escaping", "dribbles"]}}],
    ],
    "urinary_retention": [
        [{"LOWER": {"IN": ["unable", "struggling",
                           "struggle", "trouble", "difficulty", "difficult", "hard", "problems", "problem",
                           "not"]}},
         {"OP": "{0,3}"},
         {"LOWER": {"IN": ["pee", "wee", "urinate", "urinating", "peeing", "weeing", "piss", "pissing",
                           "pass", "passing", "empty", "emptying", "start", "starting", "go"]}},
         {"LOWER": {"IN": ["urine", "water", "bladder", "properly", "pee", "wee", "peeing", "weeing",
                           "stream", "flow", "my", "toilet", "bathroom"]}, "OP": "?"}],
        [{"LOWER": {"IN": ["no", "not", "lost"]}},
         {"OP": "{0,3}"},
         {"LOWER": {"IN": ["urge", "urges", "need", "sensation", "feeling", "sense"]}},
         {"OP": "{0,3}"},
         {"LOWER": {"IN": ["pee", "wee", "urinate", "poo", "poop", "toilet", "bathroom", "go", "bowels"]}}],
        [{"LOWER": {"IN": ["urinary", "urine"]}}, {"LOWER": {"IN": ["retention", "retaining"]}}],
        [{"LOWER": {"IN": ["wee", "pee", "urine", "poo", "it", "nothing"]}}, {"OP": "{0,3}"},
         {"LOWER": {"IN": ["come", "comes", "coming", "came"]}}, {"LOWER": "out"}],
        [{"LOWER": {"IN": ["not", "unable", "no", "lost"]}}, {"OP": "{0,5}"},
         {"LOWER": {"IN": ["need", "needed", "needing", "urge", "urges"]}},
         {"OP": "{0,3}"}, {"LOWER": {"IN": ["wee", "pee", "poo", "loo", "toilet", "go", "bathroom"]}}],
        [{"LOWER": {"IN": ["barely", "hardly"]}}, {"OP": "{0,2}"}, {"LOWER": {"IN": ["trickle", "dribble", "anything"]}}],
        [{"LOWER": {"IN": ["not"]}},
         {"OP": "{0,2}"},
         {"LOWER": {"IN": ["peed", "urinated", "wee'd", "weed", "pooed", "pooped"]}}],
    ],
    "saddle_numbness": [
        [_any(NUMB), {"OP": "{0,5}"}, _any(SADDLE)],
        [_any(SADDLE), {"OP": "{0,4}"}, _any(["numb", "numbness", "tingling", "tingly", "dead", "senseless"])],
        [{"LOWER": {"IN": ["numb", "numbness"]}}, {"OP": "{0,3}"}, {"LOWER": {"IN": ["wipe", "wiping", "wiped"]}}],
        [{"LOWER": {"IN": ["unable"]}}, {"LOWER": "feel"},
         {"OP": "{0,4}"}, {"LOWER": {"IN": ["wipe", "wiping", "paper", "toilet", "seat"]}}],
        [{"LOWER": "saddle"}, {"LOWER": {"IN": ["anaesthesia", "anesthesia", "area", "region"]}}],
        [_any(SADDLE), {"OP": "{0,5}"}, {"LOWER": {"IN": ["lost", "no", "without"]}},
         {"LOWER": {"IN": ["feeling", "sensation"]}}],
        [{"LOWER": {"IN": ["no", "lost", "without"]}}, {"LOWER": {"IN": ["feeling", "sensation"]}}, {"OP": "{0,3}"},
         {"LOWER": "down"}, {"LOWER": {"IN": ["there", "below"]}}],
        [{"LOWER": {"IN": ["no", "lost", "without", "losing"]}}, {"LOWER": {"IN": ["feeling", "sensation"]}},
         {"OP": "{0,3}"}, _any(SADDLE)],
    ],
    "bilateral_sciatica": [
        [_any(SCIATICA), {"OP": "{0,6}"}, _any(BOTH), _any(["my", "his", "her", "the", "their", "of"], "?"), _any(LEGS + ["side", "leg"])],
        [_any(BOTH), _any(["my", "his", "her", "the", "their", "of"], "?"), _any(LEGS + ["leg", "side"]),
         {"OP": "{0,5}"}, _any(["sciatica", "sciatic"])],
        [_any(["pain", "pains", "aching", "tingling", "burning", "shooting", "ache", "cramping"]), {"OP": "{0,5}"},
         _any(["both"]), _any(["my", "his", "her", "the", "their", "of"], "?"), _any(["legs", "sides"])],
        [{"LOWER": {"IN": ["sciatica", "sciatic"]}}, {"OP": "{0,4}"}, {"LOWER": {"IN": ["legs", "sides"]}}],
        [{"LOWER": {"IN": ["shooting", "radiating"]}}, {"OP": "{0,4}"}, {"LOWER": {"IN": ["legs"]}}],
        [{"LOWER": "bilateral"}, {"LOWER": {"IN": ["sciatica", "leg", "pain"]}}],
        [_any(["left", "right"]), _any(["and", "&", "+", "plus"]), _any(["right", "left"]),
         _any(["leg", "legs", "side", "sides", "buttock", "buttocks", "thigh", "thighs"])],
    ],
    "bilateral_weakness": [
        [_any(BOTH), _any(["my", "his", "her", "the", "their", "of"], "?"),
         _any(["legs", "leg", "feet", "sides", "thighs", "calves", "limbs", "knees"]), {"OP": "{0,5}"}, _any(WEAK)],
        [{"LOWER": {"IN": ["legs", "legz"]}}, {"OP": "{0,2}"}, {"LOWER": {"IN": ["went", "gone", "going", "go"]}},
         {"LOWER": "from"}, {"LOWER": "under"}],
        [_any(WEAK), {"OP": "{0,5}"}, _any(BOTH), _any(["my", "his", "her", "the", "their", "of"], "?"),
         _any(["legs", "leg", "feet", "sides", "thighs", "calves", "knees"])],
        [{"LOWER": {"IN": ["legs", "feet"]}}, {"OP": "{0,3}"},
         _any(["going", "getting", "gone", "becoming", "suddenly", "very", "really", "completely", "totally",
               "so", "too", "extremely"]),
         _any(["weak", "weakness", "weaker", "numb", "paralysed", "paralyzed", "useless", "jelly", "dead"])],
        [{"LOWER": {"IN": ["legs", "feet", "knees"]}}, {"OP": "{0,4}"},
         _any(["paralysed", "paralyzed", "buckling", "collapsing", "useless", "jelly", "weaker"])],
        [_any(["hardly", "barely", "unable"]), _any(["walk", "stand"])],
        [{"LOWER": {"IN": ["legs", "leg"]}}, {"LOWER": {"IN": ["keep", "keeps", "are", "kept"]}, "OP": "?"},
         {"LOWER": {"IN": ["giving", "gave", "give"]}}, {"LOWER": {"IN": ["way", "out"]}}],
        [{"LOWER": {"IN": ["unable"]}}, {"LOWER": {"IN": ["walk", "stand", "move"]}},
         {"OP": "{0,2}"}, {"LOWER": {"IN": ["legs", "properly", "anymore", "any"]}, "OP": "?"}],
    ],
    "sexual_dysfunction": [
        [{"LOWER": {"IN": ["erection", "erections", "erectile", "impotent", "impotence", "orgasm"]}}],
        [_any(["not", "unable"]), {"LOWER": "feel"}, {"OP": "{0,4}"},
         {"LOWER": {"IN": ["sex", "intercourse", "orgasm"]}}],
        [_any(["numb", "numbness", "no", "lost", "loss", "unable"]), {"OP": "{0,3}"},
         {"LOWER": {"IN": ["sex", "intercourse", "sexual"]}}],
    ],
    "trauma": [
        [{"LOWER": {"IN": ["fell", "fall", "falling", "fallen", "tripped", "slipped", "crashed", "crash",
                           "collision", "whiplash", "tackled", "thrown", "hit", "struck", "knocked", "kicked",
                           "landed", "accident", "injury", "injured", "trauma", "crushed", "tackle", "rear-ended"]}}],
        [{"LOWER": "rear"}, {"LOWER": {"IN": ["ended", "-"]}}],
        [{"LOWER": {"IN": ["came", "come", "coming", "thrown", "flew", "fallen"]}}, {"LOWER": "off"},
         {"OP": "{0,2}"}, {"LOWER": {"IN": ["bike", "horse", "ladder", "motorbike", "scooter", "bicycle", "board",
                                            "skateboard", "roof", "wall", "trampoline", "chair", "stairs"]}}],
    ],
    "fever": [
        [{"LOWER": {"IN": ["fever", "feverish", "fevers", "febrile", "chills", "shivers", "shivering",
                           "rigors", "sweats", "temperature", "temp", "flu-like", "unwell", "sick", "ill", "shivery", "feverish",
                           "hot/cold", "infection"]}}],
        [{"LOWER": {"IN": ["high", "a"]}}, {"LOWER": {"IN": ["temperature", "temp"]}}],
        [{"LOWER": "feel"}, {"LOWER": "awful"}],
        [{"LOWER": {"IN": ["sweating", "sweat", "sweaty", "soaked", "drenched"]}}, {"OP": "{0,4}"},
         {"LOWER": {"IN": ["night", "nights", "sleep"]}}],
    ],
    "cancer": [
        [{"LOWER": {"IN": ["cancer", "cancers", "tumour", "tumor", "tumours", "tumors", "chemo",
                           "chemotherapy", "radiotherapy", "malignancy", "malignant", "metastases",
                           "metastatic", "oncologist", "oncology", "lymphoma", "leukaemia", "leukemia",
                           "myeloma", "carcinoma", "sarcoma", "melanoma"]}}],
    ],
    "weight_loss": [
        [{"LOWER": {"IN": ["lost", "losing", "lose", "dropped", "dropping", "shed"]}}, {"OP": "{0,4}"},
         {"LOWER": {"IN": ["weight", "pounds", "lbs", "kg", "kilos", "stone", "kgs", "lb"]}},
         {"OP": "{0,5}"},
         {"LOWER": {"IN": ["unexplained", "without", "unintentionally", "unintentional", "reason",
                           "explanation", "suddenly", "trying", "dieting", "why", "unexpectedly", "rapidly",
                           "quickly", "fast", "lately", "recently"]}}],
        [{"LOWER": {"IN": ["unexplained", "unintentional", "unintended", "sudden", "rapid", "unexpected",
                           "mysterious", "unexplainable"]}}, {"LOWER": "weight"}, {"LOWER": {"IN": ["loss", "drop"]}}],
        [{"LOWER": {"IN": ["lost", "dropped", "losing", "dropping"]}}, {"LOWER": "a"}, {"LOWER": {"IN": ["lot", "ton", "load"]}},
         {"LOWER": "of"}, {"LOWER": {"IN": ["weight", "pounds", "kilos", "kg", "lbs"]}}],
        [{"LOWER": {"IN": ["kg", "kgs", "kilos", "pounds", "lbs", "stone", "weight"]}}, {"OP": "{0,2}"},
         {"LOWER": {"IN": ["come", "came", "fallen", "dropped", "fell"]}}, {"LOWER": "off"}],
        [{"LOWER": {"IN": ["weight"]}}, {"LOWER": {"IN": ["dropping", "falling", "dropped", "falling"]}},
         {"LOWER": "off"}],
    ],
    "night_pain": [
        [{"LOWER": {"IN": ["wakes", "waking", "woke", "wake", "woken", "keeps", "kept", "keep"]}},
         {"LOWER": {"IN": ["me", "him", "her", "us", "them"]}}, {"LOWER": {"IN": ["up", "awake"]}, "OP": "?"}],
        [{"LOWER": {"IN": ["woken", "woke", "waking", "awake"]}}, {"LOWER": {"IN": ["up"]}, "OP": "?"},
         {"LOWER": {"IN": ["by", "from", "with", "because"]}}, {"OP": "{0,2}"}, {"LOWER": {"IN": ["pain", "agony", "ache"]}}],
        [{"LOWER": {"IN": ["worse", "worst", "constant", "unbearable", "severe", "terrible", "excruciating",
                           "agony", "relentless", "unrelenting", "throbbing"]}},
         {"OP": "{0,3}"}, {"LOWER": {"IN": ["at", "during", "every", "all"]}}, {"LOWER": {"IN": ["night", "nights", "nighttime"]}}],
        [{"LOWER": {"IN": ["night", "nocturnal", "nighttime", "night-time"]}}, {"LOWER": {"IN": ["pain", "pains", "ache"]}}],
        [{"LOWER": {"IN": ["through", "throughout", "all"]}}, {"LOWER": "the"}, {"LOWER": "night"}],
        [{"LOWER": {"IN": ["woken", "waking", "wakes", "woke", "wake"]}}, {"OP": "{0,2}"},
         {"LOWER": {"IN": ["at", "in", "during", "every"]}}, {"OP": "{0,3}"},
         {"LOWER": {"IN": ["night", "nights", "3am", "2am", "4am", "1am", "5am"]}}],
        [{"LOWER": {"IN": ["pain", "hurts", "hurting", "ache", "aches"]}}, {"OP": "{0,3}"},
         {"LOWER": {"IN": ["all", "every", "each"]}}, {"LOWER": {"IN": ["night", "nights"]}}],
        [{"LOWER": {"IN": ["at", "in", "during"]}}, {"LOWER": {"IN": ["night", "bed"]}}, {"OP": "{0,3}"},
         {"LOWER": {"IN": ["constant", "worse", "unbearable", "agony", "severe", "excruciating"]}}],
    ],
    "not_improving": [
        [{"LOWER": {"IN": ["not", "no", "never"]}},
         {"OP": "{0,2}"},
         {"LOWER": {"IN": ["improving", "improved", "better", "improvement", "easing", "eased", "settling",
                           "settled", "going", "gone", "getting", "improve", "budging", "shifting",
                           "budged", "shifted", "lifted", "eased"]}}],
        [{"LOWER": {"IN": ["getting", "got", "growing", "becoming", "keeps", "steadily", "progressively"]}},
         {"LOWER": {"IN": ["worse", "worser", "worsening", "getting"]}}],
        [{"LOWER": {"IN": ["worsening", "deteriorating", "escalating", "unrelenting", "relentless", "persistent",
                           "persisting", "persists", "lingering", "chronic"]}}],
        [{"LOWER": "nothing"}, {"LOWER": {"IN": ["is", "has", "seems"]}, "OP": "?"},
         {"LOWER": {"IN": ["helping", "helped", "working", "worked", "helps", "works"]}}],
        [{"LOWER": {"IN": ["worse", "worsening", "weaker"]}}, {"OP": "{0,2}"}, {"LOWER": {"IN": ["each", "every", "by"]}},
         {"LOWER": {"IN": ["day", "week", "the"]}}],
        [{"LOWER": {"IN": ["still"]}}, {"OP": "{0,3}"},
         {"LOWER": {"IN": ["hurts", "hurting", "painful", "there", "bad", "aching", "sore"]}}],
    ],
    "legs_weak": [
        [{"LOWER": {"IN": ["legs", "feet"]}}, {"OP": "{0,4}"}, _any(["weak", "weakness", "weaker", "numb", "dead"])],
        [_any(["weak", "weakness", "numbness", "numb"]), {"OP": "{0,3}"},
         {"LOWER": {"IN": ["my", "his", "her", "the", "their", "in"]}, "OP": "?"}, {"LOWER": {"IN": ["legs", "feet"]}}],
    ],
    "one_leg_weakness": [
        [{"LOWER": "foot"}, {"LOWER": {"IN": ["drop", "drops", "dropping", "slapping", "slaps"]}}],
        [{"LOWER": {"IN": ["foot", "feet"]}}, {"OP": "{0,2}"}, {"LOWER": {"IN": ["slapping", "slaps", "flopping", "dragging"]}}],
        [{"LOWER": {"IN": ["leg", "foot", "arm"]}}, {"OP": "{0,3}"}, {"LOWER": {"IN": ["getting", "growing", "becoming", "gets"]}},
         {"LOWER": {"IN": ["weaker", "number", "worse", "weak", "numb"]}}],
        [{"LOWER": {"IN": ["dragging", "drag", "drags", "trip", "tripping"]}}, {"OP": "{0,2}"},
         {"LOWER": {"IN": ["foot", "leg", "toes"]}}],
        [{"LOWER": {"IN": ["unable"]}}, {"LOWER": {"IN": ["lift", "raise", "move", "feel"]}},
         {"OP": "{0,2}"}, {"LOWER": {"IN": ["foot", "toes", "leg", "ankle"]}}],
        [{"LOWER": {"IN": ["leg", "foot"]}}, {"OP": "{0,4}"},
         {"LOWER": {"IN": ["weaker", "weakening", "number", "worse", "weakness", "weak", "numb", "numbness"]}},
         {"OP": "{0,3}"}, {"LOWER": {"IN": ["worse", "weaker", "spreading", "increasing", "progressing"]}}],
        [{"LOWER": {"IN": ["weakness", "numbness"]}}, {"OP": "{0,4}"},
         {"LOWER": {"IN": ["spreading", "worsening", "increasing", "progressing", "getting"]}}],
    ],
    "steroids_osteoporosis": [
        [{"LOWER": {"IN": ["osteoporosis", "osteoporotic", "osteopenia", "brittle"]}}],
        [{"LOWER": {"IN": ["steroid", "steroids", "prednisolone", "prednisone", "cortisone", "dexamethasone"]}},
         {"OP": "{0,4}"}, {"LOWER": {"IN": ["years", "months", "long-term", "ages", "daily", "every"]}}],
        [{"LOWER": {"IN": ["long-term", "longterm", "years", "daily"]}}, {"OP": "{0,3}"},
         {"LOWER": {"IN": ["steroid", "steroids", "prednisolone", "prednisone"]}}],
        [{"LOWER": {"IN": ["steroid", "steroids", "prednisolone", "prednisone"]}}, {"OP": "{0,3}"},
         {"LOWER": "long"}, {"LOWER": {"IN": ["term", "time"]}}],
        [{"LOWER": "long"}, {"LOWER": {"IN": ["term", "-"]}}, {"OP": "{0,2}"},
         {"LOWER": {"IN": ["steroid", "steroids", "prednisolone", "prednisone"]}}],
    ],
    "immune": [
        [{"LOWER": {"IN": ["inject", "injecting", "injected", "iv"]}}, {"OP": "{0,2}"},
         {"LOWER": {"IN": ["drugs", "drug", "heroin", "user", "use"]}}],
        [{"LOWER": {"IN": ["hiv", "aids", "immunosuppressed", "immunocompromised", "immunosuppressants",
                           "immunosuppressant", "transplant"]}}],
        [{"LOWER": {"IN": ["weak", "weakened", "weakend", "low", "poor", "compromised", "suppressed"]}},
         {"LOWER": {"IN": ["immune", "immunity"]}}],
        [{"LOWER": {"IN": ["immune", "immunity"]}}, {"OP": "{0,3}"},
         {"LOWER": {"IN": ["weak", "weakened", "low", "poor", "compromised", "suppressed"]}}],
    ],
    "vague_down_there": [
        [{"LOWER": "down"}, {"LOWER": {"IN": ["there", "below", "under"]}}],
        [{"LOWER": {"IN": ["toilet", "bathroom", "waterworks", "peeing", "weeing", "bladder", "bowel", "bowels"]}},
         {"OP": "{0,3}"},
         {"LOWER": {"IN": ["problems", "problem", "issues", "issue", "trouble", "weird", "strange", "different",
                           "wrong", "funny", "off", "changed", "changes"]}}],
        [{"LOWER": {"IN": ["different", "strange", "weird", "odd", "off", "funny", "wrong", "right"]}}, {"OP": "{0,5}"},
         {"LOWER": {"IN": ["toilet", "loo", "bathroom", "bowels", "bladder", "wee", "pee", "waterworks", "plumbing"]}}],
        [{"LOWER": {"IN": ["plumbing", "waterworks"]}}, {"OP": "{0,3}"},
         {"LOWER": {"IN": ["different", "strange", "weird", "odd", "off", "funny", "wrong"]}}],
        [{"LOWER": {"IN": ["different", "strange", "weird", "odd", "off", "funny", "wrong"]}}, {"OP": "{0,5}"},
         {"LOWER": {"IN": ["nether", "undercarriage", "privates", "downstairs", "crotch", "groin"]}}],
        [{"LOWER": {"IN": ["nether", "undercarriage", "privates", "downstairs", "bits"]}}, {"OP": "{0,4}"},
         {"LOWER": {"IN": ["different", "strange", "weird", "odd", "off", "funny", "wrong"]}}],
        [{"LOWER": {"IN": ["problems", "problem", "issues", "trouble", "changes", "change"]}}, {"OP": "{0,3}"},
         {"LOWER": {"IN": ["toilet", "bathroom", "waterworks", "peeing", "weeing", "bladder", "bowel", "bowels"]}}],
    ],
}

# Signs that need a second cue in the same message to count (a word alone is
# too common): trauma needs a reference to the back or pain, fever too.
NEEDS_CONTEXT = {
    "trauma": re.compile(r"\b(back|spine|spinal|neck|tailbone|coccyx|hurts?|hurting|pain|painful|sore|ache|aches|aching|"
                         r"injur\w*|since|now|after|ever since)\b"),
    "fever": re.compile(r"\b(back|spine|pain|hurts?|ache|aches|aching|sore|with|and|also|plus|too)\b"),
    # A duration of weeks or more, or day-by-day worsening of severe pain.
    "not_improving": re.compile(r"\bweeks?\b|\bmonths?\b|\byears?\b|\b(each|every|by the) day\b|\bday by day\b|"
                                r"\bover (the last |a few |several )?days\b|\bsevere\b|\bagony\b|\bunbearable\b|"
                                r"\bexcruciating\b|\bworse and worse\b|\bdespite\b|\beven (with|after)\b"),
    "night_pain": re.compile(r"\b(pain|hurts?|hurting|ache|aches|aching|back|agony|sore|throb\w*)\b"),
}
# An "accident" in one's pants or bed is a continence sign, not trauma.
TOILET_ACCIDENT = re.compile(r"\b(pants|underwear|trousers|knickers|bed|toilet|pee|wee|poo|bladder|bowels?|wet|"
                             r"leak\w*|having accidents)\b")

# "Weight loss" asked about as a treatment ("can losing weight help") is not a flag.
WEIGHT_BENIGN = re.compile(r"\b(help|helps|good|advice|should i|want to|trying to|diet|program|programme)\b")

_CLAUSE = re.compile(r"[.;!?\n]|\bbut\b|\bhowever\b|\bthough\b|\balthough\b")


@dataclass
class Finding:
    sign: Sign
    text: str
    negated: bool = False
    resolved: bool = False

    @property
    def counts(self) -> bool:
        return not self.negated and not self.resolved


@dataclass
class Assessment:
    level: str = NONE
    findings: List[Finding] = field(default_factory=list)
    information_question: bool = False

    @property
    def signs(self) -> List[Sign]:
        return [f.sign for f in self.findings if f.counts]

    @property
    def top_sign(self) -> Optional[Sign]:
        ranked = sorted(self.signs, key=lambda s: -LEVEL_RANK[s.level])
        return ranked[0] if ranked else None

    @property
    def negated_only(self) -> bool:
        """Every sign mentioned was negated or resolved."""
        return bool(self.findings) and not self.signs

    def as_dict(self) -> Dict:
        top = self.top_sign
        return {"level": self.level, "sign": top.id if top else None,
                "label": top.label if top else None,
                "signs": [s.id for s in self.signs],
                "negated": [f.sign.id for f in self.findings if f.negated],
                "information_question": self.information_question}


@lru_cache(maxsize=1)
def _matcher():
    from spacy.matcher import Matcher

    from bot.text import nlp

    matcher = Matcher(nlp().vocab)
    for sign_id, patterns in PATTERNS.items():
        expanded = []
        for pattern in patterns:
            expanded.extend(_expand_multiword(pattern))
        matcher.add(sign_id, expanded)
    return matcher


def _expand_multiword(pattern: List[Dict]) -> List[List[Dict]]:
    """Entries like "inner thigh" in a token set become their own token
    sequences (the Matcher compares one token at a time)."""
    results: List[List[Dict]] = [[]]
    for token in pattern:
        values = (token.get("LOWER") or {}).get("IN") if isinstance(token.get("LOWER"), dict) else None
        multi = [v for v in values or [] if " " in v]
        if not multi:
            results = [r + [token] for r in results]
            continue
        single = dict(token)
        single["LOWER"] = {"IN": [v for v in values if " " not in v]}
        variants = [[single]] + [[{"LOWER": w} for w in v.split()] for v in multi]
        results = [r + v for r in results for v in variants]
    return results


_CONTRACTIONS = [
    (r"\b(can't|cant|can not|cannot|could not|couldn't|couldnt)\b", "unable"),
    (r"\b(won't|wont)\b", "will not"),
    (r"\b(do|does|did|is|are|was|were|has|have|had|could|would|should|need)(n't|nt)\b", r"\1 not"),
    (r"\bi'm\b", "i am"), (r"\bim\b", "i am"), (r"\bi've\b", "i have"), (r"\bive\b", "i have"),
    (r"\b(it|he|she|that)'s\b", r"\1 is"),
]


def _prepare(text: str) -> str:
    """Lower-case and expand contractions, so that "can't", "cant" and
    "cannot" all become "unable" and "isn't" becomes "is not" (spaCy would
    otherwise split "cant" into "ca" + "nt" and "cannot" into "can" + "not")."""
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'").lower()
    for pattern, repl in _CONTRACTIONS:
        text = re.sub(pattern, repl, text)
    return text


def _negated(tokens: List[str], start: int, clause_start: int) -> bool:
    """A negation cue in the four tokens before the sign, in the same clause
    ("no numbness", "not had a fever", "never had cancer")."""
    window = tokens[max(clause_start, start - 4):start]
    return any(t in NEGATION for t in window)


def assess(text: str) -> Assessment:
    """Find red-flag signs in one message."""
    from bot.text import nlp

    prepared = _prepare(text)
    if not prepared.strip():
        return Assessment()
    doc = nlp()(prepared)
    tokens = [t.text for t in doc]
    # Clause boundaries by character offset.
    bounds = [0] + [m.end() for m in _CLAUSE.finditer(prepared)] + [len(prepared) + 1]
    assessment = Assessment()
    assessment.information_question = bool(INFO_QUESTION.search(prepared)) and not _personal(prepared)

    seen: Dict[str, Finding] = {}
    for match_id, start, end in _matcher()(doc):
        sign_id = doc.vocab.strings[match_id]
        span = doc[start:end]
        c_lo = max(b for b in bounds if b <= span.start_char)
        c_hi = min(b for b in bounds if b > span.start_char)
        clause = prepared[c_lo:c_hi]
        clause_tok = next((t.i for t in doc if t.idx >= c_lo), 0)
        finding = Finding(SIGNS[sign_id], span.text)
        finding.negated = _negated(tokens, start, clause_tok) or bool(FINE.search(clause))
        finding.resolved = not finding.sign.past_ok and bool(PAST.search(clause))
        if not _context_ok(sign_id, prepared, clause, span.text):
            continue
        previous = seen.get(sign_id)
        if previous is None or (previous.negated or previous.resolved) and finding.counts:
            seen[sign_id] = finding
    assessment.findings = list(seen.values())
    levels = [s.level for s in assessment.signs]
    if assessment.information_question:
        levels = []
    assessment.level = max(levels, key=lambda lv: LEVEL_RANK[lv]) if levels else NONE
    return assessment


BACK_REF = re.compile(r"\b(back|spine|spinal|pain|hurts?|hurting|ache|aches|aching|sore)\b")


def _personal(text: str) -> bool:
    return bool(FIRST_PERSON.search(text))


def _context_ok(sign_id: str, text: str, clause: str, matched: str) -> bool:
    if sign_id == "weight_loss" and WEIGHT_BENIGN.search(clause) and not re.search(
            r"unexplained|without (trying|dieting|meaning)|for no reason|do not know why|no diet|"
            r"not (been )?(dieting|trying)", clause):
        return False
    if sign_id == "trauma":
        if matched in {"accident", "accidents"} and TOILET_ACCIDENT.search(clause):
            return False
        if matched in {"hit", "struck", "landed", "thrown", "kicked"} and not re.search(
                r"\b(by|car|ground|floor|fell|fall|hard|my back|on my back|tackle|ball|head)\b", clause):
            return False
        if matched == "slipped" and re.search(r"\bslipped (a |my |his |her )?(disc|disk)", clause):
            return False
        if matched in {"fall", "falling"} and re.search(r"\b(fall asleep|falling asleep|fall apart|falling apart|in the fall)\b", clause):
            return False
    if sign_id == "fever" and matched in {"sick", "ill"} and not re.search(
            r"\b(feel|feeling|felt|been|am|i'm|im|so|really|very)\s+(so\s+|really\s+|very\s+)?(sick|ill)\b", clause):
        return False
    if sign_id == "fever" and matched == "infection" and not _personal(text):
        return False
    if sign_id in {"cancer", "steroids_osteoporosis", "immune"} and not (_personal(text) or BACK_REF.search(text)):
        return False
    if sign_id == "fever" and matched in {"temperature", "temp"} and re.search(
            r"\b(hot|cold|warm) (and|or) (cold|hot)\b|\broom temperature\b|\bweather\b", clause):
        return False
    if sign_id == "not_improving" and matched.startswith("still") and not re.search(
            r"\b(\d+|several|few|many|couple) (weeks?|months?)|\bweeks\b|\bmonths\b", text):
        return False
    check = NEEDS_CONTEXT.get(sign_id)
    if check is not None and not check.search(text):
        return False
    return True
