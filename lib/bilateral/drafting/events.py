"""Event mentions of one sentence: trigger, date, actors, place, modality.

``mention`` turns one trigger of a sentence into an ``EventMention`` or a
``Skip`` (a denial, a plan, another pair, no date …). Joining mentions across
sentences (one visit told in three sentences, talks during a visit, a post about
a meeting) is ``assemble``'s job (assemble.py).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import countries, modality, topics
from .actors import Entity, highest_level
from .dates import EXPLICIT, RELATIVE, DateMention
from .triggers import Trigger


@dataclass
class Skip:
    sentence: int
    reason: str      # denial, plan, other pair, no date, one side only
    detail: str


@dataclass
class EventMention:
    sentence: int
    trigger: Trigger
    event_type: str
    cameo_code: str
    rule: str
    actor1: str | None
    actor2: str | None
    sides: dict            # alpha3 -> (name, role)
    level: str
    date: str | None
    end_date: str | None
    date_kind: str | None
    future: str | None
    anaphoric: bool
    location_city: str | None = None
    location_country: str | None = None
    venue: str | None = None
    topics: list = field(default_factory=list)
    reference: bool = False   # "the visit", "these discussions": a mention of an event told elsewhere
    conflict: tuple | None = None  # (relative mention, explicit mention) that disagree


# Triggers naming a mechanism without a verb: dated by the discourse only with a marker ("the same day").
NOUN_RULES = {"named mechanism", "talked or discussed", "meeting on the sidelines"}
# What a country named after these words is about, not who takes part: "a memorandum on power
# exports to Ugandan and Tanzanian grids", "talks about the situation in the Sahel".
_ABOUT = re.compile(r"\b(?:on|about|regarding|concerning|over|covering|including|to\s+discuss|focusing\s+on)\s", re.I)
_TOPIC_COUNTRY = re.compile(r"^[-–](?:[A-Z][a-z]+)\s+(?:conflict|war|crisis)|^\s+(?:conflict|war|crisis)\b")
_REFERENCE = re.compile(r"\b(?:the|this|that|these|those|his|her|their|its)\s+(?:\w+\s+){0,2}$", re.I)
_VENUE = re.compile(r"\b(?:sidelines\s+of|at|during)\s+the\s+((?:[A-Z0-9][\w&'-]*\s+){0,7}?(?:Summit|Forum|Assembly|Conference|Meeting|Ministerial|Session|Games|Congress)(?:\s+\([A-Z]+\))?)")


def _participants(text: str, ents: list[Entity], trigger: Trigger, places) -> list[Entity]:
    """Entities that can be actors: not a place, not a topic ("Russia-Ukraine conflict")."""
    place_spans = [(s, e) for s, e, _, _ in places]
    about = _ABOUT.search(text, trigger.end)
    out = []
    for ent in ents:
        if any(s <= ent.start < e for s, e in place_spans):
            continue
        if about and ent.kind == "country" and ent.start >= about.end() and trigger.event_type != "visit" \
                and not re.match(r"\s*(?:and|with)\b", text[ent.end:]) and not text[about.start():ent.start].strip().endswith("with"):
            continue  # a country in what the event is about, not a party to it
        if ent.kind == "country":
            after = text[ent.end:ent.end + 30]
            before = text[max(0, ent.start - 20):ent.start]
            if _TOPIC_COUNTRY.match(after) or re.search(r"\b(?:conflict|war|crisis)\s+in\s+$", before):
                continue  # "Russia-Ukraine conflict", "the war in Ukraine": a topic
            if re.match(r"[-–][A-Z]", after) or re.search(r"[A-Z][a-z]+[-–]$", before):
                continue  # "India-Belarus relations": a qualifier, not an actor
            if ent.possessive and trigger.event_type != "visit":
                continue  # "India's bid": whose bid, not who met
        out.append(ent)
    return out


def _compound(text: str, pair: tuple[str, str], trigger: Trigger) -> bool:
    """Whether "A-B" (the two sides joined by a hyphen) qualifies the trigger's words."""
    window = text[max(0, trigger.start - 10):trigger.end + 60]
    found = countries.find(window)
    for x, y in zip(found, found[1:]):
        if {x.alpha3, y.alpha3} == set(pair) and window[x.end:y.start] in ("-", "–"):
            return True
    return False


