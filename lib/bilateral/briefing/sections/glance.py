"""2. At a glance: four to six sentences generated from the summary figures."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ...figures import editions, engagement
from .. import what_changed
from ...contract import vocab
from ...figures.engagement import Window
from ..footnotes import Claim, Sentence, claim, marks
from .friction import sentence as friction_sentence
from ..inputs import Inputs
from ..text import day_text, join, number, possessive, word

TEMPLATE = "glance.html.j2"


def counted_rows(inp: Inputs, window: Window) -> pd.DataFrame:
    """The events a window's engagement figures count (friction apart), by date (computed once per window)."""
    cache = inp.__dict__.setdefault("_counted_rows", {})
    key = (window.start, window.end)
    if key not in cache:
        cache[key] = engagement.window_events(engagement.engagements(inp.ds.events), inp.pair, window)
    return cache[key]


def _ids(frame: pd.DataFrame) -> list[str]:
    return [str(i) for i in frame["event_id"]]


def engagement_claims(inp: Inputs, said_total: str, said_high: str | None) -> list[Claim]:
    """The window's engagements and, where levels are known, those at ministerial level or above."""
    rows = counted_rows(inp, inp.window)
    out = [claim("engagements", int(len(rows)), {"events": _ids(rows)}, said_total,
                 start=inp.summary["start"], end=inp.summary["end"])]
    if said_high is not None:
        high = engagement.high_level(rows)
        out.append(claim("high_level", int(len(high)), {"events": _ids(high)}, said_high,
                         start=inp.summary["start"], end=inp.summary["end"]))
    return out


def _last_high_level(inp: Inputs) -> Sentence:
    s, eng, events = inp.summary, inp.summary["engagement"], inp.ds.events
    last = eng["last_high_level"]
    if last:
        row = events.loc[events["event_id"] == last["event_id"]].iloc[0]
        days = eng["days_since_last_high_level"]
        verb = "began" if row["end_day"] > row["first_day"] else "was"
        said_days = number(days, 'day')
        when = (f"{said_days} before the as-of date of {day_text(s['as_of'])}" if days else "the as-of date itself")
        text = (f"The last high-level contact {verb} on {day_text(last['date'])}, {when}: "
                f"{row['summary'].rstrip('.')}.")
        rows = {"events": [last["event_id"]]}
        return Sentence(text, "glance", [claim("last_high_level", last["date"], rows, day_text(last["date"]),
                                               as_of=s["as_of"]),
                                         claim("days_since", days, rows, said_days if days else "the as-of date itself",
                                               as_of=s["as_of"])])
    if eng["high_level"] is None:
        return Sentence("The data gives no levels (machine-coded events), so no high-level contact can be named.",
                        "glance", [claim("levels_unknown", None, {"events": []}, searched="the timeline table")])
    return Sentence(f"No high-level contact is recorded on or before {day_text(s['as_of'])}.", "glance",
                    [claim("last_high_level", None, {"events": []}, "No high-level contact", as_of=s["as_of"])])


def _engagements(inp: Inputs) -> Sentence:
    """The window's engagements against the previous window's, with the visits either way."""
    s, eng, names = inp.summary, inp.summary["engagement"], inp.names
    a, b = inp.pair
    prev = eng["previous"]
    window = f"{day_text(s['start'])} to {day_text(s['end'])}"
    high = eng["high_level"]
    said_high = None
    if high and high == eng["total"]:
        said_high = ('both' if high == 2 else 'all') if high > 1 else "at ministerial level"
        level = f", {said_high} at ministerial level or above" if high > 1 else ", at ministerial level"
    elif high:
        said_high = number(high, 'of them', 'of them')
        level = f", {said_high} at ministerial level or above"
    else:
        level = ""
        said_high = None if high is None else "engagements"
    said_total = number(eng['total'], 'engagement', capital=True)
    first = f"{said_total} from {window}{level}"
    claims = engagement_claims(inp, said_total, said_high if high else None)
    v = eng["visits"]
    ab, ba = v[f"{a}->{b}"], v[f"{b}->{a}"]
    visits = ""
    if ab or ba:
        parts = []
        for (t, h), n in (((b, a), ba), ((a, b), ab)):
            said = f"{word(n) if n else 'none'} from {names[t]} to {names[h]}"
            parts.append(said)
            claims.append(visit_claim(inp, t, h, n, said))
        visits = f" (visits: {parts[0]}, {parts[1]})"
    if prev["covered"] == "none":
        days = (dt.date.fromisoformat(prev['end']) - dt.date.fromisoformat(prev['start'])).days + 1
        previous = "the previous day lies" if days == 1 else f"the previous {number(days, 'day')} lie"
        text = f"{first}{visits}; {previous} outside the data’s coverage, so there is nothing to compare with."
    else:
        p = prev["total"]
        trend = ("the same as" if p == eng["total"] else "up from" if eng["total"] > p else "down from")
        part = ("; the data covers only part of that window" if prev["covered"] == "partial" else "")
        text = (f"{first}{visits}, {trend} {p} in the previous window of the same length "
                f"({day_text(prev['start'])} to {day_text(prev['end'])}){part}.")
        rows = counted_rows(inp, inp.window.previous())
        claims.append(claim("engagements", int(len(rows)), {"events": _ids(rows)}, f"{trend} {p}",
                            start=prev["start"], end=prev["end"]))
    return Sentence(text, "glance", claims)


