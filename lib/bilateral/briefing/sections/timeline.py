"""3. Timeline of engagements: a chart and a table, each row with its source."""
from __future__ import annotations

import pandas as pd

from ...contract import cameo_codes as cameo_events, vocab
from .. import charts
from ...contract.names import country_name
from ..footnotes import Sentence, anchor, marks
from ..inputs import Inputs
from .glance import engagement_claims
from ..text import date_text, number, safe_url, word

CHART_TEMPLATE = "timeline_chart.html.j2"
TABLE_TEMPLATE = "timeline_table.html.j2"
MACHINE_ROWS = 30  # machine-coded data: the most-mentioned events, not thousands of rows


def _text(value) -> str | None:
    """A data value as text, or None when it is missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def chart_title(inp: Inputs) -> Sentence:
    e = inp.summary["engagement"]
    said_total = number(e['total'], 'engagement', capital=True)
    title = f"{said_total} in the window"
    said_high = None
    if e["high_level"]:
        said_high = word(e['high_level'])
        title += f", {said_high} at ministerial level or above"
    return Sentence(title, "timeline chart title", engagement_claims(inp, said_total, said_high))


def chart_context(inp: Inputs) -> dict:
    ev = inp.pair_events
    if ev.empty:
        return {"chart": None}
    sentence = chart_title(inp)
    title = sentence.text
    fig = charts.timeline(ev, inp.window.start, inp.window.end, title, inp.source_line, inp.uncovered())
    alt = "Timeline: " + "; ".join(
        f"{date_text(r['date'], r['end_date'])} {r['event_type']} ({r['level']})" for _, r in ev.iterrows())
    return {"chart": {"src": charts.svg_data_uri(fig), "alt": alt, "title_marks": marks(sentence, inp.row_labels)}}


def coder(source_id) -> str:
    """The project that coded a machine-coded row, from its importer's source id (``gdelt:0``)."""
    prefix = str(source_id).split(":", 1)[0]
    return {"gdelt": "GDELT", "icews": "ICEWS"}.get(prefix, "machine coding")


def _machine(r) -> dict:
    """Who did what to whom, in the codebook's words: "Belarus → India: make a visit"."""
    code = str(r["cameo_code"])
    actor, target = r["actor1_country"], r["actor2_country"]
    if code == "043":  # stored traveller first (DESIGN.md section 2); the host is the one who acts
        actor, target = target, actor
    who = " → ".join(country_name(c) if pd.notna(c) else "unknown" for c in (actor, target))
    what = cameo_events.phrase(code) or f"CAMEO code {code}, not in the codebook"
    detail = f"CAMEO {code}, coded by {coder(r['source_id'])}"
    if pd.notna(r.get("num_mentions", pd.NA)):
        detail += f"; {int(r['num_mentions']):,} mention{'s' if int(r['num_mentions']) != 1 else ''}"
    return {"headline": f"{who}: {what}", "detail": detail}


def parent_text(events: pd.DataFrame, part_of) -> str:
    """The event a row took place within, in words ("the visit of 11–13 March 2024"), never its id."""
    parent = events.loc[events["event_id"] == part_of]
    if parent.empty:
        return "another event"
    p = parent.iloc[0]
    where = f" at the {p['venue']}" if pd.notna(p["venue"]) else ""
    return f"the {vocab.label(vocab.EVENT_TYPES, p['event_type']).lower()}{where} of {date_text(p['date'], p['end_date'])}"


def _row(r, events: pd.DataFrame | None = None) -> dict:
    machine = bool(r.get("machine_coded", False)) and pd.notna(r.get("cameo_code", pd.NA))
    place = ", ".join(x for x in (_text(r["location_city"]) or "",
                                  country_name(r["location_country"]) if pd.notna(r["location_country"]) else "") if x)
    quotes = [(_text(r["source_quote"]), r["source_id"])]
    if pd.notna(r.get("topics_quote", pd.NA)):
        quotes.append((_text(r["topics_quote"]), r["topics_source_id"]))
    url = safe_url(r["source_url"]) if pd.notna(r.get("source_url", pd.NA)) else None
    topics = [vocab.label(vocab.TOPICS, t.strip()) for t in str(r["topics"]).split(";")] if pd.notna(r["topics"]) else []
    return {
        "date": date_text(r["date"], r["end_date"]),
        "level": "level unknown" if machine and r["level"] == "unknown" else vocab.label(vocab.LEVELS, r["level"]),
        "place": place,
        "geocoded": machine and bool(place),  # the coder's geocoding of the article, not a checked place
        "venue": _text(r["venue"]),
        "type": vocab.label(vocab.EVENT_TYPES, r["event_type"]),
        "machine": _machine(r) if machine else None,
        # an importer's summary that only repeats the code (GDELT's) is not said twice
        "summary": "" if machine and str(r["summary"]).startswith(f"CAMEO {r['cameo_code']}") else (_text(r["summary"]) or ""),
        "within": None if r["counted"] else (parent_text(events, r["part_of"]) if events is not None else "another event"),
        "quotes": quotes,
        "url": url,
        "topics": topics,
    }


def shown_events(inp: Inputs) -> pd.DataFrame:
    """The timeline table's rows, in its order: every engagement of the window, or for
    machine-coded data the most-mentioned ``MACHINE_ROWS`` of them."""
    ev = inp.pair_events
    if inp.ds.machine_coded and len(ev) > MACHINE_ROWS:
        ev = ev.sort_values(["num_mentions", "first_day"], ascending=[False, True], kind="mergesort", na_position="last")
        ev = ev.head(MACHINE_ROWS).sort_values("first_day", kind="mergesort")
    return ev


def table_context(inp: Inputs) -> dict:
    ev = inp.pair_events
    if ev.empty:
        return {"rows": [], "intro": None}
    intro = None
    if inp.ds.machine_coded and len(ev) > MACHINE_ROWS:
        mentions = "num_mentions" in ev.columns and bool(ev["num_mentions"].notna().any())
        ev = shown_events(inp)
        urls = ev["source_url"] if "source_url" in ev.columns else pd.Series(pd.NA, index=ev.index)
        linked = [safe_url(u) is not None if pd.notna(u) else False for u in urls]
        links = ("each links to the article it was coded from" if all(linked)
                 else "a row links to its article where the data gives one" if any(linked)
                 else "the data gives no article links")
        order = (f"the {MACHINE_ROWS} most-mentioned" if mentions
                 else f"the first {MACHINE_ROWS} by date (the data gives no mention counts)")
        intro = f"Machine-coded data: {order} of {len(inp.pair_events):,} events; {links}. Machine-coded rows carry no quote."
    labels = inp.row_labels["events"]
    rows = []
    for _, r in ev.iterrows():
        row = _row(r, inp.ds.events)
        row["anchor"], row["label"] = anchor("events", r["event_id"]), labels.get(str(r["event_id"]))
        rows.append(row)
    return {"rows": rows, "intro": intro}
