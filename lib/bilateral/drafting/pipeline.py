"""From an article's text to proposed rows, each anchored to its sentences."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import actors, assemble, dates, discourse, events, facts, modality, reasons, sentences, stances, triggers
from ..contract.names import country_name
from ..contract.vocab import STANCES, TOPICS, interest_phrase

QUOTE_JOIN = " … "


@dataclass
class Draft:
    pair: tuple[str, str]
    published: dt.date
    source_id: str
    synthetic: bool
    sentences: list
    events: list = field(default_factory=list)      # row dicts
    positions: list = field(default_factory=list)
    facts: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    event_topics: list = field(default_factory=list)  # topics this article gives events of the dataset
    annotations: dict = field(default_factory=dict)  # sentence index -> {"rows": [...], "skips": [...], "notes": [...]}

    def annotate(self, index: int, what: str, item) -> None:
        slot = self.annotations.setdefault(index, {"rows": [], "skips": [], "notes": []})
        if item not in slot[what]:
            slot[what].append(item)


def _quote(sents: list, indices: list[int]) -> str:
    parts: list[str] = []
    previous = None
    for i in sorted(set(indices)):
        text = " ".join(sents[i].text.split())
        if previous is not None and i == previous + 1:
            parts[-1] += " " + text
        else:
            parts.append(text)
        previous = i
    return QUOTE_JOIN.join(parts)


def _unique(base: str, taken: set) -> str:
    base = re.sub(r"[^A-Za-z0-9_.:\-]+", "-", base).strip("-")
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _who(ev, side: str) -> str:
    name, role = ev.sides.get(side, (None, None))
    return name or (f"{country_name(side)}'s {role}" if role else f"{country_name(side)}'s representative")


_SUMMARY = {
    "visit": "{a} visits {B}", "meeting": "{a} meets {b}", "call": "{a} and {b} speak by telephone",
    "statement": "{a} makes a statement about {b}", "agreement": "{A} and {B} sign an agreement",
    "mechanism": "{A} and {B} hold a session of a bilateral mechanism", "negotiation": "{A} and {B} negotiate",
    "ratification": "{A} ratifies an agreement with {B}",
}


def _event_summary(ev) -> str:
    text = _SUMMARY.get(ev.event_type, "{A} and {B}: {t}").format(
        a=_who(ev, ev.actor1), b=_who(ev, ev.actor2), A=country_name(ev.actor1), B=country_name(ev.actor2), t=ev.event_type)
    if ev.event_type == "statement" and "post on social media" in ev.rules:
        text = f"{_who(ev, ev.actor1)} posts on social media about {'the meeting with ' if ev.part_of else ''}{_who(ev, ev.actor2)}"
    if ev.venue:
        text += f" at the {ev.venue}"
    if ev.location_city:
        text += f" in {ev.location_city}"
    when = ev.date if not ev.end_date else f"{ev.date} to {ev.end_date}"
    return f"{text} ({when})."


def _position_summary(s: stances.Stance) -> str:
    who = country_name(s.actor)
    if s.stance == "interest":
        return f"{who} seeks: {interest_phrase(s.topic)}."
    label = TOPICS.get(s.topic, s.topic)
    target = f" ({country_name(s.target)}'s {interest_phrase(s.topic)})" if s.target and s.target != s.actor else ""
    return f"{who}: {STANCES[s.stance].lower()} — {label}{target}."


def draft(text: str, pair: tuple[str, str], published: dt.date, source_id: str,
          existing: dict | None = None) -> Draft:
    """Propose events, positions, facts and conflicts for ``pair`` from ``text``.

    ``existing`` holds the rows of the dataset the drafts will join (``events``,
    ``positions`` …, lists of dicts): mentions of its events are linked, not proposed
    again, and ids are chosen not to clash with its ids.
    """
    existing = existing or {}
    a, b = pair
    first_line = text.lstrip().splitlines()[0] if text.strip() else ""
    synthetic = "synthetic" in first_line.lower()
    sents = sentences.split(text)
    registry = actors.Registry(pair)
    for s in sents:
        registry.learn(s.text)
    out = Draft(pair, published, source_id, synthetic, sents)
    mentions, skips = [], []
    per_sentence: dict[int, list] = {}
    subject = None  # the last sentence's first person: who a sentence-initial "He" is
    ctx = discourse.Context(heading=" ".join(s.text for s in sents[:3] if s.heading))
    discourse.setting(ctx, registry, pair)
    found_stances, stance_skips, found_facts = [], [], []
    for s in sents:
        if s.heading or (synthetic and s.start == 0):
            continue
        speaker = discourse.speaker(ctx, s, registry)
        ents = actors.entities(s.text, registry, subject, speaker, ctx.addressee)
        people = [e for e in ents if e.kind in ("person", "office") and e.country]
        subject = people[0] if people else subject
        tense = modality.tense(s.text)
        ds = dates.find(s.text, published, tense)
        unstated = discourse.not_a_fact(ctx, s)
        if unstated:
            reason, detail = unstated
            for trig in triggers.find(s.text):
                skips.append(events.Skip(s.index, reason, f"“{trig.text}”: {detail}"))
            if stances.has_stance_word(s.text):
                stance_skips.append(stances.StanceSkip(s.index, reason, detail))
            continue
        trigs = triggers.find(s.text)
        for trig in trigs:
            m = events.mention(s.index, s.text, trig, ents, ds, pair, published, trigs)
            if isinstance(m, events.EventMention):
                note = discourse.resolve(ctx, s, m, carry=trig.rule not in events.NOUN_RULES)
                if note:
                    out.annotate(s.index, "notes", note)
            (mentions if isinstance(m, events.EventMention) else skips).append(m)
        if trigs:
            discourse.saw_dates(ctx, s, ds)
        got, missed = stances.find(s.index, s.text, ents, pair)
        found_stances += got
        stance_skips += missed
        dated = any(d.kind in dates.EXPLICIT for d in ds)
        found_facts += facts.find(s.index, s.text, pair, dated)
        per_sentence[s.index] = ents
    outcome = assemble.assemble(mentions, skips, pair, published, existing.get("events", []))
    discourse.within_mechanism(outcome.events, sents)
    outcome.linked.update(discourse.continuation(outcome.linked, sents, per_sentence, pair, assemble._rank))
    discourse.inherit(outcome.events)

    taken = {r.get("event_id") for r in existing.get("events", [])} | {r.get("position_id") for r in existing.get("positions", [])} \
        | {r.get("fact_id") for r in existing.get("facts", [])}
    ids: dict[str, str] = {}
    for ev in outcome.events:
        kind = "post" if "post on social media" in ev.rules else ev.event_type
        ids[ev.key] = _unique(f"{a}-{b}-{ev.date}-{kind}".lower(), taken)
    synthetic_col = {"synthetic": "true"} if synthetic else {}
    for ev in outcome.events:
        row = {
            "event_id": ids[ev.key], "date": ev.date, "end_date": ev.end_date or "", "event_type": ev.event_type,
            "actor1_country": ev.actor1, "actor1_name": ev.sides.get(ev.actor1, (None, None))[0] or "",
            "actor1_role": ev.sides.get(ev.actor1, (None, None))[1] or "", "actor2_country": ev.actor2,
            "actor2_name": ev.sides.get(ev.actor2, (None, None))[0] or "", "actor2_role": ev.sides.get(ev.actor2, (None, None))[1] or "",
            "level": ev.level, "location_city": ev.location_city or "", "location_country": ev.location_country or "",
            "venue": ev.venue or "", "part_of": ids.get(ev.part_of, ""),
            # An event of the dataset: named apart, so the draft folder validates on its own.
            "dataset_part_of": ev.part_of if ev.part_of and ev.part_of not in ids else "", "topics": ";".join(ev.topics),
            "summary": _event_summary(ev), "source_id": source_id, "source_quote": _quote(sents, ev.sentences),
            "cameo_code": ev.cameo_code, **synthetic_col, "confidence": f"{ev.confidence:.2f}", "rule": "; ".join(ev.rules),
        }
        out.events.append(row)
        for i in ev.sentences:
            out.annotate(i, "rows", ("event", row["event_id"]))
        if ev.conflict:
            rel, exp = ev.conflict
            sent = sents[ev.sentences[0]].text
            out.conflicts.append({
                "conflict_id": _unique(f"conflict-{row['event_id']}-date", taken), "source_id": source_id,
                "field": f"events.date[{row['event_id']}]",
                "value_a": f"{sent[rel.start:rel.end]} ({rel.date})", "value_b": f"{sent[exp.start:exp.end]} ({exp.date})",
                "chosen": exp.date, "reason": "The sentence gives a relative period and an explicit date that does not lie in it; "
                "the explicit date is the more specific evidence (drafted: check it).", **synthetic_col})
    for event_id, slot in outcome.enrich.items():
        row = {"update_id": f"topics-{event_id}", "event_id": event_id, "topics": ";".join(slot["topics"]),
               "topics_source_id": source_id, "topics_quote": _quote(sents, slot["sentences"]),
               "rule": "topics of a mention of an event of the dataset"}
        out.event_topics.append(row)
        for i in slot["sentences"]:
            out.annotate(i, "notes", f"adds topics {', '.join(slot['topics'])} to the dataset's event {event_id} ({row['update_id']})")
    for sk in outcome.skips:
        out.annotate(sk.sentence, "skips", (sk.reason, sk.detail))
    for i, notes in outcome.notes.items():
        for n in notes:
            out.annotate(i, "notes", n)

    # Positions: the event a sentence is about gives their date (else the previous sentence's, same paragraph).
    context: dict[int, object] = {}
    for s in sents:
        ev = outcome.linked.get(s.index)
        if ev is None and s.index - 1 in context and sents[s.index - 1].paragraph == s.paragraph:
            ev = context[s.index - 1]
        if ev is not None:
            context[s.index] = ev
    seen = set()
    for st in found_stances:
        key = (st.actor, st.topic, st.stance, st.target)
        if key in seen:
            out.annotate(st.sentence, "notes", f"restates {st.actor} {st.stance} on {st.topic} (drafted once)")
            continue
        seen.add(key)
        ev = context.get(st.sentence)
        event_id = ids.get(ev.key, "") if ev is not None and not ev.existing else ""
        dataset_event_id = ev.key if ev is not None and ev.existing else ""
        date = ev.date if ev is not None and ev.date else published.isoformat()
        row = {"position_id": _unique(f"pos-{st.actor}-{st.topic}-{st.stance}-{date}".lower(), taken), "date": date,
               "actor_country": st.actor, "topic": st.topic, "stance": st.stance, "target_country": st.target or "",
               "event_id": event_id, "dataset_event_id": dataset_event_id, "summary": _position_summary(st), "source_id": source_id,
               "source_quote": _quote(sents, [st.sentence]), **synthetic_col,
               "confidence": f"{st.confidence:.2f}", "rule": st.rule}
        out.positions.append(row)
        out.annotate(st.sentence, "rows", ("position", row["position_id"]))
    for sk in stance_skips:
        out.annotate(sk.sentence, "skips", (sk.reason, sk.detail))
    for f in found_facts:
        row = {"fact_id": _unique(f"fact-{f.category}-{f.key}".replace("_", "-"), taken), "category": f.category,
               "key": f.key, "label": f.label or "", "value": f.value, "unit": f.unit or "", "as_of": published.isoformat(),
               "source_id": source_id, "source_quote": _quote(sents, [f.sentence]), "note": f.note or "", **synthetic_col,
               "confidence": f"{f.confidence:.2f}", "rule": f.rule}
        out.facts.append(row)
        out.annotate(f.sentence, "rows", ("fact", row["fact_id"]))
    for s in sents:  # a sentence with an event or stance word and no row says why
        if s.heading or (synthetic and s.start == 0):
            continue
        ann = out.annotations.get(s.index)
        if ann and (ann["rows"] or ann["skips"] or ann["notes"]):
            continue
        why = reasons.why_nothing(s.text, per_sentence.get(s.index, []), pair)
        if why:
            out.annotate(s.index, "skips", why)
    return out