def friction_claims(inp: Inputs) -> list[Claim]:
    """Machine-coded data: the window's coded conflict (quad classes 3 and 4), which the timeline does not list."""
    f = inp.summary["engagement"]["friction"]
    rows = engagement.counted(engagement.pair_events(inp.ds.events, inp.pair))
    rows = engagement.in_window(rows[engagement.is_friction(rows)], inp.window)
    said = number(f["total"], "coded event") if f["total"] else "No coded event"
    return [claim("friction", int(len(rows)), {"events": [str(i) for i in rows["event_id"]]}, said,
                  searched="the event data (friction is not listed in the timeline)",
                  start=inp.summary["start"], end=inp.summary["end"])]


def visit_claim(inp: Inputs, traveller: str, host: str, n: int, said: str) -> Claim:
    rows = counted_rows(inp, inp.window)
    rows = rows[(rows["event_type"] == "visit") & (rows["actor1_country"] == traveller) & (rows["actor2_country"] == host)]
    return claim("visits", n, {"events": _ids(rows)}, said, traveller=traveller, host=host,
                 start=inp.summary["start"], end=inp.summary["end"])


def _alignment(inp: Inputs) -> Sentence | None:
    topics, names = inp.summary["alignment"]["topics"], inp.names
    a, b = inp.pair
    if not topics:
        return None
    label = lambda t: vocab.inline_label(t["topic"])  # noqa: E731
    evidence = lambda ts: [p for t in ts for p in t["evidence"]]  # noqa: E731
    aligned = [t for t in topics if t["status"] == "aligned"]
    divergent = [t for t in topics if t["status"] == "divergent"]
    one_sided = [t for t in topics if t["status"] == "one-sided"]
    said_aligned, said_all = number(len(aligned), 'topic'), f"of the {word(len(topics))}"
    text = (f"The sides align on {said_aligned} {said_all} with a recorded stance"
            + (f" ({join([label(t) for t in aligned])})" if aligned else ""))
    text += (f"; they diverge on {join([label(t) for t in divergent])}" if divergent else "; no divergence is recorded")
    if one_sided:
        only = [f"{label(t)} ({names[a] if t[a] else names[b]})" for t in one_sided]
        text += f"; only one side’s stance is on record on {join(only)}"
    claims = [claim("topics_with_stance", len(topics), {"positions": evidence(topics)}, said_all),
              claim("aligned_topics", len(aligned), {"positions": evidence(aligned)}, said_aligned),
              claim("divergent_topics", len(divergent), {"positions": evidence(divergent)},
                    "they diverge on" if divergent else "no divergence is recorded")]
    if one_sided:
        claims.append(claim("one_sided_topics", len(one_sided), {"positions": evidence(one_sided)},
                            "only one side’s stance is on record"))
    return Sentence(text + ".", "glance", claims)


def _open_items(inp: Inputs) -> tuple[Sentence | None, bool]:
    """Pending and attained bids, each with the other side's backing; True when the sentence says
    all the reciprocal support there is (so it needs no sentence of its own)."""
    s, names, positions = inp.summary, inp.names, inp.ds.positions
    topics = s["alignment"]["topics"]
    a, b = inp.pair
    by_id = {str(r["position_id"]): r for r in positions.to_dict("records")} if len(positions) else {}
    backers = {}  # (side, topic) -> the other side's position backing that side's interest
    for t in topics:
        for pid in t["evidence"]:
            p = by_id[pid]
            if p["stance"] == "support" and p["target_country"] in (a, b) and p["target_country"] != p["actor_country"]:
                backers[(p["target_country"], t["topic"])] = pid
    pending, attained, rows, backing = [], [], [], []
    for t in topics:
        for side in (a, b):
            pid = next((e for e in t["evidence"] if by_id[e]["actor_country"] == side), None)
            phrase = f"{possessive(names[side])} {vocab.interest_phrase(t['topic'])}"
            if t[side] == "interest":
                backer = backers.get((side, t["topic"]))
                other = b if side == a else a
                pending.append(phrase + (f", which {names[other]} backs" if backer else ""))
                rows.append(pid)
                backing += [backer] if backer else []
            elif t[side] == "attained":
                attained.append(phrase)
                rows.append(pid)
    reciprocal = s["alignment"]["reciprocal_support"][:1]
    covered = bool(reciprocal) and all(p in rows + backing for pair in reciprocal for p in pair)
    parts = []
    if attained:
        parts.append(f"Outcome recorded: {join(attained)} succeeded.")
    if pending:
        if covered:  # said after the second of the two bids that back each other
            backed = [i for i, item in enumerate(pending) if ", which " in item]
            pending[backed[-1]] += " (support is reciprocal)"
        glue = "; " if any(", which " in item for item in pending) else ", "
        listed = pending[0] if len(pending) == 1 else glue.join(pending[:-1]) + f"{glue.rstrip()} and {pending[-1]}"
        if len(pending) == 2 and glue == ", ":
            listed = f"{pending[0]} and {pending[1]}"
        parts.append(f"Open items, with no outcome recorded yet: {listed}.")
    if not parts:
        return None, False
    claims = [claim("open_items", len(pending) + len(attained), {"positions": rows})]
    if backing:
        claims.append(claim("backed_items", len(backing), {"positions": backing}, "which"))
    return Sentence(" ".join(parts), "glance", claims), covered


