"""4b. Friction, beside engagement (machine-coded data only): coded events of verbal or material
conflict (quad classes 3 and 4), which are not engagements."""
from __future__ import annotations


from ...contract import cameo_codes as cameo_events
from .. import charts
from ...figures import engagement
from ..inputs import Inputs
from ..text import join, number

TEMPLATE = "friction.html.j2"


def sentence(summary: dict) -> str | None:
    """One sentence on the window's friction, or None where there is no such figure (curated data)."""
    e = summary["engagement"]
    f = e.get("friction")
    if f is None:
        return None
    if not f["total"]:
        return ("No coded event between the two in the window is friction (verbal or material conflict: "
                "accusations, threats, protests, force).")
    quads = f["by_quad_class"]
    kinds = [f"{quads['3']:,} verbal conflict" if quads["3"] else "", f"{quads['4']:,} material conflict" if quads["4"] else ""]
    roots = sorted(f["by_cameo_root"].items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    named = [f"{cameo_events.phrase(r) or 'CAMEO ' + r} ({n:,})" for r, n in roots]
    prev = f["previous"]
    compared = ("; the previous window is not covered by the data" if e["previous"]["covered"] == "none"
                else f"; {prev['total']:,} in the previous window")
    return (f"Friction, counted apart from the {number(e['total'], 'engagement')}: "
            f"{number(f['total'], 'coded event')} of conflict ({join([k for k in kinds if k])}), "
            f"most often {join(named)}{compared}.")


def context(inp: Inputs) -> dict:
    text = sentence(inp.summary)
    if text is None:
        return {"sentence": None, "chart": None}
    f, e = inp.summary["engagement"]["friction"], inp.summary["engagement"]
    if not f["total"]:
        return {"sentence": text, "chart": None}
    freq = "quarter" if inp.window.days <= 3 * 366 else "year"
    rows = inp.ds.events
    friction_rows = rows[engagement.is_friction(rows)]
    periods = engagement.by_period(engagement.engagements(rows), inp.pair, inp.window, freq).rename(
        columns={"events": "engagements"})
    periods["friction"] = engagement.by_period(friction_rows, inp.pair, inp.window, freq)["events"]
    ratio = f["total"] / e["total"] if e["total"] else None
    title = (f"Friction: {number(f['total'], 'coded event')} of conflict beside {number(e['total'], 'engagement')}"
             + (f" ({ratio:.1f} to 1)" if ratio is not None and ratio > 1 else ""))
    fig = charts.friction(periods, title, inp.source_line, inp.no_data(list(periods["period"])))
    alt = f"Engagements and friction per {freq}: " + "; ".join(
        f"{r['period']} {r['engagements']} engagements, {r['friction']} friction" for r in periods.to_dict("records"))
    return {"sentence": text, "chart": {"src": charts.svg_data_uri(fig), "alt": alt}}


