"""5. Alignment: each side's latest stance per topic with its quote, reciprocal support, topics over time."""
from __future__ import annotations

import pandas as pd

from ...figures import alignment
from .. import charts
from ...contract import vocab
from ..footnotes import Sentence, anchor, claim, marks
from ..inputs import Inputs
from .intros import machine_only
from ..text import date_text, join, number, possessive

TABLE_TEMPLATE = "alignment_table.html.j2"
RECIPROCAL_TEMPLATE = "reciprocal.html.j2"
CHART_TEMPLATE = "chart_or_empty.html.j2"


def shown_positions(inp: Inputs) -> list[str]:
    """The position ids the alignment table shows, in its order (row by row, the pair's first side first)."""
    if machine_only(inp, "alignment"):
        return []
    table = alignment.topics(inp.ds.positions, inp.pair, inp.window)
    return [r[f"{side}_position"] for r in table.to_dict("records") for side in inp.pair
            if r[f"{side}_position"] is not None]


def table_context(inp: Inputs) -> dict:
    if machine_only(inp, "alignment"):  # the intro says it: not available from machine-coded data
        return {"rows": [], "header": [], "unavailable": True}
    table = alignment.topics(inp.ds.positions, inp.pair, inp.window)
    labels = inp.row_labels["positions"]
    rows = []
    for r in table.to_dict("records"):
        sides = []
        for side in inp.pair:
            p = inp.position(r[f"{side}_position"])
            if p is None:
                sides.append(None)
                continue
            target = (possessive(inp.names.get(p["target_country"], p["target_country"]))
                      if pd.notna(p["target_country"]) and p["target_country"] != side else None)
            sides.append({"stance": vocab.label(vocab.STANCES, p["stance"]), "target": target,
                          "summary": p["summary"], "date": date_text(p["date"]),
                          "quote": p["source_quote"] if pd.notna(p["source_quote"]) else None,
                          "source_id": p["source_id"], "anchor": anchor("positions", p["position_id"]),
                          "label": labels.get(str(p["position_id"]))})
        shared = None
        quoted = [s for s in sides if s is not None]
        if len(quoted) == 2 and quoted[0]["quote"] and (quoted[0]["quote"], quoted[0]["source_id"]) == (
                quoted[1]["quote"], quoted[1]["source_id"]):
            shared = {"quote": quoted[0]["quote"], "source_id": quoted[0]["source_id"]}
            for s in quoted:
                s["quote"] = None  # printed once, under both sides
        rows.append({"label": r["label"], "status": r["status"], "sides": sides, "shared": shared})
    a, b = inp.pair
    return {"rows": rows, "header": ["Topic", "Status", inp.names[a], inp.names[b]], "unavailable": False}


def reciprocal_context(inp: Inputs) -> dict:
    if machine_only(inp, "alignment"):
        return {"pairs": [], "discussed": None, "unavailable": True}
    pairs = inp.summary["alignment"]["reciprocal_support"]
    discussed = inp.summary["alignment"]["discussed_without_positions"]
    items = []
    for p_id, q_id in pairs:
        p, q = inp.position(p_id), inp.position(q_id)
        items.append([
            {"actor": inp.names[p["actor_country"]], "target": possessive(inp.names[p["target_country"]]),
             "interest": vocab.interest_phrase(p["topic"]), "id": p_id},
            {"actor": inp.names[q["actor_country"]], "target": possessive(inp.names[q["target_country"]]),
             "interest": vocab.interest_phrase(q["topic"]), "id": q_id}])
    return {"pairs": items, "discussed": join([vocab.inline_label(t) for t in discussed]) if discussed else None,
            "unavailable": False}


def chart_title(inp: Inputs) -> Sentence:
    """The topics chart's title: topics with a stance in the window, and those both sides took one on.
    It cites each side's latest stance per topic (the alignment table's rows)."""
    over_time = inp.summary["alignment"]["topics_over_time"]
    a, b = inp.pair
    took = {side: {t for q in over_time.values() for t in q[side]} for side in inp.pair}
    topics = took[a] | took[b]
    both = took[a] & took[b]
    n = len(topics)
    latest = alignment.latest_stances(inp.ds.positions, inp.pair, inp.window) if len(inp.ds.positions) else None
    def ids(chosen):
        if latest is None:
            return []
        return [str(i) for i in latest.loc[latest["topic"].isin(chosen), "position_id"]]
    said_n = number(n, 'topic')
    title = f"Stances on {said_n}, {len(both)} of them taken by both sides"
    return Sentence(title, "topics chart title", [claim("topics_with_stance", n, {"positions": ids(topics)}, said_n),
                                                  claim("topics_both_sides", len(both), {"positions": ids(both)},
                                                        f"{len(both)} of them")])


def chart_context(inp: Inputs) -> dict:
    over_time = inp.summary["alignment"]["topics_over_time"]
    if not any(v for q in over_time.values() for v in q.values()):
        return {"chart": None, "empty": None}
    sentence = chart_title(inp)
    title = sentence.text
    fig = charts.topics_heat_strip(over_time, inp.pair, inp.names, title, inp.source_line)
    alt = "Topics over time: " + "; ".join(
        f"{q}: " + ", ".join(f"{inp.names[s]} {', '.join(vocab.inline_label(t) for t in v) or 'none'}"
                             for s, v in sides.items())
        for q, sides in over_time.items())
    return {"chart": {"src": charts.svg_data_uri(fig), "alt": alt, "title_marks": marks(sentence, inp.row_labels)},
            "empty": None}
