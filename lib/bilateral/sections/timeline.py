"""3. Timeline of engagements: a chart and a table, each row with its source."""
from __future__ import annotations

import pandas as pd

from .. import charts, vocab
from ..names import country_name
from .inputs import Inputs
from .text import date_text, number, safe_url, word

CHART_TEMPLATE = "timeline_chart.html.j2"
TABLE_TEMPLATE = "timeline_table.html.j2"
MACHINE_ROWS = 30  # machine-coded data: the most-mentioned events, not thousands of rows


def _text(value) -> str | None:
    """A data value as text, or None when it is missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def chart_context(inp: Inputs) -> dict:
    ev = inp.pair_events
    if ev.empty:
        return {"chart": None}
    e = inp.summary["engagement"]
    title = f"{number(e['total'], 'engagement', capital=True)} in the window"
    if e["high_level"]:
        title += f", {word(e['high_level'])} at ministerial level or above"
    fig = charts.timeline(ev, inp.window.start, inp.window.end, title, inp.source_line)
    alt = "Timeline: " + "; ".join(
        f"{date_text(r['date'], r['end_date'])} {r['event_type']} ({r['level']})" for _, r in ev.iterrows())
    return {"chart": {"src": charts.svg_data_uri(fig), "alt": alt}}


def _row(r) -> dict:
    place = ", ".join(x for x in (_text(r["location_city"]) or "",
                                  country_name(r["location_country"]) if pd.notna(r["location_country"]) else "") if x)
    quotes = [(_text(r["source_quote"]), r["source_id"])]
    if pd.notna(r.get("topics_quote", pd.NA)):
        quotes.append((_text(r["topics_quote"]), r["topics_source_id"]))
    url = safe_url(r["source_url"]) if pd.notna(r.get("source_url", pd.NA)) else None
    topics = [vocab.label(vocab.TOPICS, t.strip()) for t in str(r["topics"]).split(";")] if pd.notna(r["topics"]) else []
    return {
        "date": date_text(r["date"], r["end_date"]),
        "level": vocab.label(vocab.LEVELS, r["level"]),
        "place": place,
        "venue": _text(r["venue"]),
        "type": vocab.label(vocab.EVENT_TYPES, r["event_type"]),
        "summary": _text(r["summary"]) or "",
        "within": None if r["counted"] else (_text(r["part_of"]) or ""),
        "quotes": quotes,
        "url": url,
        "topics": topics,
    }


def table_context(inp: Inputs) -> dict:
    ev = inp.pair_events
    if ev.empty:
        return {"rows": [], "intro": None}
    intro = None
    if inp.ds.machine_coded and len(ev) > MACHINE_ROWS:
        intro = {"shown": MACHINE_ROWS, "total": f"{len(ev):,}"}
        ev = ev.sort_values(["num_mentions", "first_day"], ascending=[False, True], kind="mergesort")
        ev = ev.head(MACHINE_ROWS).sort_values("first_day", kind="mergesort")
    return {"rows": [_row(r) for _, r in ev.iterrows()], "intro": intro}
