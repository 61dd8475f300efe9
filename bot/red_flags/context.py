"""What surrounds a sign: clauses, negation, "fine", a resolved past, a
general question, someone's own symptoms, and the cues that the screening
question and the conversation memory use.

Patterns come from data/red_flags/context.yml (a clinician reviews them);
this module applies them to lower-cased text with contractions expanded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Pattern, Set, Tuple

from bot.red_flags.signs import load_yaml


@dataclass(frozen=True)
class Context:
    contractions: Tuple[Tuple[Pattern, str], ...]
    clause_break: Pattern
    negation_window: int
    negation_words: frozenset
    negation_stops: frozenset
    treatment_verbs: frozenset
    past_negated: Pattern
    fine: Pattern
    not_fine: Pattern
    past: Pattern
    info_question: Pattern
    personal: Pattern
    back_ref: Pattern
    warning_signs_question: Pattern
    wait_question: Pattern
    screening_yes: Pattern
    screening_no: Pattern
    semantic_negation: Pattern
    vague: Pattern
    transient: Pattern
    walking_only: Pattern
    limb: Pattern
    one_sided: Pattern
    definition_question: Pattern
    sign_checks: Dict[str, List[Dict]]
    cues: Dict[str, Tuple[Pattern, Optional[Pattern]]]
    combinations: Tuple[Tuple[str, frozenset], ...]


def _check_value(key: str, value):
    """A sign check's value as matched: regular expressions compiled, the
    matched prefixes (one or a list) as a tuple for str.startswith."""
    if key == "matched_prefix":
        return tuple(value) if isinstance(value, list) else (value,)
    return _rx(value) if isinstance(value, str) else value


def _rx(pattern: Optional[str]) -> Optional[Pattern]:
    return re.compile(pattern) if pattern else None


@lru_cache(maxsize=1)
def context() -> Context:
    raw = load_yaml("context.yml")
    checks = {}
    for sign_id, rules in (raw.get("sign_checks") or {}).items():
        checks[sign_id] = [{k: _check_value(k, v) for k, v in rule.items()} for rule in rules]
    return Context(
        contractions=tuple((re.compile(p), r) for p, r in raw["contractions"]),
        clause_break=re.compile(raw["clause_break"]),
        negation_window=int(raw["negation_window"]),
        negation_words=frozenset(raw["negation_words"]),
        negation_stops=frozenset(raw["negation_stops"]), treatment_verbs=frozenset(raw["treatment_verbs"]),
        past_negated=re.compile(raw["past_negated"]),
        fine=re.compile(raw["fine"]), not_fine=re.compile(raw["not_fine"]), past=re.compile(raw["past"]),
        info_question=re.compile(raw["info_question"]), personal=re.compile(raw["personal"]),
        back_ref=re.compile(raw["back_ref"]), sign_checks=checks,
        warning_signs_question=re.compile(raw["warning_signs_question"]),
        wait_question=re.compile(raw["wait_question"]),
        screening_yes=re.compile(raw["screening_yes"]), screening_no=re.compile(raw["screening_no"]),
        semantic_negation=re.compile(raw["semantic_negation"]),
        vague=re.compile(raw["vague"]),
        transient=re.compile(raw["transient"]), walking_only=re.compile(raw["walking_only"]),
        limb=re.compile(raw["limb"]),
        one_sided=re.compile(raw["one_sided"]),
        definition_question=re.compile(raw["definition_question"]),
        cues={name: (re.compile(spec["match"]), _rx(spec.get("unless")))
              for name, spec in (raw.get("cues") or {}).items()},
        combinations=tuple((c["sign"], frozenset(c["all"])) for c in raw.get("combinations") or []),
    )


def prepare(text: str) -> str:
    """Lower-case and expand contractions, so that "can't", "cant" and
    "cannot" all become "unable" and "isn't" becomes "is not"."""
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'").lower()
    for pattern, repl in context().contractions:
        text = pattern.sub(repl, text)
    return text


def clauses(prepared: str) -> List[Tuple[int, int]]:
    """(start, end) character spans of the clauses of a prepared text."""
    cuts = [0] + [m.end() for m in context().clause_break.finditer(prepared)] + [len(prepared)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if prepared[a:b].strip(" ,.;!?\n")]


def negated_before(words: List[str], first_matched: str = "") -> bool:
    """A negation cue among the words just before a sign, in its clause.

    The window starts after a comma that opens a new statement ("hardly any
    pressure, it comes out drop by drop"), and a negation of a treatment
    verb ("even that does not work and nothing is coming out") negates the
    treatment, not the sign after it."""
    c = context()
    window = (words[-c.negation_window:] if words else []) + [first_matched]
    for i in range(len(window) - 1, 0, -1):
        if window[i - 1].endswith(",") and window[i] in c.negation_stops:
            window = window[i:]
            break
    return any(w in c.negation_words and not (i + 1 < len(window) and window[i + 1] in c.treatment_verbs)
               for i, w in enumerate(window[:-1]))


def clause_says_absent(clause: str) -> bool:
    """The clause says the sign is absent or fine; "is physio ok for me?"
    and "felt ok at the time" do not (context.yml `not_fine`)."""
    return bool(context().fine.search(context().not_fine.sub(" ", clause)))


def clause_in_past(clause: str) -> bool:
    """A resolved past, unless it is negated: "it never really went away"."""
    return any(not context().past_negated.search(clause[:m.start()]) for m in context().past.finditer(clause))


def information_question(prepared: str) -> bool:
    """A general question about warning signs, not someone's own symptoms,
    or a question about what a term means."""
    if context().definition_question.search(prepared):
        return True
    return bool(context().info_question.search(prepared)) and not personal(prepared)


def resolved_after_but(prepared: str, spans: List[Tuple[int, int]], clause_end: int) -> bool:
    """"Landed on my bum. Bit sore for 2 days but it's completely gone now":
    one of the next two clauses, after a "but", says it has resolved. Only
    for see-a-doctor signs: an emergency sign is never resolved by what a
    neighbouring clause says ("I can't feel my legs but the bruise is gone")."""
    following = [(a, b) for a, b in spans if a >= clause_end][:2]
    return any(prepared[:a].rstrip(" ,").endswith(("but", "though", "although"))
               and clause_in_past(prepared[a:b]) for a, b in following)


def walking_only(prepared: str) -> bool:
    """Walking or standing made hard by pain ("can barely walk"), with no
    leg or foot named."""
    return bool(context().walking_only.search(prepared)) and not context().limb.search(prepared)


def transient(prepared: str) -> bool:
    """The symptom passes at once when the position changes."""
    return bool(context().transient.search(prepared))


def personal(prepared: str) -> bool:
    return bool(context().personal.search(prepared))


def sign_check_ok(sign_id: str, prepared: str, clause: str, matched: str) -> bool:
    """The per-sign checks of context.yml for one rule match."""
    for rule in context().sign_checks.get(sign_id, ()):
        words = rule.get("matched")
        prefix = rule.get("matched_prefix")
        if words is not None and matched not in words:
            continue
        if prefix is not None and not matched.startswith(prefix):
            continue
        if rule.get("require_text") is not None and not rule["require_text"].search(prepared):
            return False
        if rule.get("require_clause") is not None and not rule["require_clause"].search(clause):
            return False
        drop_t, keep_t = rule.get("drop_if_text"), rule.get("keep_if_text")
        if drop_t is not None and drop_t.search(prepared) and not (keep_t is not None and keep_t.search(prepared)):
            return False
        drop, keep = rule.get("drop_if_clause"), rule.get("keep_if_clause")
        if drop is not None and drop.search(clause) and not (keep is not None and keep.search(clause)):
            return False
        if rule.get("require_personal") and not personal(prepared):
            return False
        if rule.get("require_personal_or_back") and not (personal(prepared)
                                                         or context().back_ref.search(prepared)):
            return False
    return True


def cues(prepared: str) -> Set[str]:
    """The cues of context.yml found in clauses that are not negated, fine
    or in a resolved past."""
    found: Set[str] = set()
    for start, end in clauses(prepared):
        clause = prepared[start:end]
        if clause_says_absent(clause) or clause_in_past(clause):
            continue
        for name, (match, unless) in context().cues.items():
            hit = match.search(clause)
            if not hit or (unless is not None and unless.search(clause)):
                continue
            if negated_before(clause[:hit.start()].split()):
                continue
            found.add(name)
    return found


def combined_signs(cue_sets: List[Set[str]]) -> List[str]:
    """Signs that cues from different messages make together (context.yml
    `combinations`): each cue of a combination in some message."""
    seen = set().union(*cue_sets) if cue_sets else set()
    return [sign_id for sign_id, needed in context().combinations if needed <= seen]


def warning_signs_question(prepared: str) -> bool:
    """A question asking what the warning signs are (answered with the list)."""
    return bool(context().warning_signs_question.search(prepared)
                and context().info_question.search(prepared))


def wait_question(prepared: str) -> bool:
    """Asking whether emergency care can wait, or to carry on booking."""
    return bool(context().wait_question.search(prepared))


def screening_answer(prepared: str) -> Optional[str]:
    """"yes" or "no" when the whole message is a plain answer, else None."""
    plain = " ".join(re.sub(r"[^\w\s]", " ", prepared).split())
    if context().screening_yes.search(plain):
        return "yes"
    return "no" if context().screening_no.search(plain) else None


def without_negated_symptoms(text: str) -> str:
    """The text with negated symptoms cut out (for the semantic layer)."""
    return context().semantic_negation.sub(" ", text)


def says_something_absent(text: str) -> bool:
    """The message says a symptom is absent ("no back pain or numbness
    though") or something is fine ("peeing normal", "back is fine")."""
    return bool(context().semantic_negation.search(text)) or clause_says_absent(text)


def vague(prepared: str) -> bool:
    """Hedged, vague wording ("comes and goes", "hard to say where")."""
    return bool(context().vague.search(prepared))


def one_sided(prepared: str) -> bool:
    """Symptoms said to be in one leg or side, and not in both."""
    return bool(context().one_sided.search(prepared)) and not re.search(
        r"\bboth\b|\bother (leg|side)\b|\btwo legs\b|\bleft and right\b|\bright and left\b", prepared)


def urine_infection(prepared: str) -> bool:
    """A urine infection named (its burning and frequency look like bladder signs)."""
    return bool(re.search(r"\b(uti|utis|cystitis|urine infection|bladder infection|water infection)\b", prepared))