_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _visit_span(text: str, trigger: Trigger, chosen: DateMention, day: str) -> tuple[str, str | None]:
    """A "three-day visit" from the day it began, or to the day it "ended"."""
    import datetime as _dt

    m = re.search(r"\b(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})[- ]day\b", text[max(0, trigger.start - 40):trigger.end + 40], re.I)
    if not m:
        return day, None
    n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1).lower()]
    d = _dt.date.fromisoformat(day)
    if re.search(r"\b(?:ended|ends|concluded|wrapped\s+up|wraps\s+up|closed|completed)\s+(?:\w+\s+)?$", text[:chosen.start]) or \
            re.search(r"\b(?:ended|ends|concluded|wrapped\s+up|wraps\s+up|completed)\s+(?:a|an|his|her|their|the)\s+(?:[\w-]+\s+){0,3}$",
                      text[max(0, trigger.start - 40):trigger.start]):
        return (d - _dt.timedelta(days=n - 1)).isoformat(), day
    return day, (d + _dt.timedelta(days=n - 1)).isoformat()


def _pick_date(dates: list[DateMention], trigger: Trigger, text: str = "", others: list = ()) -> DateMention | None:
    # "his first visit since taking office in July": a "since" date is never the event's.
    usable = [d for d in dates if d.kind in EXPLICIT | RELATIVE | {"anaphoric", "vague_future"}
              and not re.search(r"\bsince\s+(?:\w+\s+){0,3}$", text[max(0, d.start - 40):d.start], re.I)
              and not text[d.start:d.end].lower().startswith("since")]
    # A date belongs to the nearer trigger: "ratified on Thursday a protocol signed in 2023".
    others = [t for t in others if t.start != trigger.start]
    after = [d for d in usable if d.start >= trigger.start and not any(trigger.end <= t.start and t.end <= d.start for t in others)]
    before = [d for d in usable if d.end <= trigger.start and not any(d.end <= t.start and t.end <= trigger.start for t in others)]
    explicit_after = [d for d in after if d.kind in EXPLICIT]
    if explicit_after:
        return explicit_after[0]
    if after:
        return after[0]
    if before:
        explicit_before = [d for d in before if d.kind in EXPLICIT]
        return (explicit_before or before)[-1]
    return None


def _conflict(dates: list[DateMention], chosen: DateMention | None):
    if not chosen or chosen.kind not in EXPLICIT or not chosen.date:
        return None
    for d in dates:
        if d is chosen or d.kind not in ("this_month", "last_month", "this_year", "last_year") or not d.date:
            continue
        if not chosen.date.startswith(d.date):
            return (d, chosen)
    return None


