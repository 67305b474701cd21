"""Scoring drafts against gold rows (issue 17's matching).

An event matches on type, date (equal, or the same month when either is given
only to the month), the pair (ordered for visits: the traveller first; either
order otherwise) and ``part_of`` (both empty, or parents that match the same
way). A position matches on actor, topic, stance and target. Matching is one to
one; precision is the share of drafted rows that match a gold row, recall the
share of gold rows matched.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Score:
    kind: str
    matched: int
    drafted: int
    gold: int
    missed: list = field(default_factory=list)      # gold rows not found
    extra: list = field(default_factory=list)       # drafted rows matching no gold row

    @property
    def precision(self) -> float | None:
        return self.matched / self.drafted if self.drafted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None


def read_rows(path: Path) -> list[dict]:
    if not Path(path).exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [dict(r) for r in csv.DictReader(f)]


def _dates_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 7 or len(b) == 7:
        return a[:7] == b[:7]
    return False


def _pair(r: dict):
    a, b = r.get("actor1_country", ""), r.get("actor2_country", "")
    return (a, b) if r.get("event_type") == "visit" else frozenset((a, b))


def _parent(r: dict, index: dict) -> dict | None:
    ref = r.get("part_of") or r.get("dataset_part_of") or ""
    return index.get(ref) if ref else None


def events_match(d: dict, g: dict, d_index: dict, g_index: dict, depth: int = 0) -> bool:
    if d.get("event_type") != g.get("event_type") or _pair(d) != _pair(g):
        return False
    if not _dates_match(d.get("date", ""), g.get("date", "")):
        return False
    dp, gp = _parent(d, d_index), _parent(g, g_index)
    has_d = bool(d.get("part_of") or d.get("dataset_part_of"))
    if has_d != bool(g.get("part_of")):
        return False
    if dp is None or gp is None or depth > 3:
        return dp is None and gp is None or depth > 3
    return events_match(dp, gp, d_index, g_index, depth + 1)


def positions_match(d: dict, g: dict) -> bool:
    return all((d.get(c) or "") == (g.get(c) or "") for c in ("actor_country", "topic", "stance", "target_country"))


def _match(kind: str, drafted: list[dict], gold: list[dict], same) -> Score:
    used: set[int] = set()
    missed = []
    for g in gold:
        hit = next((i for i, d in enumerate(drafted) if i not in used and same(d, g)), None)
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
    extra = [d for i, d in enumerate(drafted) if i not in used]
    return Score(kind, len(used), len(drafted), len(gold), missed, extra)


def score_events(drafted: list[dict], gold: list[dict], context: list[dict] = ()) -> Score:
    """``context``: events the drafts' ``dataset_part_of`` may name (the dataset they were drafted for)."""
    d_index = {r["event_id"]: r for r in list(context) + list(drafted)}
    g_index = {r["event_id"]: r for r in gold}
    return _match("events", drafted, gold, lambda d, g: events_match(d, g, d_index, g_index))


def score_positions(drafted: list[dict], gold: list[dict]) -> Score:
    return _match("positions", drafted, gold, positions_match)


def must_not_drafted(rows: list[dict], must_not: list[dict]) -> list[tuple[dict, dict]]:
    """(must-not entry, row) for each drafted row quoting a sentence that must give none.

    ``forbid`` is ``rows`` (no row may quote the fragment) or ``XXX:stance`` (no position of
    that actor and stance may quote it: a request is not the other side's support)."""
    found = []
    for m in must_not:
        for r in rows:
            if m["fragment"] not in (r.get("source_quote") or ""):
                continue
            if m["forbid"] == "rows":
                found.append((m, r))
            elif ":" in m["forbid"] and m["forbid"].split(":")[0].islower():  # "visit:IDN": no such event by IDN
                kind, actor = m["forbid"].split(":", 1)
                if r.get("event_type") == kind and r.get("actor1_country") == actor:
                    found.append((m, r))
            elif ":" in m["forbid"]:
                actor, stance = m["forbid"].split(":", 1)
                if r.get("actor_country") == actor and r.get("stance") == stance:
                    found.append((m, r))
    return found
