"""4. Engagement frequency: by period, type and level against the previous window; cadence; visits
by direction; for machine-coded data the monthly cooperation score."""
from __future__ import annotations

import pandas as pd

from .. import charts
from ...figures import engagement
from ...contract import vocab
from ..footnotes import Sentence, claim, marks
from ..inputs import Inputs
from .glance import counted_rows, engagement_claims, visit_claim
from ..text import day_text, number, times, word

CHART_TEMPLATE = "chart_or_empty.html.j2"
TABLE_TEMPLATE = "frequency_table.html.j2"
COOPERATION_TEMPLATE = "cooperation.html.j2"


def _chart(fig, alt: str, title: Sentence | None = None, inp: Inputs | None = None) -> dict:
    return {"src": charts.svg_data_uri(fig), "alt": alt,
            "title_marks": marks(title, inp.row_labels) if title is not None else None}


def chart_title(inp: Inputs) -> Sentence:
    e = inp.summary["engagement"]
    prev = e["previous"]
    prev_total = None if prev["covered"] == "none" else prev["total"]
    said = number(e['total'], 'engagement', capital=True)
    claims = engagement_claims(inp, said, None)
    if prev_total is None:
        title = f"{said} this window; the previous one is not covered by the data"
    else:
        if prev_total == e["total"]:
            title, said_prev = f"{said} this window, as many as in the previous one", "as many as"
        else:
            said_prev = f"{'up' if e['total'] > prev_total else 'down'} from {prev_total}"
            title = f"{said} this window, {said_prev}"
        rows = counted_rows(inp, inp.window.previous())
        claims.append(claim("engagements", int(len(rows)), {"events": [str(i) for i in rows["event_id"]]}, said_prev,
                            start=prev["start"], end=prev["end"]))
    return Sentence(title, "frequency chart title", claims)


def chart_context(inp: Inputs) -> dict:
    e = inp.summary["engagement"]
    if not e["total"]:
        return {"chart": None, "empty": "No engagements in this window."}
    freq = "quarter" if inp.window.days <= 3 * 366 else "year"
    periods = engagement.by_period(engagement.engagements(inp.ds.events), inp.pair, inp.window, freq)
    prev = e["previous"]
    prev_total = None if prev["covered"] == "none" else prev["total"]
    sentence = chart_title(inp)
    title = sentence.text
    no_data = inp.no_data(list(periods["period"]))
    fig = charts.frequency(periods, prev_total, e["total"], title, inp.source_line,
                           f"Previous\n{prev['start'][:7]}–{prev['end'][:7]}", no_data)
    alt = f"Engagements per {freq}: " + ", ".join(f"{p} {'no data' if gap else n}" for p, n, gap
                                                   in zip(periods["period"], periods["events"], no_data))
    return {"chart": _chart(fig, alt, sentence, inp), "empty": None}


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
    return {"rows": rows, "previous_covered": p["covered"] != "none",
            "start": day_text(e["start"]), "end": day_text(e["end"]), "prev_start": day_text(p["start"]),
            "prev_end": day_text(p["end"]),
            "cadence": marks(cadence(inp), inp.row_labels)}


def cadence(inp: Inputs) -> Sentence:
    """The cadence of high-level contacts and the last of them, in one or two sentences."""
    e = inp.summary["engagement"]
    parts, claims = [], []
    high = engagement.high_level(counted_rows(inp, inp.window))
    dated = [str(i) for i in high.loc[high["precision"] == "day", "event_id"]]
    if e["high_level"] is None:
        parts.append("The data gives no levels (machine-coded events): no high-level cadence can be measured.")
        claims.append(claim("levels_unknown", None, {"events": []}))
    elif e["median_days_between_high_level"] is not None:
        said = f"a median {e['median_days_between_high_level']:g} days apart"
        parts.append(f"High-level contacts came {said} in the window.")
        claims.append(claim("median_days_between_high_level", e["median_days_between_high_level"],
                            {"events": dated}, said))
    else:
        parts.append("Fewer than two high-level contacts in the window: no cadence to measure.")
        claims.append(claim("high_level_days", len({d for d in high.loc[high["precision"] == "day", "first_day"]}),
                            {"events": dated}, "Fewer than two"))
    if e["last_high_level"]:
        said = number(e['days_since_last_high_level'], 'day')
        parts.append(f"The last was on {day_text(e['last_high_level']['date'])}, {said} before the as-of date.")
        rows = {"events": [e["last_high_level"]["event_id"]]}
        claims += [claim("last_high_level", e["last_high_level"]["date"], rows, day_text(e["last_high_level"]["date"]),
                         as_of=inp.summary["as_of"]),
                   claim("days_since", e["days_since_last_high_level"], rows, said, as_of=inp.summary["as_of"])]
    return Sentence(" ".join(parts), "frequency cadence", claims)


def visits_title(inp: Inputs) -> Sentence:
    table = engagement.visits(engagement.engagements(inp.ds.events), inp.pair, inp.window)
    a, b = inp.pair
    ab, ba = int(table["visits"].iloc[0]), int(table["visits"].iloc[1])
    phrases, claims = [], []
    for (t, h), n in (((a, b), ab), ((b, a), ba)):
        if n:
            phrases.append(f"{inp.names[t]} visited {inp.names[h]} {times(n)}")
        claims.append(visit_claim(inp, t, h, n, times(n) if n else ("No visits" if not phrases and not (ab or ba)
                                                                      else "no visit the other way")))
    title = ("; ".join(phrases) if phrases else "No visits in either direction") + (
        "" if ab and ba or not phrases else "; no visit the other way")
    return Sentence(title, "visits chart title", claims)


def visits_context(inp: Inputs) -> dict:
    if not inp.summary["engagement"]["total"]:
        return {"chart": None, "empty": None}
    table = engagement.visits(engagement.engagements(inp.ds.events), inp.pair, inp.window)
    sentence = visits_title(inp)
    title = sentence.text
    fig = charts.visits(table, inp.names, title, inp.source_line)
    alt = "Visits: " + ", ".join(f"{inp.names[t]} to {inp.names[h]} {n}"
                                 for t, h, n in zip(table["traveller"], table["host"], table["visits"]))
    return {"chart": _chart(fig, alt, sentence, inp), "empty": None}


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
