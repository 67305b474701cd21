"""Joining event mentions across an article into proposed rows.

One visit told in several sentences is one row (its dates widened, a departure
closes it); a mention with no date of its own ("these discussions", "the
visit") refers to the article's event of that kind, or to one already in the
dataset; talks, signings and sessions dated within a visit are ``part_of`` it,
as is a post about a meeting (``part_of`` the meeting, on its date); planned
events are kept only when they fall within a visit under way.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .events import EventMention, Skip


@dataclass
class Event:
    key: str
    event_type: str
    cameo_code: str
    rules: list
    actor1: str
    actor2: str
    sides: dict
    level: str
    date: str | None
    end_date: str | None
    sentences: list            # sentence indices whose text the quote joins
    future: bool
    confidence: float
    location_city: str | None = None
    location_country: str | None = None
    venue: str | None = None
    topics: list = field(default_factory=list)
    part_of: str | None = None
    existing: bool = False     # an event of the dataset, referred to but not proposed
    conflict: tuple | None = None


@dataclass
class Outcome:
    events: list               # proposed Event rows
    linked: dict               # sentence -> Event (proposed or existing) the sentence is about
    skips: list                # Skip
    notes: dict                # sentence -> [text] (e.g. "refers to existing event X")
    enrich: dict = field(default_factory=dict)  # dataset event id -> {"topics": [...], "sentences": [...]}


_CONF = {"iso": 0.9, "day_range_dmy": 0.9, "day_range_mdy": 0.9, "day_dmy": 0.9, "day_mdy": 0.9,
         "month_year": 0.8, "month": 0.75, "year": 0.6, "weekday": 0.75, "today": 0.8, "yesterday": 0.8,
         "tomorrow": 0.7, "this_month": 0.6, "last_month": 0.6, "this_year": 0.5, "last_year": 0.5,
         "discourse": 0.7, "carried": 0.5}


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text and len(text) == 10 else None


def _within(date: str | None, visit: Event, published: dt.date | None = None) -> bool:
    """Whether a day lies in the visit; a visit with no last day told is under way until the
    article's publication (a week at most)."""
    d, first = _day(date), _day(visit.date)
    last = _day(visit.end_date) or first
    if not visit.end_date and first and published and first <= published:
        last = min(published, first + dt.timedelta(days=7))
    return bool(d and first and first <= d <= last)


def _pair_key(a: str, b: str) -> frozenset:
    return frozenset((a, b))


def _existing(rows: list[dict], event_type: str, a: str | None, b: str | None, published: dt.date,
              ordered: bool) -> Event | None:
    """The latest event of the dataset of that type and pair that ended at most 60 days before publication."""
    best = None
    for r in rows:
        if r.get("event_type") != event_type:
            continue
        pair = (r.get("actor1_country"), r.get("actor2_country"))
        if a and b and ((ordered and pair != (a, b)) or (not ordered and set(pair) != {a, b})):
            continue
        day = _day(r.get("end_date") or r.get("date"))
        if not day or not (published - dt.timedelta(days=60) <= day <= published + dt.timedelta(days=1)):
            continue
        if best is None or day > _day(best.get("end_date") or best.get("date")):
            best = r
    if best is None:
        return None
    return Event(best["event_id"], event_type, best.get("cameo_code") or "", ["existing"], best["actor1_country"],
                 best.get("actor2_country") or "", {}, best.get("level") or "unknown", best["date"],
                 best.get("end_date") or None, [], False, 1.0, part_of=best.get("part_of") or None, existing=True)


