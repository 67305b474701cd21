"""Editions: what changed between two briefings of the same pair.

Pure functions. ``compare(old, new)`` takes two sidecars (the JSON a render writes
beside its report) and returns a tidy comparison: events and sources added and
removed (by id, with their one-line summary), stances changed, figures moved, and a
line for each window or data difference that makes the figures not comparable.
The briefing's "What changed since the last briefing" section, its at-a-glance
sentence and ``bilateral diff`` all read this one comparison; ``briefing.what_changed``
puts it in words.

``rows_record`` writes the part of a sidecar the comparison needs beyond the
summary figures: the window's events, the dataset's sources and each side's
latest stance with its quote.
"""
from __future__ import annotations

import pandas as pd

REQUIRED = ("pair", "summary", "rendered_at")


class NotASidecar(ValueError):
    """The JSON is not a briefing sidecar; the message says why, in a few words."""


def _text(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def rows_record(events: pd.DataFrame, positions: pd.DataFrame, sources: pd.DataFrame, summary: dict) -> dict:
    """The rows a later edition is compared on. ``events``: the pair's events in the window
    (the timeline's rows); ``positions``: the dataset's positions (the summary's evidence
    picks each side's latest); ``sources``: every source of the dataset."""
    by_id = {str(r["position_id"]): r for r in positions.to_dict("records")} if len(positions) else {}
    a, b = summary["pair"].split("-")
    stances = []
    for t in summary["alignment"]["topics"]:
        for pid in t["evidence"]:
            p = by_id.get(pid)
            if p is None:
                continue
            stances.append({"topic": t["topic"], "side": p["actor_country"], "stance": p["stance"],
                            "target": _text(p.get("target_country")), "position_id": pid,
                            "summary": _text(p.get("summary")), "quote": _text(p.get("source_quote"))})
    return {
        "events": [{"id": str(r["event_id"]), "date": str(r["date"]), "summary": _text(r["summary"]) or "",
                    "counted": bool(pd.isna(r["part_of"]))} for r in events.to_dict("records")],
        "sources": [{"id": str(r["source_id"]), "title": _text(r["title"]) or ""} for r in sources.to_dict("records")],
        "stances": stances,
        "sides": [a, b],
    }


def check(side, name: str = "sidecar") -> dict:
    """``side`` if it is a sidecar, else ``NotASidecar`` saying what is missing."""
    if not isinstance(side, dict):
        raise NotASidecar(f"{name}: not a briefing sidecar (a JSON object with pair, summary and rendered_at)")
    missing = [k for k in REQUIRED if k not in side]
    s = side.get("summary")
    if missing or not isinstance(s, dict) or not all(k in s for k in ("start", "end", "engagement", "alignment")):
        what = ", ".join(missing) if missing else "its summary's figures"
        raise NotASidecar(f"{name}: not a briefing sidecar (no {what})")
    return side


def same_pair(old: dict, new: dict) -> bool:
    """The order of a pair changes labels, never which pair it is."""
    return sorted(old["pair"].split("-")) == sorted(new["pair"].split("-"))


def _edition(side: dict) -> dict:
    s = side["summary"]
    return {"rendered_at": side.get("rendered_at"), "pair": side["pair"], "start": s["start"], "end": s["end"],
            "as_of": s["as_of"], "dataset": (side.get("dataset") or {}).get("name"),
            "checksum": (side.get("data") or {}).get("checksum")}


def _not_comparable(old: dict, new: dict) -> list[dict]:
    out = []
    o, n = old["summary"], new["summary"]
    if (o["start"], o["end"]) != (n["start"], n["end"]):
        out.append({"what": "window", "old": f"{o['start']} to {o['end']}", "new": f"{n['start']} to {n['end']}"})
    elif o["as_of"] != n["as_of"]:
        out.append({"what": "as_of", "old": o["as_of"], "new": n["as_of"]})
    od, nd = ((side.get("dataset") or {}).get("name") for side in (old, new))
    if od != nd:
        out.append({"what": "dataset", "old": od, "new": nd})
    if bool(o.get("machine_coded")) != bool(n.get("machine_coded")):
        kind = lambda s: "machine-coded" if s.get("machine_coded") else "curated"  # noqa: E731
        out.append({"what": "kind of data", "old": kind(o), "new": kind(n)})
    return out


def _added_removed(old: list[dict] | None, new: list[dict] | None) -> dict:
    if old is None or new is None:
        return {"added": [], "removed": [], "unknown": True}
    old_ids, new_ids = {r["id"] for r in old}, {r["id"] for r in new}
    return {"added": [r for r in new if r["id"] not in old_ids],
            "removed": [r for r in old if r["id"] not in new_ids], "unknown": False}


def _stances(old: dict, new: dict) -> list[dict]:
    """Each side's latest stance per topic that differs (a stance that appeared or went is a change too)."""
    def table(side):
        rows = (side.get("rows") or {}).get("stances")
        if rows is not None:
            return {(r["topic"], r["side"]): r for r in rows}
        out = {}  # an older sidecar without rows: the summary's stances, without quotes
        for t in side["summary"]["alignment"]["topics"]:
            for code in side["pair"].split("-"):
                if t.get(code):
                    out[(t["topic"], code)] = {"topic": t["topic"], "side": code, "stance": t[code], "position_id": None,
                                               "summary": None, "quote": None, "target": None}
        return out

    o, n = table(old), table(new)
    changes = []
    for key in sorted(set(o) | set(n)):
        before, after = o.get(key), n.get(key)
        if before and after and (before["stance"], before.get("target")) == (after["stance"], after.get("target")):
            continue
        topic, side = key
        changes.append({"topic": topic, "side": side, "old": before["stance"] if before else None,
                        "new": after["stance"] if after else None,
                        "position_id": after["position_id"] if after else None,
                        "quote": after["quote"] if after else None, "summary": after["summary"] if after else None})
    return changes


def _figure(figures: list, name: str, label: str, old, new) -> None:
    if old != new:
        figures.append({"figure": name, "label": label, "old": old, "new": new})


def _figures(old: dict, new: dict) -> list[dict]:
    o, n = old["summary"], new["summary"]
    oe, ne = o["engagement"], n["engagement"]
    out: list[dict] = []
    _figure(out, "engagement.total", "engagements in the window", oe["total"], ne["total"])
    _figure(out, "engagement.high_level", "high-level contacts (ministerial or above)", oe.get("high_level"),
            ne.get("high_level"))
    last = lambda e: (e.get("last_high_level") or {}).get("date")  # noqa: E731
    _figure(out, "engagement.last_high_level", "last high-level contact", last(oe), last(ne))
    for direction in sorted(set(oe.get("visits") or {}) | set(ne.get("visits") or {})):
        _figure(out, f"engagement.visits.{direction}", f"visits {direction}", (oe.get("visits") or {}).get(direction, 0),
                (ne.get("visits") or {}).get(direction, 0))
    ot = {t["topic"]: t["status"] for t in o["alignment"]["topics"]}
    nt = {t["topic"]: t["status"] for t in n["alignment"]["topics"]}
    for topic in sorted(set(ot) | set(nt)):
        _figure(out, f"alignment.{topic}", f"alignment on {topic}", ot.get(topic), nt.get(topic))
    ou, nu = o.get("unga"), n.get("unga")
    if ou or nu:
        share = lambda u: None if not u or u.get("agreement") is None else round(u["agreement"], 4)  # noqa: E731
        _figure(out, "unga.agreement", "UN General Assembly agreement", share(ou), share(nu))
        _figure(out, "unga.joint", "UN General Assembly joint votes", (ou or {}).get("joint"), (nu or {}).get("joint"))
    return out


def compare(old: dict, new: dict) -> dict:
    """The tidy comparison of two sidecars of the same pair (``check`` them first)."""
    old_rows, new_rows = old.get("rows") or {}, new.get("rows") or {}
    events = _added_removed(old_rows.get("events"), new_rows.get("events"))
    sources = _added_removed(old_rows.get("sources"), new_rows.get("sources"))
    result = {
        "pair": new["pair"],
        "old": _edition(old),
        "new": _edition(new),
        "not_comparable": _not_comparable(old, new),
        "data_changed": (old.get("data") or {}).get("checksum") != (new.get("data") or {}).get("checksum"),
        "events": events,
        "sources": sources,
        "stances": _stances(old, new),
        "figures": _figures(old, new),
    }
    result["changed"] = bool(result["not_comparable"] or events["added"] or events["removed"] or sources["added"]
                             or sources["removed"] or result["stances"] or result["figures"])
    return result


def counts(c: dict) -> dict[str, int]:
    """How many changes of each kind: the at-a-glance sentence and the summary line count them."""
    return {"events added": len(c["events"]["added"]), "events removed": len(c["events"]["removed"]),
            "sources added": len(c["sources"]["added"]), "sources removed": len(c["sources"]["removed"]),
            "stances changed": len(c["stances"]), "figures moved": len(c["figures"]),
            "differences of window or data": len(c["not_comparable"])}


def most_important(c: dict) -> tuple[str, dict] | None:
    """The one change a reader must see first, as ``(kind, item)``: figures that are not
    comparable, then a changed stance, then a new high-level contact or event, a changed
    alignment status, a removed event, then sources; None when nothing changed."""
    if not c["changed"]:
        return None
    if c["not_comparable"]:
        return "not_comparable", c["not_comparable"][0]
    if c["stances"]:
        return "stance", c["stances"][0]
    if c["events"]["added"]:
        return "event_added", c["events"]["added"][0]
    moved = {f["figure"]: f for f in c["figures"]}
    status = [f for f in c["figures"] if f["figure"].startswith("alignment.")]
    if status:
        return "status", status[0]
    if c["events"]["removed"]:
        return "event_removed", c["events"]["removed"][0]
    if c["sources"]["added"]:
        return "source_added", c["sources"]["added"][0]
    if c["sources"]["removed"]:
        return "source_removed", c["sources"]["removed"][0]
    return "figure", next(iter(moved.values()))
