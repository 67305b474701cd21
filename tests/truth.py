"""The truth check of footnoted sentences: every figure a sentence states is recomputed from
exactly the rows it cites (found by id in the dataset's tables) and compared with the value
the sentence was written from and with the words that state it.

The recomputation is written here, from DESIGN.md section 3, not borrowed from the library,
so that a sentence citing the wrong rows, or a row gone from the data, fails.
"""
from __future__ import annotations

import datetime as dt
import statistics

import pandas as pd

HIGH = {"head_of_state", "head_of_government", "minister"}
WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _rows(frame: pd.DataFrame, id_column: str, ids: list[str]) -> list[dict]:
    """The cited rows that exist, as dicts (a row gone from the data is simply not found)."""
    if frame.empty:
        return []
    found = frame[frame[id_column].astype(str).isin([str(i) for i in ids])]
    return found.to_dict("records")


def _day(value) -> dt.date:
    return pd.Timestamp(value).date()


def _counted_in_window(r: dict, pair: set[str], start: str, end: str) -> bool:
    """A counted engagement of the pair in the window (both days inclusive; the row's whole period inside)."""
    return ({r["actor1_country"], r["actor2_country"]} == pair and pd.isna(r["part_of"])
            and _day(r["first_day"]) >= dt.date.fromisoformat(start) and _day(r["last_day"]) <= dt.date.fromisoformat(end)
            and not (bool(r.get("machine_coded")) and r.get("quad_class") in (3, 4)))


def _status(sa, ta, side_a, sb, tb, side_b) -> str:
    """DESIGN.md section 3's alignment status of two stances."""
    if sa is None or sb is None:
        return "one-sided"
    sa, sb = ("interest" if s == "attained" else s for s in (sa, sb))
    if sa == sb and sa in ("support", "oppose"):
        return "aligned"
    if {sa, sb} == {"interest", "support"}:
        supporter, target = (side_a, ta) if sa == "support" else (side_b, tb)
        return "other" if target == supporter else "aligned"
    if {sa, sb} in ({"support", "oppose"}, {"interest", "oppose"}):
        return "divergent"
    return "other"


def _by_topic(positions: list[dict], pair: list[str]) -> dict[str, dict[str, dict]]:
    out: dict[str, dict[str, dict]] = {}
    for p in positions:
        out.setdefault(p["topic"], {})[p["actor_country"]] = p
    return out


def _statuses(positions: list[dict], pair: list[str]) -> dict[str, str]:
    a, b = pair
    out = {}
    for topic, sides in _by_topic(positions, pair).items():
        pa, pb = sides.get(a), sides.get(b)
        target = lambda p: None if p is None or pd.isna(p["target_country"]) else p["target_country"]  # noqa: E731
        out[topic] = _status(pa and pa["stance"], target(pa), a, pb and pb["stance"], target(pb), b)
    return out