def assemble(mentions: list[EventMention], skips: list[Skip], pair: tuple[str, str], published: dt.date,
             existing_rows: list[dict]) -> Outcome:
    events: list[Event] = []
    linked: dict[int, Event] = {}
    notes: dict[int, list] = {}
    skips = list(skips)
    a, b = pair

    enrich: dict[str, dict] = {}

    def note(i: int, text: str) -> None:
        notes.setdefault(i, []).append(text)

    def topics_for(ev: Event, m: EventMention) -> None:
        """Topics a later article gives an event of the dataset (its agenda)."""
        if ev.existing and m.topics:
            slot = enrich.setdefault(ev.key, {"topics": [], "sentences": []})
            slot["topics"] += [t for t in m.topics if t not in slot["topics"]]
            if m.sentence not in slot["sentences"]:
                slot["sentences"].append(m.sentence)

    def new(m: EventMention, date, end) -> Event:
        ev = Event(f"e{len(events)}", m.event_type, m.cameo_code, [m.rule], m.actor1, m.actor2, dict(m.sides),
                   m.level, date, end, [m.sentence], bool(m.future), _CONF.get(m.date_kind, 0.5),
                   m.location_city, m.location_country, m.venue, list(m.topics), conflict=m.conflict)
        if m.future:
            ev.confidence = min(ev.confidence, 0.6)
        events.append(ev)
        return ev

    def absorb(ev: Event, m: EventMention, add_quote: bool) -> None:
        if add_quote and m.sentence not in ev.sentences:
            ev.sentences.append(m.sentence)
        if m.rule not in ev.rules:
            ev.rules.append(m.rule)
        for side, (name, role) in m.sides.items():
            old_name, old_role = ev.sides.get(side, (None, None))
            ev.sides[side] = (old_name or name, old_role or role)
        if m.level != "unknown" and (ev.level == "unknown" or _rank(m.level) < _rank(ev.level)):
            ev.level = m.level
        for t in m.topics:
            if t not in ev.topics:
                ev.topics.append(t)
        ev.location_city = ev.location_city or m.location_city
        ev.location_country = ev.location_country or m.location_country
        ev.venue = ev.venue or m.venue
        if not m.future:
            ev.future = False

    # 1. Visits, one per direction; a departure closes the visit.
    visits: dict[tuple, Event] = {}
    for m in [m for m in mentions if m.event_type == "visit" and m.trigger.role == "event"]:
        dated = m.date if m.date_kind and m.date_kind != "vague_future" else None
        if m.actor1 is None:
            continue
        ev = visits.get((m.actor1, m.actor2))
        if ev is None and dated:
            ev = visits[(m.actor1, m.actor2)] = new(m, dated, m.end_date)
        elif ev is not None:
            absorb(ev, m, add_quote=bool(dated))
            if dated:
                ev.date = min(ev.date, dated) if ev.date else dated
                ends = [x for x in (ev.end_date, m.end_date, dated) if x and len(x) == len(ev.date)]
                last = max(ends) if ends else None
                ev.end_date = last if last and last != ev.date else ev.end_date
        if ev is not None:
            linked[m.sentence] = ev
        else:
            found = _existing(existing_rows, "visit", m.actor1, m.actor2, published, ordered=True)
            if found:
                visits[(m.actor1, m.actor2)] = found
                linked[m.sentence] = found
                topics_for(found, m)
                note(m.sentence, f"refers to the dataset's visit {found.key}")
            elif m.future:
                skips.append(Skip(m.sentence, "plan", f"“{m.future}”: a visit planned, not yet made"))
            else:
                skips.append(Skip(m.sentence, "no date", f"“{m.trigger.text}”: the visit is not dated in the text"))
    for m in [m for m in mentions if m.event_type == "visit"]:
        if m.trigger.role == "end" or m.actor1 is None:
            candidates = [v for v in visits.values() if {v.actor1, v.actor2} == {a, b}]
            if len(candidates) == 1:
                v = candidates[0]
                if m.trigger.role == "end" and not v.existing:
                    absorb(v, m, add_quote=True)
                    if m.date and len(m.date) == 10 and v.date and m.date > (v.end_date or v.date):
                        v.end_date = m.date
                elif not v.existing:
                    absorb(v, m, add_quote=bool(m.date_kind in _CONF))
                linked.setdefault(m.sentence, v)
    for v in list(visits.values()):
        if not v.existing and v.future:
            events.remove(v)
            del visits[(v.actor1, v.actor2)]
            skips.append(Skip(v.sentences[0], "plan", "a visit announced, not yet under way"))

    # 2. Other events: dated ones are rows; undated ones refer to the article's or the dataset's.
    ordered = sorted([m for m in mentions if m.event_type != "visit"], key=lambda m: m.sentence)
    for m in ordered:
        if m.trigger.role == "post":
            continue
        dated = m.date if m.date_kind in _CONF else None
        visit = next((v for v in visits.values() if {v.actor1, v.actor2} == {m.actor1, m.actor2}), None)
        same = [e for e in events + [x for x in linked.values() if x is not None and x.existing]
                if e.event_type == m.event_type and {e.actor1, e.actor2} == {m.actor1, m.actor2}]
        if dated and dated > published.isoformat()[:len(dated)] and not (visit and _within(dated, visit, published) and not visit.future):
            skips.append(Skip(m.sentence, "plan", f"“{m.trigger.text}”: dated {dated}, after the article's publication"))
            continue
        if dated:
            match = next((e for e in same if e.date == dated and _same_people(e, m)), None)
            if match:
                if not match.existing:  # "Following the talks, …": a mention, not a sentence the talks rest on
                    absorb(match, m, add_quote=not (m.reference or m.date_kind in ("discourse", "carried", "told_elsewhere")))
                linked[m.sentence] = match
                continue
            if m.future and not (visit and _within(dated, visit, published) and not visit.future):
                skips.append(Skip(m.sentence, "plan", f"“{m.future}”: planned, not reported as held"))
                continue
            ev = new(m, dated, m.end_date)
            linked[m.sentence] = ev
            if visit and _within(dated, visit, published) and ev.event_type in ("meeting", "agreement", "mechanism", "negotiation", "ratification"):
                ev.part_of = visit.key
                ev.actor1, ev.actor2 = visit.actor1, visit.actor2
                if not ev.location_country:
                    ev.location_city, ev.location_country = visit.location_city, visit.location_country
            continue
        if m.future or m.date_kind == "vague_future":
            skips.append(Skip(m.sentence, "plan", f"“{m.future or m.trigger.text}”: planned, not reported as held"))
            continue
        # Undated: a reference ("these discussions", talks during a visit the sentence names) to the
        # article's latest event of that kind, else to the dataset's (within the visit, if any).
        ctx = linked.get(m.sentence)
        ctx_visit = ctx if ctx is not None and ctx.event_type == "visit" else None
        target = None
        if m.reference or ctx_visit is not None:
            inside = [e for e in same if ctx_visit is None or e.part_of == ctx_visit.key]
            target = inside[-1] if inside else None
            if target is None:
                found = _existing(existing_rows, m.event_type, m.actor1, m.actor2, published, ordered=False)
                if found and ctx_visit is not None and found.part_of != ctx_visit.key:
                    found = None
                if found:
                    target = found
                    note(m.sentence, f"refers to the dataset's {m.event_type} {found.key}")
        if target is not None:
            if ctx_visit is not None or m.sentence not in linked:
                linked[m.sentence] = target
            topics_for(target, m)
            if not target.existing and m.reference:
                absorb(target, m, add_quote=False)
        elif ctx_visit is not None and not ctx_visit.existing and m.event_type not in ("meeting", "agreement"):
            ev = new(m, ctx_visit.date, None)
            ev.part_of, ev.confidence = ctx_visit.key, 0.5
            ev.rules.append("during the visit, no date of its own: the visit's first day")
            linked[m.sentence] = ev
        else:
            skips.append(Skip(m.sentence, "no date", f"“{m.trigger.text}”: no date in the text"))

    # 3. Posts: about the latest meeting before them (part_of it, on its date); adjacent posts are one.
    last_post: Event | None = None
    for m in [m for m in mentions if m.trigger.role == "post"]:
        if last_post is not None and last_post.sentences[-1] == m.sentence - 1 and last_post.actor1 == m.actor1:
            absorb(last_post, m, add_quote=True)
            linked[m.sentence] = last_post
            continue
        meeting = next((e for e in reversed(events) if e.event_type in ("meeting", "call") and e.sentences[0] < m.sentence
                        and {e.actor1, e.actor2} == {m.actor1, m.actor2}), None)  # the contact told last before the post
        dated = m.date if m.date_kind in _CONF else None
        if meeting and (m.anaphoric or not dated or dated == meeting.date):
            ev = new(m, meeting.date, None)
            ev.part_of = meeting.key
            ev.rules.append("post about a meeting: part_of it, on its date")
            ev.confidence = 0.7
        elif dated:
            ev = new(m, dated, None)
        else:
            skips.append(Skip(m.sentence, "no date", f"“{m.trigger.text}”: a post with no date"))
            continue
        linked[m.sentence] = ev
        last_post = ev
    events = [e for e in events if not e.existing]
    for m in mentions:  # undated visit mentions linked to a dataset visit after it was found
        ev = linked.get(m.sentence)
        if m.event_type == "visit" and ev is not None and ev.existing and ev.event_type == "visit" and m.actor1 is None:
            topics_for(ev, m)
    return Outcome(events, linked, skips, notes, enrich)


def _same_people(ev: Event, m: EventMention) -> bool:
    """Whether a mention can be the event: no side named by two different people ("held talks with
    the Prime Minister … also paid a courtesy call on the President": two meetings that day)."""
    for side, (name, role) in m.sides.items():
        old_name, old_role = ev.sides.get(side, (None, None))
        if name and old_name and name != old_name:
            return False
        if not name and not old_name and role and old_role and role != old_role:
            return False
    return True


def _rank(level: str) -> int:
    from .actors import LEVEL_RANK

    return LEVEL_RANK.index(level) if level in LEVEL_RANK else len(LEVEL_RANK)