def mention(index: int, text: str, trigger: Trigger, ents: list[Entity], dates: list[DateMention],
            pair: tuple[str, str], published: dt.date, sentence_triggers: list = ()) -> EventMention | Skip:
    a, b = pair
    negation = modality.denied(text, trigger.start, trigger.end)
    if negation:
        return Skip(index, "denial", f"“{negation}” before “{trigger.text}”: the text says it did not happen")
    places = countries.places(text[trigger.start:])
    places = [(s + trigger.start, e + trigger.start, n, c) for s, e, n, c in places]
    parts = _participants(text, ents, trigger, places)
    sides = [e.country for e in parts if e.country]
    others = sorted({c for c in sides if c not in pair})
    # "his counterpart", "the two leaders", or a named office-holder whose country the article
    # never gives ("Prime Minister Tom Harding"): the other side of the pair.
    counterpart = any(e.kind in ("counterpart", "both", "we") or (e.kind in ("person", "office") and not e.country) for e in parts)
    host = None
    if trigger.event_type == "visit":
        direct = re.match(r"\s+((?:[A-Z][^\W\d_]+)(?:\s+[A-Z][^\W\d_]+)?)\b", text[trigger.end:])
        if direct:
            name = direct.group(1)
            alpha3 = countries._names().get(name.lower()) or countries.city_country(name)
            if alpha3:
                places = [(trigger.end + direct.start(1), trigger.end + direct.end(1), name, alpha3)] + places
        if places and places[0][0] - trigger.end <= 40:
            host = places[0][3]
        elif not places:  # "I was in Brasília on Monday and Tuesday for my first visit"
            earlier = [p for p in countries.places(text[:trigger.start]) if re.search(r"\b(?:was|were|is|are|arrived|stayed)\s+in\s+$", text[:p[0]])]
            if earlier:
                host = earlier[-1][3]
                places = earlier
    if others:
        return Skip(index, "other pair", f"“{trigger.text}” involves {', '.join(others)}, not only {a} and {b}")
    present = [c for c in dict.fromkeys(sides)]
    if trigger.event_type == "visit":
        travellers = [c for c in present if c != host]
        if host is not None and host not in pair:
            return Skip(index, "other pair", f"“{trigger.text}”: a visit to {host}, not between {a} and {b}")
        if host is None:
            # No destination named: a mention of a visit told elsewhere in the article.
            actor1 = actor2 = None
            if not set(present) <= {a, b} or not present:
                return Skip(index, "one side only", f"“{trigger.text}”: no destination and no side of {a}-{b}")
            travellers, host = [None], None
            arrived = re.search(r"\b(?:arrived|arrives|arriving)\b", trigger.text) or re.match(r"\s+for\s+(?:a|an|his|her|their)\b", text[trigger.end:])
            people = [e for e in parts if e.kind == "person" and e.country in pair]
            if arrived and len(set(present)) == 1 and people and not _REFERENCE.search(text[max(0, trigger.start - 30):trigger.start]) \
                    and any(d.kind in EXPLICIT | RELATIVE for d in dates):
                # "You arrived yesterday for a three-day State Visit": no destination named, a side arrived: at the other side's.
                travellers, host = [present[0]], (b if present[0] == a else a)
        elif not travellers:
            travellers = [b if host == a else a] if counterpart else [None]
        if host is not None and (travellers[0] is None or {travellers[0], host} != {a, b}):
            return Skip(index, "one side only", f"“{trigger.text}”: traveller and host not both of {a}-{b}")
        actor1, actor2 = travellers[0], host
    else:
        if len(present) == 1 and (counterpart or (trigger.role == "post" and present[0] in pair)):
            present.append(b if present[0] == a else a)  # a post by one side: about the pair's contact
        if not present and any(e.kind == "both" for e in parts):
            present = [a, b]
        reference = bool(_REFERENCE.search(text[max(0, trigger.start - 30):trigger.start]))
        if len(present) <= 1 and set(present) <= {a, b} and _compound(text, pair, trigger):
            present = [a, b]  # "a session of the Brazil-South Africa Joint Commission"
        if reference and len(present) <= 1 and set(present) <= {a, b}:
            present = [a, b]  # "these discussions": the talks told elsewhere, whoever this sentence names
        if set(present) != {a, b}:
            return Skip(index, "one side only", f"“{trigger.text}”: {a} and {b} not both named as taking part")
        actor1, actor2 = present[0], present[1]
        if trigger.event_type == "call" and re.search(r"\b(?:received|got)\s+a\s+(?:\w+\s+)?call\s+from\b", text, re.I):
            actor1, actor2 = actor2, actor1
    named = {}
    for e in parts:
        if e.country in pair and e.country not in named and (e.name or e.role):
            named[e.country] = (e.name, e.role)
    level = highest_level(e.level for e in parts if e.level) if any(e.level for e in parts) else "unknown"
    chosen = _pick_date(dates, trigger, text, sentence_triggers)
    fut = modality.future(text, trigger.start, trigger.end)
    date = end = None
    kind = None
    if chosen is not None:
        kind = chosen.kind
        date, end = chosen.date, chosen.end_date
        if kind == "vague_future":
            fut = fut or chosen and text[chosen.start:chosen.end]
        if trigger.event_type == "visit" and date and len(date) == 10 and not end:
            date, end = _visit_span(text, trigger, chosen, date)
            earlier = [d for d in dates if d.end < chosen.start and d.kind == chosen.kind == "weekday"]
            if earlier and re.fullmatch(r"\s+(?:and|to|until|through|-|–)\s+(?:on\s+)?", text[earlier[-1].end:chosen.start]) \
                    and earlier[-1].date < date:
                date, end = earlier[-1].date, date  # "on Monday and Tuesday … visit"
            following = [d for d in dates if d.start > chosen.end and d.kind == chosen.kind == "weekday"]
            if not end and following and re.fullmatch(r"\s+(?:and|to|until|through|-|–)\s+(?:on\s+)?", text[chosen.end:following[0].start]):
                end = following[0].date if following[0].date > date else None  # "on Monday and Tuesday"
    city = country = venue = None
    if places:
        name, alpha3 = places[0][2], places[0][3]
        country = alpha3
        city = None if countries._names().get(name.lower()) or re.search(r"\bof\b", name) else name
    vm = _VENUE.search(text)
    if vm and trigger.event_type in ("meeting", "call", "statement", "agreement"):
        venue = re.sub(r"\s+", " ", vm.group(1)).strip()
        acro = re.search(r"\(([A-Z]+)\)", venue)
        if acro:
            venue = f"{acro.group(1)} Summit" if "Summit" in venue else venue
    reference = bool(_REFERENCE.search(text[max(0, trigger.start - 30):trigger.start]))
    if trigger.event_type == "meeting" and re.search(r"\b(?:after|following)\s+(?:\w+\s+)?$", text[max(0, trigger.start - 25):trigger.start]) \
            and (chosen is None or chosen.end <= trigger.start or chosen.kind == "anaphoric"):
        # "ended a visit on Wednesday after talks with …": talks told elsewhere, not dated by the visit's day.
        date = end = None
        kind, reference = "told_elsewhere", True
    return EventMention(index, trigger, trigger.event_type, trigger.cameo_code, trigger.rule, actor1, actor2,
                        named, level, date, end, kind, fut, kind == "anaphoric",
                        city, country, venue, topics.in_text(text), reference, _conflict(dates, chosen))
