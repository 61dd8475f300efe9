"""One decision per message from the three layers: rules, the semantic
matcher and the `red_flag_*` intents the model learned.

Any layer can escalate, with three limits learned the hard way:
* a general question about warning signs escalates nobody (it gets the list);
* the model alone escalates only a message that has something of a symptom
  in it (a rule finding, a symptom cue, or a sign wording nearby): "Tuesday
  at 10am" in the booking form was once sent to a doctor;
* the model alone never calls an emergency: it asks the screening question;
* a sign the rules found negated ("no numbness in my groin") is not
  re-raised by the semantic layer.
Cues in different clauses of the message combine (context.yml); a message
close to a sign but not clear gets the screening question (clarify).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set

from bot.red_flags import context as ctx
from bot.red_flags.rules import Assessment, Finding
from bot.red_flags.semantic import SemanticResult
from bot.red_flags.signs import CLARIFY, EMERGENCY, LEVEL_RANK, NONE, URGENT, highest, signs

NEURO_CUES = frozenset({"neuro_legs", "neuro_toilet", "neuro_saddle"})
SYMPTOM_CUES = NEURO_CUES | {"complaint", "leg_symptom", "numb_unplaced", "saddle_place"}


@dataclass
class Decision:
    level: str = NONE
    sign: Optional[str] = None
    label: Optional[str] = None
    source: Optional[str] = None
    layers: Dict[str, str] = field(default_factory=dict)
    signs: List[str] = field(default_factory=list)
    negated: List[str] = field(default_factory=list)
    cues: List[str] = field(default_factory=list)
    information_question: bool = False
    warning_signs_question: bool = False
    score: float = 0.0

    def as_dict(self) -> Dict:
        return {"level": self.level, "sign": self.sign, "label": self.label, "source": self.source,
                "layers": dict(self.layers), "signs": list(self.signs), "negated": list(self.negated),
                "cues": list(self.cues), "information_question": self.information_question,
                "warning_signs_question": self.warning_signs_question, "score": round(self.score, 3)}


def decide(text: str, rules: Assessment, semantic: Optional[SemanticResult] = None,
           model_level: str = NONE, clarify_low: float = 1.0, language: str = "en",
           other_language_extra: float = 0.1, spanish_screen: bool = False) -> Decision:
    prepared = ctx.prepare(text)
    cue_set: Set[str] = ctx.cues(prepared)
    decision = Decision(cues=sorted(cue_set), information_question=rules.information_question,
                        warning_signs_question=ctx.warning_signs_question(prepared))
    negated = {f.sign.id for f in rules.findings if not f.counts}
    findings: List[Finding] = [f for f in rules.findings if f.counts]
    sem_level = NONE
    if semantic is not None:
        # A sign the rules found negated ("no numbness in my groin") is not
        # re-raised from the same words by the semantic layer.
        negated_spans = [f.text for f in rules.findings if not f.counts]
        kept = [f for f in semantic.assessment.findings if f.counts and f.sign.id not in negated
                and not any(span in ctx.prepare(f.text) for span in negated_spans)]
        findings += kept
        sem_level = highest(*[f.sign.level for f in kept])
        decision.score = semantic.best
    # Cues of a symptom that passed at once ("the feeling comes back the
    # second I stand up") make no sign together (session 12 look-alikes).
    for sign_id in ctx.combined_signs([set() if ctx.transient(prepared) else cue_set]):
        findings.append(Finding(signs()[sign_id], text, layer="cues"))
    symptomatic = bool(rules.findings) or bool(cue_set & SYMPTOM_CUES) or \
        (semantic is not None and semantic.best >= clarify_low)
    if not symptomatic or (rules.negated_only and not findings):
        model_level = NONE
    cue_level = highest(*[f.sign.level for f in findings if f.layer == "cues"])
    decision.layers = {"rules": rules.level, "semantic": sem_level, "model": model_level,
                       "cues": cue_level}
    if rules.information_question:
        decision.negated = sorted(negated)
        return decision
    downgraded = False
    # The semantic layer alone on hedged wording, on a message that says
    # something is absent or fine ("no back pain or numbness though, just
    # cramps": constipation, a haemorrhoid op, the pelvic floor after
    # childbirth were sent to 911), or on another language than its English
    # model knows well, asks the screening question.
    if semantic is not None and LEVEL_RANK[sem_level] > LEVEL_RANK[highest(rules.level, model_level, cue_level)]:
        unsure = (ctx.vague(prepared) or ctx.says_something_absent(prepared)) if sem_level == EMERGENCY else False
        if language != "en":
            unsure = semantic.best < semantic_threshold(semantic, sem_level) + other_language_extra
        # Nor does it call an emergency on pain that makes walking hard with
        # no neurological cue (numbness, legs, toilet, "down there"):
        # "sneezed and put my back out, can barely walk" read as weakness in
        # both legs.
        elif sem_level == EMERGENCY and not cue_set & NEURO_CUES and ctx.walking_only(prepared):
            unsure = True
        if unsure:
            findings = [f for f in findings if f.layer != "semantic"]
            sem_level = CLARIFY
            decision.layers["semantic"] = CLARIFY
            downgraded = True
    # The model alone on hedged wording, on symptoms in one leg (it learned
    # the team's own wording and sent one-sided sciatica to emergency care),
    # on a message that says something is normal, or on a urine infection,
    # asks the screening question.
    # The same for a see-a-doctor guess of the model alone ("my legs feel a
    # bit tingly on and off", "now it's in my right leg too": the memory
    # combines the legs).
    # A see-a-doctor guess of the model alone, on words the rules read and set
    # aside (weight lost on purpose, cancer in the family) or on a symptom
    # that passed at once ("it came right after a few minutes"), escalates
    # nobody and asks nothing.
    if model_level == URGENT and LEVEL_RANK[highest(rules.level, sem_level, cue_level)] < LEVEL_RANK[URGENT] \
            and (rules.vetoed or ctx.transient(prepared)):
        model_level = decision.layers["model"] = NONE
    if model_level in (EMERGENCY, URGENT) and \
            LEVEL_RANK[highest(rules.level, sem_level, cue_level)] < LEVEL_RANK[model_level] \
            and (ctx.vague(prepared) or ctx.one_sided(prepared) or ctx.clause_says_absent(prepared)
                 or ctx.urine_infection(prepared)):
        model_level = CLARIFY
        decision.layers["model"] = CLARIFY
        downgraded = True
    # The model alone never calls an emergency: over the whole sign bank it
    # did so for 3 emergencies and for 5 harmless messages ("getting up at
    # night to pee") and 22 see-a-doctor ones. It asks the screening question.
    # Without a neurological cue (numbness, legs, toilet, "down there") it
    # asks nothing either, as the screening question needs one: "id like to
    # refer myself for physio for my lower back" was asked about CES signs.
    if model_level == EMERGENCY and highest(rules.level, sem_level, cue_level) != EMERGENCY:
        model_level = decision.layers["model"] = CLARIFY if cue_set & NEURO_CUES else NONE
        downgraded = model_level == CLARIFY
    # Hedged wording that only the two learned layers read as an emergency
    # ("going to the bathroom isn't the same anymore") asks the screening
    # question: a "yes" is the emergency.
    from_emergency = EMERGENCY in (sem_level, model_level) and EMERGENCY not in (rules.level, cue_level) \
        and ctx.vague(prepared)
    if from_emergency:
        if sem_level == EMERGENCY:
            findings = [f for f in findings if f.layer != "semantic"]
            sem_level = decision.layers["semantic"] = CLARIFY
        if model_level == EMERGENCY:
            model_level = decision.layers["model"] = CLARIFY
        downgraded = True
    level = highest(rules.level, sem_level, model_level, cue_level)
    personal = ctx.personal(prepared) or language != "en"
    # The screening question needs a neurological cue in the message
    # (numbness, legs, toilet, "down there"): without one, a question about
    # sciatica or sleep close to a sign's wording is just a question.
    neuro = bool(cue_set & NEURO_CUES)
    wants_screen = downgraded or spanish_screen or (neuro and ((semantic is not None and semantic.clarify)
                                                               or "complaint" in cue_set))
    if LEVEL_RANK[level] <= LEVEL_RANK[CLARIFY]:
        level = CLARIFY if (wants_screen and personal) or rules.level == CLARIFY or from_emergency else NONE
    decision.level = level
    decision.negated = sorted(negated)
    decision.signs = sorted({f.sign.id for f in findings})
    ranked = sorted(findings, key=lambda f: (-LEVEL_RANK[f.sign.level], f.layer != "rules", -f.score))
    top = next((f for f in ranked if f.sign.level == level), None)
    if top is not None:
        decision.sign, decision.label = top.sign.id, top.sign.label
    decision.source = next((name for name in ("rules", "semantic", "cues", "model")
                            if decision.layers.get(name) == level), None) if level != NONE else None
    return decision


def semantic_threshold(semantic: SemanticResult, level: str) -> float:
    return semantic.thresholds.for_level(level) if semantic.thresholds else 1.0
