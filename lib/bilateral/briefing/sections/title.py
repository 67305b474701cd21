"""1. Title block: the pair, the window, the as-of date, the dataset, its sources by type and its coverage."""
from __future__ import annotations

import pandas as pd

from ...contract import vocab
from ..inputs import Inputs
from ..text import day_text, join, number, percent

TEMPLATE = "title.html.j2"


def context(inp: Inputs) -> dict:
    s, cov = inp.summary, inp.summary["coverage"]
    types = inp.ds.sources["source_type"].fillna("unspecified").value_counts()
    by_type = join([f"{n} {vocab.label(vocab.SOURCE_TYPES, t).lower()}{'s' if n > 1 and not t.endswith('coded') else ''}"
                    for t, n in types.items()])
    return {
        "title": inp.title,
        "window": f"{day_text(s['start'])} – {day_text(s['end'])}",
        "as_of": day_text(s["as_of"]),
        "dataset": inp.ds.path.name,
        "checksum": inp.ds.checksum[:12],
        "sources": by_type,
        # curated data: the days its sources span; imported data: what its files cover, in words
        "coverage": (cov.get("description") or f"{day_text(cov['start'])} to {day_text(cov['end'])}") if cov else "none",
        "covered": s["engagement"]["covered"],
        "share": percent(cov["share_of_window"]) if cov else None,
        "recalled": (number(s["engagement"]["total"], "engagement") if cov and cov.get("description")
                     and s["engagement"]["total"] else None),
        "synthetic": bool(inp.ds.events.get("synthetic", pd.Series(dtype=bool)).any()),
        "machine_coded": bool(inp.ds.machine_coded),
        "min_sources": inp.min_sources,
    }
