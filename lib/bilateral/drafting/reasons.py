"""Why a sentence holding an event or stance word produced no row, when no rule said so.

Every sentence of the review page that names a meeting, a visit, a signing, support, a
concern or a bid either shows its rows, or a reason: a miss is never silent.
"""
from __future__ import annotations

import re

from . import stances, topics, triggers


def _stance_word(text: str) -> re.Match | None:
    found = [m for p in (stances.SUPPORT, stances.OPPOSE, stances.CONCERN, stances.INTEREST_NOUN, stances.INTEREST_VERB)
             for m in [p.search(text)] if m]
    return min(found, key=lambda m: m.start()) if found else None


def why_nothing(text: str, ents: list, pair: tuple[str, str]) -> tuple[str, str] | None:
    """(reason, detail) for a sentence with a trigger or stance word and no row, or None."""
    sides = {e.country for e in ents or [] if e.country}
    trig = triggers.find(text)
    if trig:
        t = trig[0]
        return ("no row", f"a trigger “{t.text}” ({t.event_type}) was found, but the sentence was taken as telling an event "
                          "told elsewhere or gave no side, date or place to draft it: check it")
    m = _stance_word(text)
    if m is None:
        return None
    word = m.group(0)
    found = topics.in_text(text)
    if not found:
        named = re.search(r"\b(?:the\s+)?((?:[A-Z][\w'’-]*\s+){1,5}(?:Alliance|Organi[sz]ation|Agreement|Initiative|Forum|Council|Bank|Union|Partnership|Treaty|Group))\b", text)
        extra = f" (“{named.group(1).strip()}” is not one: add a topic to the vocabulary if it should be)" if named else ""
        return ("no topic", f"a stance word “{word}” was found, but no topic of the vocabulary{extra}")
    if not sides & set(pair):
        return ("no side", f"a stance word “{word}” on {', '.join(found)}, but neither {pair[0]} nor {pair[1]} is named as holding it")
    return ("no holder", f"a stance word “{word}” on {', '.join(found)}, but the rules could not tell which side holds it "
                         "or whose bid it is about: check it")
