"""4. Engagement frequency: by period, type and level against the previous window; cadence; visits
by direction; for machine-coded data the monthly cooperation score."""
from __future__ import annotations

import pandas as pd

from .. import charts, engagement, vocab
from .inputs import Inputs
from .text import day_text, number, times, word

CHART_TEMPLATE = "chart_or_empty.html.j2"
TABLE_TEMPLATE = "frequency_table.html.j2"
COOPERATION_TEMPLATE = "cooperation.html.j2"


def _chart(fig, alt: str) -> dict:
    return {"src": charts.svg_data_uri(fig), "alt": alt}


def chart_context(inp: Inputs) -> dict:
    e = inp.summary["engagement"]
    if not e["total"]:
        return {"chart": None, "empty": "No engagements in this window."}
    freq = "quarter" if inp.window.days <= 3 * 366 else "year"
    periods = engagement.by_period(engagement.engagements(inp.ds.events), inp.pair, inp.window, freq)
    prev = e["previous"]
    prev_total = None if prev["covered"] == "none" else prev["total"]
    if prev_total is None:
        title = f"{number(e['total'], 'engagement', capital=True)} this window; the previous one is not covered by the data"
    elif prev_total == e["total"]:
        title = f"{number(e['total'], 'engagement', capital=True)} this window, as many as in the previous one"
    else:
        title = (f"{number(e['total'], 'engagement', capital=True)} this window, "
                 f"{'up' if e['total'] > prev_total else 'down'} from {prev_total}")
    no_data = inp.no_data(list(periods["period"]))
    fig = charts.frequency(periods, prev_total, e["total"], title, inp.source_line,
                           f"Previous\n{prev['start'][:7]}–{prev['end'][:7]}", no_data)
    alt = f"Engagements per {freq}: " + ", ".join(f"{p} {'no data' if gap else n}" for p, n, gap
                                                   in zip(periods["period"], periods["events"], no_data))
    return {"chart": _chart(fig, alt), "empty": None}


def table_context(inp: Inputs) -> dict:
    e, p = inp.summary["engagement"], inp.summary["engagement"]["previous"]
    rows = [["Engagements", e["total"], p["total"]],
            ["At ministerial level or above", e["high_level"], p["high_level"]]]
    for key, vocabulary, name in (("by_type", vocab.EVENT_TYPES, "Type"), ("by_level", vocab.LEVELS, "Level")):
        for value in vocabulary:
            if value in e[key] or value in p[key]:
                rows.append([f"{name}: {vocab.label(vocabulary, value)}", e[key].get(value, 0), p[key].get(value, 0)])
    if e["venues"] is not None:
        rows.append(["Bilateral (no multilateral venue)", e["venues"]["bilateral"], p["venues"]["bilateral"]])
        rows.append(["On the sidelines of a multilateral meeting", e["venues"]["multilateral"], p["venues"]["multilateral"]])
    rows.append(["Dated only to a month or year", e["undated"], p["undated"]])
    if e.get("mentions") is not None:
        rows.append(["Mentions in the media (events weighted by mentions)", f"{e['mentions']:,}",
                     f"{p['mentions']:,}" if p.get("mentions") is not None else None])
    cadence = []
    if e["high_level"] is None:
        cadence.append("The data gives no levels (machine-coded events): no high-level cadence can be measured.")
    elif e["median_days_between_high_level"] is not None:
        cadence.append(f"High-level contacts came a median {e['median_days_between_high_level']:g} days apart in the window.")
    else:
        cadence.append("Fewer than two high-level contacts in the window: no cadence to measure.")
    if e["last_high_level"]:
        cadence.append(f"The last was on {day_text(e['last_high_level']['date'])}, "
                       f"{number(e['days_since_last_high_level'], 'day')} before the as-of date.")
    return {"rows": rows, "previous_covered": p["covered"] != "none",
            "start": day_text(e["start"]), "end": day_text(e["end"]), "prev_start": day_text(p["start"]),
            "prev_end": day_text(p["end"]),
            "cadence": " ".join(cadence)}


def visits_context(inp: Inputs) -> dict:
    if not inp.summary["engagement"]["total"]:
        return {"chart": None, "empty": None}
    table = engagement.visits(engagement.engagements(inp.ds.events), inp.pair, inp.window)
    a, b = inp.pair
    ab, ba = int(table["visits"].iloc[0]), int(table["visits"].iloc[1])
    phrases = []
    for (t, h), n in (((a, b), ab), ((b, a), ba)):
        if n:
            phrases.append(f"{inp.names[t]} visited {inp.names[h]} {times(n)}")
    title = ("; ".join(phrases) if phrases else "No visits in either direction") + (
        "" if ab and ba or not phrases else "; no visit the other way")
    fig = charts.visits(table, inp.names, title, inp.source_line)
    alt = "Visits: " + ", ".join(f"{inp.names[t]} to {inp.names[h]} {n}"
                                 for t, h, n in zip(table["traveller"], table["host"], table["visits"]))
    return {"chart": _chart(fig, alt), "empty": None}


def cooperation_context(inp: Inputs) -> dict:
    """Machine-coded data only: the monthly Goldstein mean with the events behind it."""
    coop = inp.summary["engagement"]["cooperation"]
    if not coop or not any(v["events"] for v in coop.values()):
        return {"chart": None}
    monthly = pd.DataFrame([{"month": m, **v} for m, v in coop.items()])
    scored = monthly.dropna(subset=["goldstein_mean"])
    weighted = (scored["goldstein_mean"] * scored["events"]).sum() / scored["events"].sum()
    weighted = round(float(weighted), 1) + 0.0  # no "-0.0"
    tone = "lean cooperative" if weighted > 0 else "lean conflictual" if weighted < 0 else "are balanced"
    title = f"Coded events {tone}: mean Goldstein score {weighted:+.1f} over {int(monthly['events'].sum()):,} events"
    fig = charts.cooperation(monthly, title, inp.source_line, inp.no_data(list(monthly["month"])))
    alt = "Cooperation by month: " + "; ".join(
        f"{r['month']} {r['events']} events, Goldstein {r['goldstein_mean']}" for _, r in monthly.iterrows() if r["events"])
    return {"chart": _chart(fig, alt)}