def _reciprocal(inp: Inputs) -> Sentence | None:
    names, positions = inp.names, inp.ds.positions
    for pa_id, pb_id in inp.summary["alignment"]["reciprocal_support"][:1]:
        pa_row = positions.loc[positions["position_id"] == pa_id].iloc[0]
        pb_row = positions.loc[positions["position_id"] == pb_id].iloc[0]
        text = (f"Support is reciprocal: {names[pa_row['actor_country']]} backs {possessive(names[pa_row['target_country']])} "
                f"{vocab.interest_phrase(pa_row['topic'])}, while {names[pb_row['actor_country']]} backs "
                f"{possessive(names[pb_row['target_country']])} {vocab.interest_phrase(pb_row['topic'])}.")
        return Sentence(text, "glance", [claim("reciprocal_support", [pa_id, pb_id], {"positions": [pa_id, pb_id]})])
    return None


def _change(inp: Inputs) -> Sentence | None:
    """The most important change since the previous edition (None: there is none to compare with)."""
    c = (inp.edition or {}).get("comparison")
    if c is None:
        return None
    text = what_changed.glance_sentence(c, inp.names)
    top = editions.most_important(c)
    rows: dict[str, list[str]] = {}
    if top and top[0] == "stance" and top[1]["position_id"]:
        rows = {"positions": [top[1]["position_id"]]}
    elif top and top[0] in ("event_added", "source_added"):
        rows = {"events" if top[0] == "event_added" else "sources": [top[1]["id"]]}
    if not rows:  # a removed row, a figure or nothing: the comparison is in its own section
        return Sentence(text, "glance", [claim("change", top[0] if top else None, {},
                                               basis={"text": "the comparison with the previous edition",
                                                      "href": "what-changed"})])
    return Sentence(text, "glance", [claim("change", top[0], rows, "")])


def glance_sentences(inp: Inputs, unga: str | None = None) -> list[Sentence]:
    """Four to six sentences: the most important change since the previous edition (when there is
    one), then the figures. Visits are said with the engagements, and reciprocal support with the
    open bids it backs, so that the sentences stay within DESIGN.md's four to six."""
    out: list[Sentence] = [_last_high_level(inp), _engagements(inp)]
    friction_text = friction_sentence(inp.summary)
    if friction_text:
        out.append(Sentence(friction_text, "glance", friction_claims(inp)))
    if not any(inp.summary["engagement"]["visits"].values()) and inp.summary["engagement"]["total"]:
        text = ("No visit either way is coded in the window." if inp.summary["engagement"]["venues"] is None else
                "Neither side visited the other in the window; contacts took place elsewhere or remotely.")
        out.append(Sentence(text, "glance", [claim("visits", 0, {"events": []}, "visit", searched="the timeline table")]))
    alignment_sentence = _alignment(inp)
    if alignment_sentence:
        out.append(alignment_sentence)
    items, covered = _open_items(inp)
    if not covered:
        reciprocal = _reciprocal(inp)
        if reciprocal:
            out.append(reciprocal)
    if items:
        out.append(items)
    if unga:
        out.append(Sentence(unga, "glance", [claim("unga", (inp.summary.get("unga") or {}).get("agreement"), {},
                                                   basis={"text": "the UN General Assembly voting record",
                                                          "href": "Voting-at-the-UN-General-Assembly"})]))
    change = _change(inp)
    return ([change] if change else []) + out[:6 - bool(change)]


def at_a_glance_sentences(inp: Inputs) -> list[str]:
    """The at-a-glance sentences as plain text (escaped later)."""
    return [s.text for s in glance_sentences(inp)]


def context(inp: Inputs, unga: str | None = None) -> dict:
    s = inp.summary
    a, b = inp.pair
    if not s["engagement"]["total"] and inp.ds.machine_coded and not s["alignment"]["topics"]:
        first = (f"No engagement of {inp.names[a]} and {inp.names[b]} is coded between {day_text(s['start'])} "
                 f"and {day_text(s['end'])} in this dataset.")
        return {"empty": None, "sentences": [first] + [t for t in [friction_sentence(s)] if t and s["engagement"]["friction"]["total"]]}
    if not s["engagement"]["total"] and not s["alignment"]["topics"]:
        return {"empty": (f"No engagements or stances of {inp.names[a]} and {inp.names[b]} are recorded between "
                          f"{day_text(s['start'])} and {day_text(s['end'])} in this dataset."), "sentences": []}
    return {"empty": None, "sentences": [marks(x, inp.row_labels) for x in glance_sentences(inp, unga)]}
