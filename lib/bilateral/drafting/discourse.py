"""What a sentence owes to the sentences around it.

- Speakers of a transcript ("Zielinska: I arrived …", "Spokesperson Marta Quiroga: …"):
  who "I" and "we" are, until the paragraph ends;
- questions ("Q: …", "Question: …", a sentence ending in "?") and quoted reports
  ("An Argentine newspaper reported that …") state no fact: nothing is drafted from
  them unless the sentence itself confirms it;
- discourse dates: "that afternoon", "the same day", "following the talks" carry the
  date of the event told just before; "the next day" the day after it; an undated
  signing or session told right after a dated event (same paragraph or the next)
  takes its date;
- weekdays within a visit: "arrived on Monday … On Tuesday, talks" is the Tuesday of
  the visit, even when the article was published on the Monday.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .actors import Entity, Registry
from .modality import denial_anywhere

_LABEL = re.compile(r"^\W*((?:[A-Z][\w.'’-]*\s+|(?:of|the|for)\s+){0,7}[A-Z][\w'’()-]*)\s*:\s")
_QUESTION_LABEL = re.compile(r"^\W*(?:Q|Question|Questioner|Reporter|Journalist)\s*(?:\(\w+\))?\s*:", re.I)
_REPORT = re.compile(
    r"\b(?:newspapers?|daily|dailies|media|paper|outlets?|tabloid|website|broadcaster|press\s+reports?)\b[^.;]{0,60}?"
    r"\b(?:reported|claimed|alleged|suggested|speculated)\b|\bthere\s+(?:were|have\s+been)\s+reports\b|"
    r"\breports?\s+(?:that|in\s+(?:a|the)\b)|\b(?:reportedly|allegedly|rumou?red)\b", re.I)
_CONFIRMED = re.compile(r"\b(?:confirmed|confirms|confirming)\b", re.I)
SAME_DAY = re.compile(r"\b(?:that\s+(?:afternoon|morning|evening|night)|(?:on\s+)?the\s+same\s+day|later\s+that\s+day|"
                      r"on\s+(?:the\s+same|that|this)\s+occasion|during\s+(?:that|the|this)\s+(?:meeting|session|talks|visit)|"
                      r"(?:following|after)\s+(?:the|their|these)\s+(?:\w+\s+)?(?:talks|meeting|discussions|consultations|session)|"
                      r"(?:prior\s+to|before|ahead\s+of)\s+the\s+(?:\w+\s+)?(?:talks|meeting|session|Roundtable|Dialogue|Commission|Committee|consultations|summit)|"
                      r"on\s+the\s+(?:margins|sidelines)\s+of\s+the\s+(?:\w+\s+)?(?:talks|visit|meeting|session|Commission|Committee|consultations|Roundtable|Dialogue|summit))\b", re.I)
NEXT_DAY = re.compile(r"\b(?:the\s+(?:next|following)\s+day|a\s+day\s+later|the\s+day\s+after)\b", re.I)


@dataclass
class Context:
    """The state carried from sentence to sentence."""
    anchor: str | None = None          # the day of the last dated event told
    anchor_sentence: int = -10
    anchor_paragraph: int = -10
    visit: tuple | None = None          # (first day, last day) of the visit told, when told with days
    speaker: Entity | None = None
    speaker_paragraph: int = -1
    question_paragraph: int = -1
    heading: str = ""                   # the article's title lines: "Interview with Norway's foreign minister"
    addressee: Entity | None = None     # whom "you" is: a speech's guest
    default_speaker: Entity | None = None  # a speech's speaker, for every paragraph


def setting(ctx: Context, registry: Registry, pair: tuple) -> None:
    """A speech's speaker and the guest it addresses, from its title ("speech of President X at the
    banquet in honour of the President of Ghana"); a speaker's side from "her visit to Brazil"."""
    from .countries import find

    honour = re.search(r"\bin\s+honou?r\s+of\s+(.+)$", ctx.heading) or \
        re.search(r"\bwith\s+(?:the\s+)?(?:President|Prime\s+Minister|King|Queen|Chancellor|Emir)\s+of\s+(.+)$", ctx.heading)
    guest = [c.alpha3 for c in find(honour.group(1)) if c.alpha3 in pair] if honour else []
    if guest:
        ctx.addressee = Entity(0, 0, "person", guest[0])
    by = re.search(r"\b(?:speech|remarks|address|statement|briefing|interview)\s+(?:of|by|with)\s+(.+?)(?:\s+(?:at|on|in|to|following|after)\b|$)", ctx.heading)
    person = None
    if by:
        names = sorted((n for n in registry.people if re.search(r"\b" + re.escape(n) + r"\b", by.group(1))), key=len, reverse=True)
        person = registry.lookup(names[0]) if names else None
    if person is not None and person.country is None:
        visited = re.search(r"\b(?:visit|trip|travels?)\s+to\s+(.+)$", ctx.heading)
        there = [c.alpha3 for c in find(visited.group(1)) if c.alpha3 in pair] if visited else []
        other = (guest or there)
        if other:
            person.country = pair[1] if other[0] == pair[0] else pair[0]
    if person is not None and honour:
        ctx.default_speaker = Entity(0, 0, "person", person.country, person.name, person.role, person.level)


