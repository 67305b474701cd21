"""6. Cooperation framework: mechanisms, agreements by sector, people-to-people ties, as the sources state them."""
from __future__ import annotations

import pandas as pd

from .. import vocab
from ..names import country_name
from .inputs import Inputs
from .intros import machine_only
from .text import join

TEMPLATE = "framework.html.j2"

FACT_TITLES = {"mechanism": "Mechanisms", "agreement_sector": "Agreements and MoUs by sector",
               "community": "People-to-people", "relationship": "The relationship",
               "membership": "Memberships"}


def context(inp: Inputs) -> dict:
    facts = inp.ds.facts
    if facts.empty:
        return {"groups": [], "unavailable": machine_only(inp, "framework")}
    order = list(FACT_TITLES) + sorted(set(facts["category"]) - set(FACT_TITLES))
    groups = []
    for category in order:
        sel = facts[facts["category"] == category]
        if sel.empty:
            continue
        items = []
        if category in vocab.TOPIC_KEYED_FACT_CATEGORIES:
            # One line for all sectors: a list of twelve one-word items reads as padding.
            notes = sorted({str(n) for n in sel["note"].dropna()}) if "note" in sel else []
            items.append({"key": None, "text": join([vocab.label(vocab.TOPICS, k) for k in sel["key"]]),
                          "note": "; ".join(notes) if notes else None})
        for _, f in sel.iterrows() if not items else []:
            key = f["label"] if pd.notna(f.get("label", pd.NA)) else str(f["key"]).replace("_", " ").capitalize()
            value = str(f["value"])
            if category == "membership" and len(value) == 3:
                value = country_name(value)
            unit = f" {f['unit']}" if pd.notna(f["unit"]) else ""
            note = f" ({f['note']})" if "note" in f and pd.notna(f["note"]) else ""
            items.append({"key": key, "text": value + unit + note, "note": None})
        quotes = [(quote, sid) for (quote, sid), _ in sel.groupby(["source_quote", "source_id"], sort=False)]
        groups.append({"title": FACT_TITLES.get(category, category.replace("_", " ").capitalize()),
                       "lines": items, "quotes": quotes})
    return {"groups": groups, "unavailable": False}
