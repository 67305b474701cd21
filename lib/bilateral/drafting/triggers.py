"""Trigger phrases → event types, with their CAMEO codes, from ``data/triggers.csv``.

The table is ordered: the first row matching a stretch of text claims it, and
one sentence gives at most one mention of each event type.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from .countries import _data


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    event_type: str
    cameo_code: str
    rule: str
    role: str       # event, post, end (a departure: the end of a visit)
    text: str


@lru_cache(maxsize=1)
def table() -> list[tuple[re.Pattern, str, str, str, str]]:
    rows = []
    with _data("triggers.csv").open(encoding="utf-8", newline="") as f:
        records = csv.reader(f)
        next(records)  # header: event_type, cameo_code, rule, role, pattern (last: it may hold commas)
        for rec in records:
            event_type, cameo, rule, role, pattern = rec[0], rec[1], rec[2], rec[3], ",".join(rec[4:])
            rows.append((re.compile(pattern, re.I if event_type != "mechanism" else 0), event_type, cameo, rule, role))
    return rows


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)", text):
        spans.append(m.span())
    return spans


def find(text: str) -> list[Trigger]:
    """One trigger per (event type, role) in the sentence, outside quotation marks."""
    quoted = _quoted_spans(text)
    taken: list[tuple[int, int]] = []
    found: dict[tuple[str, str], Trigger] = {}
    for pattern, event_type, cameo, rule, role in table():
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(qs <= s < qe for qs, qe in quoted) or any(ts < e and s < te for ts, te in taken):
                continue
            taken.append((s, e))
            key = (event_type, role)
            first = found.get(key)
            if first is not None and re.search(r",\s+and\b|;\s", text[min(first.end, s):max(first.start, e)]) and (event_type, role, 2) not in found:
                # "met X the same day, and yesterday was received by Y": a second event of the kind
                found[(event_type, role, 2)] = Trigger(s, e, event_type, cameo, rule, role, m.group(0))
                continue
            if first is None:
                found[key] = Trigger(s, e, event_type, cameo, rule, role, m.group(0))
            elif s < first.start:
                # The earliest words anchor the mention (its date and place follow them); the
                # most specific row (first in the table) names its CAMEO code and rule.
                found[key] = Trigger(s, e, event_type, first.cameo_code, first.rule, role, m.group(0))
    mech = found.get(("mechanism", "event"))
    meet = found.get(("meeting", "event"))
    if mech and meet and meet.start < mech.start and re.search(r"\b(?:for|at|during)\s+the\s+(?:\w+\s+){0,6}$", text[meet.end:mech.start]) \
            and not re.search(r"[,;]\s+(?:and\s+)?(?:then\s+)?\w+ed\b", text[meet.end:mech.start]):
        del found[("meeting", "event")]  # "met X in Canberra for the 12th … Strategic Dialogue": the meeting is the session
    if len(found) > 1 and ("meeting", "event") in found and found[("meeting", "event")].rule == "meeting on the sidelines":
        del found[("meeting", "event")]  # "signed … on the sidelines of the Roundtable": where the signing was
    return sorted(found.values(), key=lambda t: t.start)
