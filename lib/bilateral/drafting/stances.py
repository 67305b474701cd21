"""Stances stated in a sentence: who holds which stance on which topic, for whom.

- "X's bid / membership / accession / application … <topic>", "X's interest in
  joining <topic>", "X hopes to join <topic>" → X ``interest`` (target X);
- "Y supports / backs / stands by / voiced support for X's bid" → Y ``support``
  with target X (X's own ``interest`` comes from the first rule);
- "Y opposes …" → ``oppose``; "Y expressed concerns over <topic>" → ``concern``;
- "both countries / the talks / this exchange aimed at / focused on creating
  <goal>" → ``support`` by each side, no target; "Y aims to establish <goal>"
  → Y ``support``.
A sentence may state several stances; one article states each stance once.
Stances of a third country, or about a third country's bid, are not drafted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import modality, topics
from .actors import Entity

INTEREST_NOUN = re.compile(
    r"\b(?:bids?|candidacy|candidature|applications?|accession|membership|memberships|aspirations?|quest|"
    r"interest\s+in\s+(?:joining|becoming)|desire\s+to\s+(?:join|become)|intention\s+to\s+join|push\s+for)\b", re.I)
INTEREST_VERB = re.compile(
    r"\b(?:hopes?|hoped|wants?|wanted|seeks?|sought|aspires?|aspired|is\s+keen|is\s+eager|intends?|"
    r"has\s+applied|applied|is\s+interested|wishes|wished)\s+(?:to\s+(?:become|join|obtain|gain|secure|be\s+admitted)|for|in\s+joining)\b", re.I)
SUPPORT = re.compile(
    r"\b(?:supports?|supported|backs?|backed|stands?\s+by|stood\s+by|endorsed?|endorses|championed|champions|"
    r"(?:vocali[sz]ed|voiced|expressed|reiterated|reaffirmed|extended|conveyed|pledged|offered|declared)\s+(?:its\s+|his\s+|her\s+|their\s+)?(?:\w+\s+)?support|"
    r"(?:has|have|had)\s+shown\s+(?:\w+\s+)?support|supportive\s+stance|in\s+favou?r\s+of|welcomed|welcomes)\b", re.I)
OPPOSE = re.compile(r"\b(?:opposes|opposed|oppose|rejects|rejected|objects?\s+to|objected\s+to|"
                    r"(?:voiced|expressed|reiterated)\s+(?:its\s+|his\s+|her\s+|their\s+)?(?:\w+\s+)?opposition)\b", re.I)
CONCERN = re.compile(r"\b(?:(?:expressed|voiced|raised|shared|shares?|conveyed|reiterated|underlined|stressed)\s+(?:(?:its|his|her|their|our|[A-Z][\w’']*?['’]s?)\s+)?(?:\w+\s+){0,2}concerns?|complain(?:ed|s)?|"
                     r"(?:is|are|was|were|remains|remained)\s+(?:deeply\s+|gravely\s+)?concerned|concerns?)\s+(?:over|about|regarding|at|on|by)\b", re.I)
AIM = re.compile(r"\b(?:aim(?:s|ed)?|stand(?:s)?\s+for|stood\s+for|(?:re)?affirm(?:s|ed)?|reiterat(?:es|ed)|champion(?:s|ed|ing)?|focus(?:ed|es|sed)?|seeks?|sought|commit(?:ted|s)?|work(?:ing|ed)?\s+towards?|"
                 r"strive|striving|call(?:ed|s)?\s+for|push(?:ed)?\s+for|advocat(?:e|es|ed)|championed|"
                 r"share[sd]?\s+(?:\w+\s+)?views?|agreed|decided|commitment\s+to|upgrad(?:e|ed|ing)|share[sd]?\s+(?:the|a)\s+(?:\w+\s+)?(?:conviction|belief|commitment)|(?:underlined|underscored|stressed|highlighted|emphasi[sz]ed)\s+the\s+(?:\w+\s+)?(?:value|importance)\s+of|committed\s+to|elevat(?:e|ed|ing)|establish(?:ed|ing)?|creat(?:e|ed|ing)|build(?:ing)?)\b", re.I)
GOAL_TOPICS = {"multipolar_order", "strategic_partnership", "unsc_reform"}
MEMBERSHIP_TOPICS = {"unsc_reform", "sco_membership", "brics_membership", "un_cooperation"}  # a UN candidacy: un_cooperation
# "requested Japan's support", "sought India's backing": the requester's interest, not the other side's support.
REQUEST = re.compile(r"\b(?:request(?:ed|s|ing)?|sought|seeks?|seeking|asked\s+for|asks\s+for|appeal(?:ed|s)?\s+for|solicit(?:ed|s)?|"
                     r"lobb(?:ied|ies|y)\s+for|hopes?\s+for|counts?\s+on|would\s+(?:welcome|appreciate))\s+(?:the\s+)?(?:\w+['’]s?\s+)?$", re.I)
# "appreciated Australia's backing for its candidacy": the possessor's support.
BACKING = re.compile(r"\b(?:backing|support|endorsement)\s+(?:for|of)\b", re.I)
_EVENT_SUBJECT = re.compile(r"^\W*(?:[A-Z][\w’']*\s+){0,3}?(?:the\s+|this\s+|these\s+|their\s+)?(?:\w+\s+)?"
                            r"(?:visit|talks|discussions|dialogue|exchange|meeting|consultations|summit)\b", re.I)
_BOTH_SUBJECT = re.compile(r"\b(?:both\s+(?:countries|nations|sides|leaders|ministers|presidents|governments)|the\s+two\s+(?:foreign\s+|prime\s+)?"
                           r"(?:countries|nations|sides|leaders|ministers|presidents|governments)|the\s+(?:leaders|ministers|presidents)|^\W*(?:\d+\.\s+)?They|"
                           r"together,?\s+we|we\s+(?:also\s+|both\s+)?share)\b", re.I)


def has_stance_word(text: str) -> bool:
    return any(p.search(text) for p in (SUPPORT, OPPOSE, CONCERN, INTEREST_NOUN, INTEREST_VERB))


@dataclass(frozen=True)
class Stance:
    sentence: int
    actor: str
    topic: str
    stance: str
    target: str | None
    rule: str
    confidence: float


@dataclass(frozen=True)
class StanceSkip:
    sentence: int
    reason: str
    detail: str


def _owner_before(ents: list[Entity], pos: int) -> Entity | None:
    before = [e for e in ents if e.end <= pos and e.country and not e.possessive]
    return before[-1] if before else None


def _interests(text: str, ents: list[Entity]) -> list[tuple]:
    """(owner, topic, start, end, form) of each interest phrase; form: "noun" (X's bid) or "verb" (X hopes to join)."""
    found = []
    owners = [e for e in ents if e.possessive and e.country]
    for m in re.finditer(r"\b(?:its|their)\s+", text):
        owner = _owner_before(ents, m.start())
        if owner:
            owners.append(Entity(m.start(), m.end(), "pronoun", owner.country, possessive=True))
    for owner in owners:
        window = text[owner.end:owner.end + 90]
        noun = INTEREST_NOUN.search(window)
        if not noun or noun.start() > (25 if owner.kind == "pronoun" else 60):
            continue
        if any(o is not owner and owner.end <= o.start < owner.end + noun.start() for o in owners):
            continue  # "its support for Belarus's membership": the bid is Belarus's
        span = text[owner.end:owner.end + noun.end() + 70]
        span = re.split(r"[,;]\s|\bwhile\b|\bbut\b", span)[0] if noun.end() < len(re.split(r"[,;]\s", span)[0]) + 1 else span
        found_topics = [t for _, _, t in topics.find(span) if t in MEMBERSHIP_TOPICS]
        if not found_topics and re.match(r"\s*(?:in\s+this\s+regard|too|as\s+well|[.,;])", text[owner.end + noun.end():]):
            # "… a reformed Security Council …, and India supports South Africa's aspiration in this regard"
            found_topics = [t for _, _, t in topics.find(text[:owner.start]) if t in MEMBERSHIP_TOPICS][-1:]
        for topic in found_topics:
            if topic not in [x[1] for x in found if x[0] is owner]:
                found.append((owner, topic, owner.start, owner.end + noun.end(), "noun"))
    for m in INTEREST_VERB.finditer(text):
        owner = _owner_before(ents, m.start())
        if not owner:
            continue
        for _, _, topic in topics.find(text[m.end():m.end() + 80]):
            if topic in MEMBERSHIP_TOPICS:
                found.append((owner, topic, m.start(), m.end(), "verb"))
                break
    return found


def _subject(text: str, ents: list[Entity], m: re.Match) -> list[str] | None:
    """Who holds the stance a verb states: one country, or both sides."""
    if re.search(r"stance\s*$", m.group(0)):
        after = [e for e in ents if e.start >= m.end() and e.country and not e.possessive]
        if after and after[0].start - m.end() < 12:
            return [after[0].country]
    pronoun = re.search(r"\b(?:its|his|her|their)\s+(?:\w+\s+)?$", text[max(0, m.start() - 25):m.start()])
    if pronoun and m.group(0).lower() in ("support", "backing", "endorsement"):
        start = max(0, m.start() - 25) + pronoun.start()  # "Sweden has assured us of its support": Sweden's
        before = [e for e in ents if e.end <= start and e.country and not e.possessive and e.kind in ("country", "person", "office")]
        if before:
            return [before[-1].country]
    if re.match(r"^\W*We\b", text) and not any(e.kind == "we" and e.country for e in ents):
        return ["BOTH"]  # "We reaffirmed our partnership" in a release whose author is not named: the two sides
    clause = _clause_start(text, m.start())
    if _BOTH_SUBJECT.search(text[clause:m.start()]) or (clause == 0 and _EVENT_SUBJECT.match(text)):
        return ["BOTH"]  # "Both countries …", "Aleinik's visit … focused on": the two sides
    owner = _owner_clause(text, ents, m.start())
    if owner:
        return [owner.country]
    inside = [e for e in ents if e.possessive and e.country and m.start() <= e.start < m.end()]
    if inside:
        return [inside[0].country]  # "conveyed Kenya's concern": Kenya's
    if _BOTH_SUBJECT.search(text[:m.start()]) or _EVENT_SUBJECT.match(text):
        return ["BOTH"]
    return None


def _clause_end(text: str, pos: int) -> int:
    m = re.search(r";\s|,\s+(?:and|but|while|whereas)\s|\bwhile\b|\bwhere\b|\bwhich\b", text[pos:])
    return pos + m.start() if m else len(text)


def _clause_start(text: str, pos: int) -> int:
    return max((x.end() for x in re.finditer(r";\s|,\s+(?:and|but|while|whereas)\s|\bwhile\b|\bwhere\b|\bwhich\b", text[:pos])), default=0)


def _owner_clause(text: str, ents: list[Entity], pos: int) -> Entity | None:
    """The nearest actor before ``pos`` in the same clause (commas allowed for appositives)."""
    clause_start = _clause_start(text, pos)
    before = [e for e in ents if clause_start <= e.start and e.end <= pos and e.country and not e.possessive
              and e.kind in ("person", "office", "country", "we")]
    if not before:
        return None
    # Prefer the grammatical subject: the entity right before the verb, skipping "and …" objects.
    return before[-1]


def find(index: int, text: str, ents: list[Entity], pair: tuple[str, str]) -> tuple[list[Stance], list[StanceSkip]]:
    a, b = pair
    stances: list[Stance] = []
    skips: list[StanceSkip] = []
    interests = _interests(text, ents)

    def add(actor: str, topic: str, stance: str, target: str | None, rule: str, conf: float) -> None:
        if actor not in pair or (target and target not in pair):
            who = actor if actor not in pair else target
            skips.append(StanceSkip(index, "other pair", f"a stance involving {who}, not between {a} and {b}"))
            return
        s = Stance(index, actor, topic, stance, target, rule, conf)
        if all((x.actor, x.topic, x.stance, x.target) != (actor, topic, stance, target) for x in stances):
            stances.append(s)

    for owner, topic, _, _, _ in interests:
        add(owner.country, topic, "interest", owner.country, "X's bid or membership: X's interest", 0.8)
    for pattern, stance in ((SUPPORT, "support"), (OPPOSE, "oppose"), (CONCERN, "concern")):
        for m in pattern.finditer(text):
            if m.group(0).lower() == "support" and not re.match(r"\s+(?:for|of|to)\b", text[m.end():]) \
                    and re.search(r"(?:\b(?:its|his|her|their|our|the|for|and)|['’]s?)\s+(?:\w+\s+)?$", text[max(0, m.start() - 30):m.start()]):
                continue  # "thanked Brazil for its support and …": support of nothing named
            if stance == "support" and REQUEST.search(text[max(0, m.start() - 60):m.start()]):
                skips.append(StanceSkip(index, "request", f"“{m.group(0)}” is asked for: the requester's interest, not the other side's support"))
                continue
            if stance == "support" and re.search(r"\b(?:would|will|may|might|could)\s+(?:\w+\s+)?consider", text[max(0, m.start() - 40):m.end()], re.I):
                skips.append(StanceSkip(index, "hedge", f"“{m.group(0)}”: a hedge, not support"))
                continue
            negation = modality.denied(text, m.start(), m.end())
            if negation and stance != "concern":
                skips.append(StanceSkip(index, "denial", f"“{negation}” before “{m.group(0)}”"))
                continue
            subject = _subject(text, ents, m)
            if not subject:
                continue
            holders = [a, b] if subject == ["BOTH"] else subject
            # Whose bid: a possessive bid in the verb's clause ("backs India's bid"; for a concern or
            # an opposition, right after the verb: "concern over Belarus's bid").
            nouns = [(o, t) for o, t, _, _, form in interests if form == "noun"]
            if stance == "support":
                lo, hi = _clause_start(text, m.start()), _clause_end(text, m.end())
            else:
                lo, hi = m.end(), min(m.end() + 40, _clause_end(text, m.end()))
            objects = [(o, t) for o, t in nouns if lo <= o.start < hi]
            if not objects and stance == "support":
                objects = nouns  # "…membership, a step towards which India has shown support"
            done = False
            for holder in holders:
                for owner, topic in objects:
                    if owner.country != holder:
                        add(holder, topic, stance, owner.country, f"{stance} for X's bid: target X", 0.8)
                        done = True
            if not done:
                after = text[m.end():min(m.end() + 120, _clause_end(text, m.end()))]
                found = topics.find(after)
                if found:
                    for holder in holders:
                        add(holder, found[0][2], stance, None, f"{stance} of a topic", 0.6)
    for m in BACKING.finditer(text):  # "appreciated Australia's backing for its candidacy"
        owner = next((e for e in ents if e.possessive and e.country and 0 <= m.start() - e.end <= 14
                      and re.fullmatch(r"\s*(?:[a-z]+\s+)?", text[e.end:m.start()])), None)  # "Germany's firm support for"
        its = re.search(r"\b(?:its|their)\s+(?:\w+\s+)?$", text[max(0, m.start() - 20):m.start()])
        if owner is None and its:  # "thanked France for its backing of Kenya's candidacy": France's
            at = max(0, m.start() - 20) + its.start()
            before = [e for e in ents if e.end <= at and e.country and not e.possessive and e.kind in ("country", "person", "office")]
            owner = before[-1] if before else None
        if owner is None or REQUEST.search(text[max(0, owner.start - 60):owner.start]) or modality.denied(text, m.start(), m.end()):
            continue
        for o, topic, _, _, form in interests:
            if form == "noun" and o.country != owner.country and o.start >= m.end() - 1:
                add(owner.country, topic, "support", o.country, "X's backing for Y's bid: X's support, target Y", 0.7)
    for m in AIM.finditer(text):
        after = text[m.end():m.end() + 90]
        goals = [t for _, _, t in topics.find(after) if t in GOAL_TOPICS]
        if not goals:
            continue
        if modality.denied(text, m.start(), m.end()):
            continue
        subject = _subject(text, ents, m)
        if not subject:
            continue
        holders = [a, b] if subject == ["BOTH"] else subject
        for holder in holders:
            if any(x.actor == holder and x.topic == goals[0] and x.stance == "support" for x in stances):
                continue  # "backs Kenya's push for reform": already its support, with the target
            add(holder, goals[0], "support", None, "aims at a goal: support", 0.7)
    return stances, skips
