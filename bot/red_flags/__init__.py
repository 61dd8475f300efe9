"""Red flags: signs that need a doctor now (emergency, possible cauda
equina syndrome) or soon (urgent), found in patients' own words.

* signs.py    - the signs and levels (data/red_flags/signs.yml)
* context.py  - negation, resolved past, questions, cues (context.yml)
* rules.py    - token patterns per sign (patterns.yml)
* bank.py     - patients' wordings per sign with sources (bank/, sources.yml)
* semantic.py - nearest neighbours in the bank's training part (MiniLM)
* combine.py  - one decision per message from the layers
* memory.py   - signs and cues remembered across a conversation
* spanish.py  - the Spanish safety net and language detection

`assess` is the rule layer alone (no model needed): used where the pipeline
does not run, e.g. on a message refused for its length.
"""
from bot.red_flags.rules import Assessment, Finding, assess  # noqa: F401
from bot.red_flags.signs import (  # noqa: F401
    CLARIFY, EMERGENCY, LEVEL_RANK, NONE, URGENT, Sign, highest, sign, signs,
)