def speaker(ctx: Context, sentence, registry: Registry) -> Entity | None:
    """Who says "I" and "we" in ``sentence`` (a labelled turn lasts until its paragraph ends)."""
    if ctx.speaker_paragraph != sentence.paragraph:
        ctx.speaker = ctx.default_speaker
    m = _LABEL.match(sentence.text)
    if m and not _QUESTION_LABEL.match(sentence.text):
        label = m.group(1)
        names = sorted((n for n in registry.people if re.search(r"\b" + re.escape(n) + r"\b", label)), key=len, reverse=True)
        person = registry.lookup(names[0]) if names else None
        if person is not None and person.country is None and person.role:
            person.country = _heading_country(ctx, person.role)
        if person is not None:
            ctx.speaker = Entity(m.start(1), m.end(1), "person", person.country, person.name, person.role, person.level)
            ctx.speaker_paragraph = sentence.paragraph
    return ctx.speaker


def _heading_country(ctx: Context, role: str) -> str | None:
    """"Interview with Norway's foreign minister": the country of a speaker whose label gives only the office."""
    from .countries import find

    words = role.lower().replace("minister of foreign affairs", "foreign minister").split()
    m = re.search(r"\b" + r"\s+".join(map(re.escape, words[-2:])) + r"\b", ctx.heading.lower())
    if not m:
        return None
    before = [c for c in find(ctx.heading) if c.end <= m.start() and m.start() - c.end <= 3]
    return before[-1].alpha3 if before else None


def not_a_fact(ctx: Context, sentence) -> tuple[str, str] | None:
    """(reason, detail) when the sentence asks or reports rather than states."""
    if _QUESTION_LABEL.match(sentence.text):
        ctx.question_paragraph = sentence.paragraph
    if ctx.question_paragraph == sentence.paragraph or sentence.text.rstrip().endswith("?"):
        return "question", "a question asks, it does not state that anything happened"
    m = _REPORT.search(sentence.text)
    if m and not _CONFIRMED.search(sentence.text) and not denial_anywhere(sentence.text):  # a denied report: a denial
        return "report", f"“{m.group(0)}”: a report the text does not confirm"
    return None


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text and len(text) == 10 else None


def resolve(ctx: Context, sentence, mention, carry: bool) -> str | None:
    """Date ``mention`` from the discourse when the sentence gives it none; move a weekday into
    the visit told. Returns a note for the review page, or None."""
    note = None
    text = sentence.text
    near = sentence.index - ctx.anchor_sentence <= 2 and sentence.paragraph - ctx.anchor_paragraph <= 1
    undated = mention.date is None or mention.date_kind in ("anaphoric", "told_elsewhere")
    own = mention.event_type != "visit" and mention.trigger.role == "event"   # a departure is dated by its marker only
    if undated and ctx.anchor and not mention.future and (own or mention.trigger.role == "end") \
            and mention.date_kind != "told_elsewhere":
        if NEXT_DAY.search(text):
            mention.date = (_day(ctx.anchor) + dt.timedelta(days=1)).isoformat()
            mention.date_kind = "discourse"
            note = f"“{NEXT_DAY.search(text).group(0)}”: the day after {ctx.anchor}"
        elif SAME_DAY.search(text) or mention.date_kind == "anaphoric":
            mention.date, mention.date_kind = ctx.anchor, "discourse"
            hit = SAME_DAY.search(text)
            note = f"“{hit.group(0) if hit else 'on that occasion'}”: the date of the event told before ({ctx.anchor})"
        elif carry and near and own:
            mention.date, mention.date_kind = ctx.anchor, "carried"
            note = f"no date of its own: the date of the event told just before ({ctx.anchor})"
    elif mention.date_kind == "weekday" and ctx.visit:
        d, (first, last) = _day(mention.date), ctx.visit
        if d and d < first and first <= d + dt.timedelta(days=7) <= last:
            mention.date = (d + dt.timedelta(days=7)).isoformat()
            note = f"weekday read within the visit ({first}–{last}): {mention.date}"
        elif d and not (first - dt.timedelta(days=1) <= d <= last + dt.timedelta(days=1)) and mention.event_type != "visit":
            note = f"check the date: {mention.date} lies outside the visit the article reports ({first}–{last})"
    if mention.date and len(mention.date) == 10 and mention.date_kind not in ("vague_future",):
        ctx.anchor, ctx.anchor_sentence, ctx.anchor_paragraph = mention.date, sentence.index, sentence.paragraph
        if mention.event_type == "visit" and mention.trigger.role == "event" and mention.actor1 is not None and ctx.visit is None:
            last = _day(mention.end_date) or _day(mention.date) + dt.timedelta(days=6)
            ctx.visit = (_day(mention.date), last)
        elif mention.event_type == "visit" and mention.trigger.role == "end" and ctx.visit is not None:
            ctx.visit = (ctx.visit[0], max(ctx.visit[0], _day(mention.date)))  # the departure: the visit's last day
    return note


