"""Negation and modality: does a sentence report that something happened?

"did not meet" is a denial (nothing is drafted); "will hold talks", "is expected
to travel … next year" are plans (drafted only when they are part of a visit the
article reports as under way, e.g. talks scheduled for its second day).
"""
from __future__ import annotations

import re

_NEGATION = re.compile(
    r"\b(?:not|never|no|neither|nor|without)\b(?!\s+only\b)|n[’']t\b|"
    r"\b(?:denied|denies|deny|dismissed|ruled\s+out|cancel(?:l)?ed|cancels|called\s+off|postponed|"
    r"scrapped|refused|declined|rejected\s+reports)\b", re.I)
_DENIAL_ANYWHERE = re.compile(r"\b(?:denied|denies|deny|dismissed)\s+(?:that|reports?|claims?|any|media|it|this|the\s+(?:report|claim|story)s?)\b|"
                              r"\b(?:were|was|have\s+been|has\s+been)\s+(?:denied|dismissed|rejected)\b|"
                              r"\bthere\s+(?:was|were|has\s+been|had\s+been)\s+no\b", re.I)
_FUTURE = re.compile(
    r"\b(?:will|shall|would|is\s+to|are\s+to|(?:is|are|was|were)\s+(?:expected|scheduled|set|due|slated|likely|poised|planning|going)\s+to|"
    r"plans?\s+to|planned|scheduled|upcoming|forthcoming|intends?\s+to|to\s+be\s+held|proposed|invit(?:ed|ation|es|ing)\s+(?:\w+\s+){1,4}to\s+(?:visit|come|travel|attend|pay)|invit(?:ed|ation|es)\s+\w+\s+to|"
    r"next\s+(?:year|month|week)|later\s+this\s+(?:year|month)|in\s+the\s+coming|"
    r"(?:agreed|decided|resolved)\s+to\s+(?:convene|hold|meet|organi[sz]e|host|visit|launch))\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:]\s|\bwhere\b|\bwhich\b|\bwhile\b|\bwhen\b")


def denial_anywhere(text: str) -> str | None:
    m = _DENIAL_ANYWHERE.search(text)
    return m.group(0) if m else None


def clause_before(text: str, pos: int) -> str:
    """The part of the sentence's clause that precedes ``pos``."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, pos):
        start = m.end()
    return text[start:pos]


def clause_around(text: str, start: int, end: int) -> str:
    s = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, start):
        s = m.end()
    m = _CLAUSE_BREAK.search(text, end)
    return text[s:m.start() if m else len(text)]


def denied(text: str, start: int, end: int) -> str | None:
    """The negating words before a trigger in its clause, or a denial anywhere."""
    m = _DENIAL_ANYWHERE.search(text)
    if m:
        return m.group(0)
    before = clause_before(text, start)[-70:]
    m = _NEGATION.search(before)
    if m:
        return m.group(0)
    after = text[end:end + 25]
    m = re.match(r"\s*(?:was|were|has\s+been|had\s+been)\s+(?:cancel(?:l)?ed|called\s+off|postponed|denied)", after, re.I)
    return m.group(0).strip() if m else None


def future(text: str, start: int, end: int) -> str | None:
    """The future or planning words in the trigger's clause, if any (not those of what the event
    was about: "spoke by phone on Thursday about a proposed visit")."""
    clause = clause_around(text, start, end)
    offset = text.find(clause, 0, end) if clause else 0
    for m in _FUTURE.finditer(clause):
        between = clause[max(0, end - offset):m.start()] if offset + m.start() >= end else ""
        if re.search(r"\b(?:about|regarding|concerning|on|over|discuss(?:ed)?)\b", between, re.I):
            continue
        return m.group(0)
    return None


def tense(text: str) -> str:
    """The sentence's tense, from its words before what it is about ("spoke on Thursday about a proposed visit": past)."""
    about = re.search(r"\b(?:about|regarding|concerning)\b", text)
    text = text[:about.start()] if about else text
    text = re.sub(r"\binvit\w*\s+(?:\w+\s+){0,5}to\s+\w+", " ", text, flags=re.I)  # an invitation: another event's tense
    return "future" if _FUTURE.search(text) else "past"
