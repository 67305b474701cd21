"""2. At a glance: four to six sentences generated from the summary figures."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from .. import vocab
from .friction import sentence as friction_sentence
from .inputs import Inputs
from .text import day_text, join, number, possessive, word

TEMPLATE = "glance.html.j2"


def at_a_glance_sentences(summary: dict, events: pd.DataFrame, positions: pd.DataFrame,
                          names: dict[str, str]) -> list[str]:
    """Four to six plain-text sentences from the summary figures (escaped later)."""
    eng, ali = summary["engagement"], summary["alignment"]
    a, b = summary["pair"].split("-")
    out: list[str] = []

    last = eng["last_high_level"]
    if last:
        row = events.loc[events["event_id"] == last["event_id"]].iloc[0]
        days = eng["days_since_last_high_level"]
        verb = "began" if row["end_day"] > row["first_day"] else "was"
        when = (f"{number(days, 'day')} before the as-of date of {day_text(summary['as_of'])}" if days
                else "the as-of date itself")
        out.append(f"The last high-level contact {verb} on {day_text(last['date'])}, {when}: "
                   f"{row['summary'].rstrip('.')}.")
    elif eng["high_level"] is None:
        out.append("The data gives no levels (machine-coded events), so no high-level contact can be named.")
    else:
        out.append(f"No high-level contact is recorded on or before {day_text(summary['as_of'])}.")

    prev = eng["previous"]
    window = f"{day_text(summary['start'])} to {day_text(summary['end'])}"
    high = eng["high_level"]
    if high and high == eng["total"]:
        level = f", {'both' if high == 2 else 'all'} at ministerial level or above" if high > 1 else ", at ministerial level"
    else:
        level = f", {number(high, 'of them', 'of them')} at ministerial level or above" if high else ""
    first = f"{number(eng['total'], 'engagement', capital=True)} from {window}{level}"
    if prev["covered"] == "none":
        days = (dt.date.fromisoformat(prev['end']) - dt.date.fromisoformat(prev['start'])).days + 1
        previous = "the previous day lies" if days == 1 else f"the previous {number(days, 'day')} lie"
        out.append(f"{first}; {previous} outside the data’s coverage, so there is nothing to compare with.")
    else:
        p = prev["total"]
        trend = ("the same as" if p == eng["total"] else "up from" if eng["total"] > p else "down from")
        part = ("; the data covers only part of that window" if prev["covered"] == "partial" else "")
        out.append(f"{first}, {trend} {p} in the previous window of the same length "
                   f"({day_text(prev['start'])} to {day_text(prev['end'])}){part}.")

    friction_text = friction_sentence(summary)
    if friction_text:
        out.append(friction_text)

    v = eng["visits"]
    ab, ba = v[f"{a}->{b}"], v[f"{b}->{a}"]
    if ab or ba:
        parts = [f"{word(n) if n else 'none'} from {names[t]} to {names[h]}"
                 for (t, h), n in (((b, a), ba), ((a, b), ab))]
        out.append(f"Visits in the window: {parts[0]}, {parts[1]}.")
    elif eng["total"] and eng["venues"] is None:  # machine-coded: where contacts took place is unknown
        out.append("No visit either way is coded in the window.")
    elif eng["total"]:
        out.append("Neither side visited the other in the window; contacts took place elsewhere or remotely.")

    topics = ali["topics"]
    if topics:
        label = lambda t: vocab.inline_label(t["topic"])  # noqa: E731
        aligned = [label(t) for t in topics if t["status"] == "aligned"]
        divergent = [label(t) for t in topics if t["status"] == "divergent"]
        one_sided = [t for t in topics if t["status"] == "one-sided"]
        text = (f"The sides align on {number(len(aligned), 'topic')} of the {word(len(topics))} with a recorded stance"
                + (f" ({join(aligned)})" if aligned else ""))
        text += (f"; they diverge on {join(divergent)}" if divergent else "; no divergence is recorded")
        if one_sided:
            only = [f"{label(t)} ({names[a] if t[a] else names[b]})" for t in one_sided]
            text += f"; only one side’s stance is on record on {join(only)}"
        out.append(text + ".")
    for pa_id, pb_id in ali["reciprocal_support"][:1]:
        pa_row = positions.loc[positions["position_id"] == pa_id].iloc[0]
        pb_row = positions.loc[positions["position_id"] == pb_id].iloc[0]
        out.append(
            f"Support is reciprocal: {names[pa_row['actor_country']]} backs {possessive(names[pa_row['target_country']])} "
            f"{vocab.interest_phrase(pa_row['topic'])}, while {names[pb_row['actor_country']]} backs "
            f"{possessive(names[pb_row['target_country']])} {vocab.interest_phrase(pb_row['topic'])}.")

    pending, attained = [], []
    for t in topics:
        for side in (a, b):
            if t[side] == "interest":
                pending.append(f"{possessive(names[side])} {vocab.interest_phrase(t['topic'])}")
            elif t[side] == "attained":
                attained.append(f"{possessive(names[side])} {vocab.interest_phrase(t['topic'])}")
    if attained:
        out.append(f"Outcome recorded: {join(attained)} succeeded.")
    if pending:
        out.append(f"Open items: {join(pending)}; the sources record no outcome yet.")
    return out[:6]


def context(inp: Inputs) -> dict:
    s = inp.summary
    a, b = inp.pair
    if not s["engagement"]["total"] and inp.ds.machine_coded and not s["alignment"]["topics"]:
        first = (f"No engagement of {inp.names[a]} and {inp.names[b]} is coded between {day_text(s['start'])} "
                 f"and {day_text(s['end'])} in this dataset.")
        return {"empty": None, "sentences": [first] + [t for t in [friction_sentence(s)] if t and s["engagement"]["friction"]["total"]]}
    if not s["engagement"]["total"] and not s["alignment"]["topics"]:
        return {"empty": (f"No engagements or stances of {inp.names[a]} and {inp.names[b]} are recorded between "
                          f"{day_text(s['start'])} and {day_text(s['end'])} in this dataset."), "sentences": []}
    return {"empty": None, "sentences": at_a_glance_sentences(s, inp.ds.events, inp.ds.positions, inp.names)}