def saw_dates(ctx: Context, sentence, found_dates) -> None:
    """A sentence telling an event the draft leaves out (another pair's) still dates what follows
    ("Wednesday: … with the French minister. The same day, the Senate ratified …")."""
    days = [d for d in found_dates if d.date and len(d.date) == 10 and d.kind not in ("vague_future", "anaphoric")]
    if days and ctx.anchor_sentence != sentence.index:
        ctx.anchor, ctx.anchor_sentence, ctx.anchor_paragraph = days[-1].date, sentence.index, sentence.paragraph


_MARGINS = re.compile(r"\b(?:margins|sidelines)\s+of\s+the\s+(?:\w+\s+){0,3}(?:Commission|Committee|[Ss]ession|[Cc]onsultations|Dialogue|Roundtable|Council)\b|"
                      r"(?i:\bon\s+(?:the\s+same|that|this)\s+occasion\b|\bduring\s+(?:that|the|this)\s+(?:meeting|session)\b)")


def within_mechanism(events: list, sents: list) -> None:
    """A signing "on the margins of the Commission" is ``part_of`` the session told that day."""
    for ev in events:
        if ev.part_of or ev.event_type not in ("agreement", "meeting", "ratification"):
            continue
        if not _MARGINS.search(sents[ev.sentences[0]].text):
            # "held talks at the Summit, where their governments signed eleven agreements": part_of the talks
            host = next((m for m in events if m.event_type == "meeting" and m is not ev and m.date == ev.date and not m.part_of
                         and ev.event_type == "agreement" and ev.sentences[0] in m.sentences), None)
            if host is not None and re.search(r"\b(?:where|at\s+which|during\s+which|in\s+whose\s+presence)\b", sents[ev.sentences[0]].text):
                ev.part_of = host.key
                ev.rules.append("signed at the talks told in the same sentence: part_of them")
            continue
        session = next((m for m in events if m.event_type == "mechanism" and m.date == ev.date and m is not ev), None) or \
            next((m for m in events if m.event_type == "meeting" and m.date == ev.date and m is not ev and not m.part_of
                  and ev.event_type == "agreement"), None)
        if session is not None:
            ev.part_of = session.key
            ev.rules.append("on the margins of a session: part_of it")


def inherit(events: list) -> None:
    """An event whose sentence names no one ("The ministers signed …", "They also co-chaired …")
    takes the sides and level of the event it is part of, else of the event told just before."""
    by_key = {e.key: e for e in events}
    previous = None
    for ev in sorted(events, key=lambda e: e.sentences[0]):
        source = by_key.get(ev.part_of) if ev.part_of else None
        source = source or previous
        if source is not None and {source.actor1, source.actor2} == {ev.actor1, ev.actor2}:
            if not any(n or r for n, r in ev.sides.values()):
                ev.sides = dict(source.sides)
            if ev.level == "unknown":
                ev.level = source.level
        if any(n or r for n, r in ev.sides.values()) and ev.level != "unknown":
            previous = ev


_CONTINUES = re.compile(r"^\W*(?:It|They|The\s+(?:\w+\s+)?(?:session|meeting|talks|visit|dialogue|consultations|commission|delegations?))\s+"
                        r"(?:was|were)\s+(?:co-?chaired|chaired|led|headed|attended|hosted)\s+by\b", re.I)


def continuation(events_by_sentence: dict, sents: list, ents_of: dict, pair: tuple, rank) -> dict:
    """"It was co-chaired by the Minister … of South Africa, X, and the Secretary … of Mexico, Y":
    the people and level of the event told in the sentence before. Returns {sentence: event}."""
    out = {}
    for s in sents:
        ev = events_by_sentence.get(s.index - 1)
        if ev is None or getattr(ev, "existing", False) or not _CONTINUES.match(s.text):
            continue
        for e in ents_of.get(s.index, []):
            if e.country in pair and (e.name or e.role) and not any(ev.sides.get(e.country, (None, None))):
                ev.sides[e.country] = (e.name, e.role)
            if e.level and (ev.level == "unknown" or rank(e.level) < rank(ev.level)) and e.country in pair:
                ev.level = e.level
        if s.index not in ev.sentences:
            ev.sentences.append(s.index)
        out[s.index] = ev
    return out
