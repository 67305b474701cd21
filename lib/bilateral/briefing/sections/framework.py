"""6. Cooperation framework: mechanisms, agreements by sector, people-to-people ties, as the sources state them."""
from __future__ import annotations

import pandas as pd

from ...contract import vocab
from ...contract.names import country_name
from ..footnotes import anchor
from ..inputs import Inputs
from .intros import machine_only


def _separators(n: int) -> list[str]:
    """What follows each item of a list written out in words: ", ", " and ", then nothing."""
    return [", "] * max(n - 2, 0) + [" and "] * (n >= 2) + [""] * (n >= 1)

TEMPLATE = "framework.html.j2"

FACT_TITLES = {"mechanism": "Mechanisms", "agreement_sector": "Agreements and MoUs by sector",
               "community": "People-to-people", "relationship": "The relationship",
               "membership": "Memberships"}


def _categories(facts: pd.DataFrame) -> list[str]:
    return [c for c in list(FACT_TITLES) + sorted(set(facts["category"]) - set(FACT_TITLES))
            if (facts["category"] == c).any()]


def shown_facts(inp: Inputs) -> list[str]:
    """The fact ids the framework shows, in its order."""
    facts = inp.ds.facts
    if facts.empty:
        return []
    return [str(i) for c in _categories(facts) for i in facts.loc[facts["category"] == c, "fact_id"]]


def context(inp: Inputs) -> dict:
    facts = inp.ds.facts
    if facts.empty:
        return {"groups": [], "unavailable": machine_only(inp, "framework")}
    labels = inp.row_labels["facts"]
    groups = []
    for category in _categories(facts):
        sel = facts[facts["category"] == category]
        items = []
        if category in vocab.TOPIC_KEYED_FACT_CATEGORIES:
            # One line for all sectors: a list of twelve one-word items reads as padding; each
            # sector keeps its own anchor, so a footnote can point at it.
            notes = sorted({str(n) for n in sel["note"].dropna()}) if "note" in sel else []
            parts = [{"text": vocab.label(vocab.TOPICS, k), "anchor": anchor("facts", i), "label": labels.get(str(i))}
                     for k, i in zip(sel["key"], sel["fact_id"])]
            items.append({"key": None, "parts": parts, "separators": _separators(len(parts)), "text": None,
                          "note": "; ".join(notes) if notes else None, "anchor": None, "label": None})
        for _, f in sel.iterrows() if not items else []:
            key = f["label"] if pd.notna(f.get("label", pd.NA)) else str(f["key"]).replace("_", " ").capitalize()
            value = str(f["value"])
            if category == "membership" and len(value) == 3:
                value = country_name(value)
            unit = f" {f['unit']}" if pd.notna(f["unit"]) else ""
            note = f" ({f['note']})" if "note" in f and pd.notna(f["note"]) else ""
            items.append({"key": key, "text": value + unit + note, "note": None, "parts": None,
                          "anchor": anchor("facts", f["fact_id"]), "label": labels.get(str(f["fact_id"]))})
        quotes = [(quote, sid) for (quote, sid), _ in sel.groupby(["source_quote", "source_id"], sort=False)]
        groups.append({"title": FACT_TITLES.get(category, category.replace("_", " ").capitalize()),
                       "lines": items, "quotes": quotes})
    return {"groups": groups, "unavailable": False}
