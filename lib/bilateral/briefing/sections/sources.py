"""7. Sources and method: every source with its type and checksum, the recorded conflicts,
the definitions and what the data does not cover."""
from __future__ import annotations

from pathlib import PurePath

import pandas as pd

from ...contract import vocab
from .framework import FACT_TITLES
from ..footnotes import anchor
from ..inputs import Inputs
from .timeline import parent_text
from ..text import day_text, number, percent, safe_url

SOURCES_TEMPLATE = "sources.html.j2"
CONFLICTS_TEMPLATE = "conflicts.html.j2"
METHOD_TEMPLATE = "method.html.j2"


def _text(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def sources_context(inp: Inputs) -> dict:
    rows = []
    for number, (_, s) in enumerate(inp.ds.sources.iterrows(), start=1):
        url = safe_url(s["url"]) if pd.notna(s["url"]) else None
        rows.append({
            "id": s["source_id"], "number": number, "title": _text(s["title"]) or "",
            "anchor": anchor("sources", s["source_id"]), "label": inp.row_labels["sources"].get(str(s["source_id"])),
            "notes": _text(s["notes"]) if "notes" in s else None,
            "publisher": _text(s["publisher"]), "published": _text(s["published"]) or "",
            "type": vocab.label(vocab.SOURCE_TYPES, s["source_type"]) if pd.notna(s["source_type"]) else "",
            # an imported file: its name (never its local path, never a link), with its checksum below
            "file": _text(s["file"]) or (PurePath(str(s["original_file"])).name
                                         if "original_file" in s and pd.notna(s["original_file"]) else None),
            "url": url, "sha256": _text(s["sha256"]),
        })
    return {"rows": rows}


def conflicts_context(inp: Inputs) -> dict:
    if inp.ds.conflicts.empty and inp.ds.machine_coded:
        return {"rows": [], "empty": "Not available from machine-coded data: it records no contradictions between sources."}
    rows = []
    for _, r in inp.ds.conflicts.iterrows():
        row = {k: _text(r[k]) or "" for k in ("field", "value_a", "value_b", "chosen", "reason", "source_id")}
        row["field"] = field_text(inp, row["field"])
        row["anchor"] = anchor("conflicts", r["conflict_id"])
        row["label"] = inp.row_labels["conflicts"].get(str(r["conflict_id"]))
        rows.append(row)
    return {"empty": "No contradictions between or within sources are recorded.", "rows": rows}


def field_text(inp: Inputs, field: str) -> str:
    """``events.date[ind-blr-2024-01-19-nam-kampala]`` as a reader says it: "date of the meeting at
    the NAM Summit of 19 January 2024"; a field in another form is shown as written."""
    import re

    m = re.fullmatch(r"events\.(\w+)\[([^\]]+)\]", field.strip())
    if not m or not (inp.ds.events["event_id"] == m.group(2)).any():
        return field
    return f"{m.group(1).replace('_', ' ')} of {parent_text(inp.ds.events, m.group(2))}"


DEFINITIONS = [
    "An engagement is an event between the two countries, either way round; one that took place within another "
    "(talks during a visit, a post about a meeting) is shown but counted through its parent.",
    "The window counts both its first and last day; the previous window has as many days and ends the day before.",
    "High level means heads of state or government and ministers. Days since the last high-level contact run to the as-of date.",
    "A date known only to the month or year counts in the periods it determines and never where a day is needed.",
    "A side’s stance on a topic is its latest recorded position. Aligned: both support, both oppose, or one side’s "
    "bid backed by the other; divergent: support against opposition; one-sided: only one side is on record.",
    "Every event, stance and fact quotes the sentence of its source it rests on; the loader checks each quote against the source file and its checksum.",
]


MACHINE_DEFINITIONS = [
    "An engagement is an event between the two countries, either way round, as the event data codes it: "
    "a row of quad class 1 (verbal cooperation) or 2 (material cooperation). Rows of quad class 3 (verbal "
    "conflict) or 4 (material conflict) are friction, counted apart; GDELT gives the quad class, and for ICEWS "
    "it follows from the CAMEO root (01–05: 1, 06–08: 2, 09–13: 3, 14–20: 4).",
    "The window counts both its first and last day; the previous window has as many days and ends the day before.",
    "Machine-coded data gives no levels or venues: figures that need them are unknown, not 0.",
    "Counts measure media attention: the same real event is often coded many times, from different articles and days.",
    "Machine-coded rows quote no sentence: each rests on its data file, named with its checksum, and, where the "
    "data gives one, the URL of the article it was coded from. Places are the coder’s geocoding of the article.",
]


def method_context(inp: Inputs) -> dict:
    cov = inp.summary["coverage"]
    gaps = []
    if cov and cov.get("description"):
        n = len(cov["gaps"])
        gaps.append(f"The data covers {cov['description']}: {percent(cov['share_of_window'])} of the window. "
                    + (f"Between its spans {'lies' if n == 1 else 'lie'} {number(n, 'gap')} no file covers. " if n else "")
                    + "Nothing outside those spans is known to this briefing, so an empty period there means "
                    "“not covered”, not “no contact”; charts draw it as no data.")
    elif cov:
        gaps.append(f"The sources span {day_text(cov['start'])} to {day_text(cov['end'])}: nothing before or after "
                    "is known to this briefing, so an empty period outside that span means “not covered”, not “no contact”.")
    gaps.append(f"{number(len(inp.ds.sources), 'source', capital=True)} in all; an engagement they do not report is missing here.")
    facts = inp.ds.facts
    if "note" in facts:
        missing = facts[facts["note"].fillna("").str.contains("not given")]
        for (category, note), group in missing.groupby(["category", "note"], sort=False):
            what = (group["label"].iloc[0] if len(group) == 1 and pd.notna(group["label"].iloc[0])
                    else FACT_TITLES.get(category, category))
            gaps.append(f"{what}: {note}.")
    if not inp.ds.machine_coded:
        return {"definitions": DEFINITIONS, "gaps": gaps,
                "closing": "Every claim above cites its source and the sentence it rests on."}
    curated = not bool(inp.ds.events["machine_coded"].all()) if len(inp.ds.events) else False
    definitions = MACHINE_DEFINITIONS + ([DEFINITIONS[-1].replace("Every event,", "Every curated event,")]
                                         if curated or not inp.ds.positions.empty else [])
    return {"definitions": definitions, "gaps": gaps,
            "closing": "The figures above count machine-coded events; no sentence of a source is quoted for them."}
