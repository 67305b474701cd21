"""The briefing as a whole, for its footnotes: every row its tables show, labelled in table
order (``row_labels``), and every generated sentence that states figures (``all_sentences``).
The footnote primitives (``Sentence``, ``claim``, ``marks``, ``anchor``) are ``footnotes``'."""
from __future__ import annotations

from .footnotes import KINDS, Sentence
from .sections import framework, frequency, glance, stances, timeline


def row_labels(inp) -> dict[str, dict[str, str]]:
    """Every row the briefing's tables show, by kind: id -> label (E1, P2…), in table order."""
    def numbered(kind, ids):
        prefix = KINDS[kind][0]
        out: dict[str, str] = {}
        for i in ids:
            if i is not None and str(i) not in out:
                out[str(i)] = f"{prefix}{len(out) + 1}"
        return out

    return {
        "events": numbered("events", timeline.shown_events(inp)["event_id"]),
        "positions": numbered("positions", stances.shown_positions(inp)),
        "facts": numbered("facts", framework.shown_facts(inp)),
        "sources": numbered("sources", inp.ds.sources["source_id"]),
        "conflicts": numbered("conflicts", inp.ds.conflicts["conflict_id"] if "conflict_id" in inp.ds.conflicts else []),
    }


def all_sentences(inp, unga: str | None = None) -> list[Sentence]:
    """Every generated sentence of the briefing that states figures, with the rows behind it:
    the at-a-glance, the cadence under the frequency table and the chart titles."""
    s, out = inp.summary, []
    if s["engagement"]["total"] or s["alignment"]["topics"]:  # else the at-a-glance says there is nothing
        out += glance.glance_sentences(inp, unga)
    if not inp.pair_events.empty:
        out.append(timeline.chart_title(inp))
    if s["engagement"]["total"]:
        out += [frequency.chart_title(inp), frequency.visits_title(inp)]
    out.append(frequency.cadence(inp))
    if any(v for q in s["alignment"]["topics_over_time"].values() for v in q.values()):
        out.append(stances.chart_title(inp))
    return out