def recompute(c: dict, ds, pair: list[str]):
    """The claim's figure, from the rows it cites."""
    fig, params = c["figure"], c.get("params") or {}
    events = _rows(ds.events, "event_id", c["rows"].get("events", []))
    positions = _rows(ds.positions, "position_id", c["rows"].get("positions", []))
    sources = _rows(ds.sources, "source_id", c["rows"].get("sources", []))
    both = set(pair)
    if fig == "engagements":
        return len([r for r in events if _counted_in_window(r, both, params["start"], params["end"])])
    if fig == "friction":
        return len([r for r in events if {r["actor1_country"], r["actor2_country"]} == both and pd.isna(r["part_of"])
                    and bool(r.get("machine_coded")) and r.get("quad_class") in (3, 4)
                    and _day(r["first_day"]) >= dt.date.fromisoformat(params["start"])
                    and _day(r["last_day"]) <= dt.date.fromisoformat(params["end"])])
    if fig == "high_level":
        return len([r for r in events if _counted_in_window(r, both, params["start"], params["end"]) and r["level"] in HIGH])
    if fig == "visits":
        return len([r for r in events if _counted_in_window(r, both, params["start"], params["end"])
                    and r["event_type"] == "visit" and r["actor1_country"] == params["traveller"]
                    and r["actor2_country"] == params["host"]])
    if fig in ("last_high_level", "days_since"):
        dated = [r for r in events if r["level"] in HIGH and r["precision"] == "day"
                 and _day(r["first_day"]) <= dt.date.fromisoformat(params["as_of"])]
        if not dated:
            return None
        last = max(_day(r["first_day"]) for r in dated)
        return last.isoformat() if fig == "last_high_level" else (dt.date.fromisoformat(params["as_of"]) - last).days
    if fig in ("median_days_between_high_level", "high_level_days"):
        days = sorted({_day(r["first_day"]) for r in events if r["level"] in HIGH and r["precision"] == "day"})
        if fig == "high_level_days":
            return len(days)
        gaps = [(y - x).days for x, y in zip(days, days[1:])]
        return float(statistics.median(gaps)) if gaps else None
    statuses = _statuses(positions, pair)
    if fig == "topics_with_stance":
        return len(statuses)
    if fig == "aligned_topics":
        return sum(s == "aligned" for s in statuses.values())
    if fig == "divergent_topics":
        return sum(s == "divergent" for s in statuses.values())
    if fig == "one_sided_topics":
        return sum(s == "one-sided" for s in statuses.values())
    if fig == "topics_both_sides":
        return sum(len(sides) == 2 for sides in _by_topic(positions, pair).values())
    if fig == "open_items":
        return len([p for p in positions if p["stance"] in ("interest", "attained")])
    if fig == "backed_items":
        return len([p for p in positions if p["stance"] == "support" and p["target_country"] in both
                    and p["target_country"] != p["actor_country"]])
    if fig == "reciprocal_support":
        if len(positions) != 2:
            return None
        p, q = sorted(positions, key=lambda r: c["value"].index(r["position_id"]))
        mutual = (p["stance"] == q["stance"] == "support" and p["target_country"] == q["actor_country"]
                  and q["target_country"] == p["actor_country"])
        return [p["position_id"], q["position_id"]] if mutual else None
    if fig == "change":
        found = events or positions or sources
        return c["value"] if found or not any(c["rows"].values()) else None
    if fig in ("unga", "levels_unknown"):
        return c["value"]  # not computed from the dataset's rows (a basis or no row at all)
    raise AssertionError(f"no recomputation for figure {fig!r}")


def said_forms(value) -> set[str]:
    """How a sentence may state a value."""
    if value is None:
        return set()
    if isinstance(value, str):
        try:
            d = dt.date.fromisoformat(value)
            return {f"{d.day} {d:%B %Y}"}
        except ValueError:
            return {value}
    if isinstance(value, float):
        return {f"{value:g}"}
    if isinstance(value, int):
        forms = {str(value), f"{value:,}"}
        if 0 <= value < len(WORDS):
            forms |= {WORDS[value], WORDS[value].capitalize()}
        forms |= {0: {"none", "No", "no", "the as-of date itself"}, 1: {"once", "at ministerial level"},
                  2: {"twice", "both"}}.get(value, {f"{WORDS[value] if value < len(WORDS) else value} times", "all"})
        return forms
    return set()


def check(sentence: dict, ds, pair: list[str], previous_total: dict | None = None) -> list[str]:
    """Every problem of one sentence: a figure the cited rows do not give, words that do not state it."""
    problems = []
    text = sentence["text"]
    for c in sentence["claims"]:
        got = recompute(c, ds, pair)
        if got != c["value"]:
            problems.append(f"{c['figure']}: the sentence states {c['value']!r}, its rows give {got!r}: {text}")
        said = c.get("said") or ""
        if said and said not in text:
            problems.append(f"{c['figure']}: {said!r} is not in the sentence: {text}")
        forms = said_forms(c["value"])
        if said and forms and not any(f in said for f in forms) and c["figure"] not in ("divergent_topics", "one_sided_topics", "backed_items"):
            problems.append(f"{c['figure']}: {said!r} does not state {c['value']!r}")
        if not any(c["rows"].values()) and not (c.get("searched") or c.get("basis")):
            problems.append(f"{c['figure']}: rests on no row and names no table searched: {text}")
    cited = {k: set(v) for k, v in sentence["rows"].items()}
    for c in sentence["claims"]:
        for kind, ids in c["rows"].items():
            if not set(ids) <= cited.get(kind, set()):
                problems.append(f"{c['figure']}: rows {sorted(set(ids) - cited.get(kind, set()))} are not in the sentence's rows")
    return problems


def check_all(sentences: list[dict], ds, pair: list[str]) -> list[str]:
    return [p for s in sentences for p in check(s, ds, pair)]
