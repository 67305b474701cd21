"""Alignment: where the two sides stand, topic by topic (DESIGN.md section 3).

Pure functions over the positions table (and, for the topics discussed without a
recorded stance, the events table). Results never depend on the pair's order:
the pair only chooses which side is named first.
"""
from __future__ import annotations

import pandas as pd

from ..contract import vocab
from ..contract.dates import quarter_label
from .engagement import Pair, Window, in_window, pair_events, quarter_labels

STATUSES = ("aligned", "divergent", "one-sided", "other")


def side_positions(positions: pd.DataFrame, pair: Pair, window: Window) -> pd.DataFrame:
    """The two sides' positions in the window whose target is empty or one of the two."""
    a, b = pair
    pos = positions[positions["actor_country"].isin([a, b])
                    & (positions["target_country"].isna() | positions["target_country"].isin([a, b]))]
    pos = in_window(pos, window).copy()
    pos["_row"] = range(len(pos))  # file order, for ties
    return pos


def latest_stances(positions: pd.DataFrame, pair: Pair, window: Window) -> pd.DataFrame:
    """Each side's latest position per topic: by date (a partial date sorts by its
    last day), ties to the later row. One row per (topic, side)."""
    pos = side_positions(positions, pair, window)
    pos = pos.sort_values(["last_day", "_row"], kind="mergesort")
    return pos.groupby(["topic", "actor_country"], sort=True).tail(1).drop(columns="_row")


def status(stance_a: str | None, target_a: str | None, side_a: str,
           stance_b: str | None, target_b: str | None, side_b: str) -> str:
    """The alignment status of two stances on one topic (None: no stance)."""
    if stance_a is None or stance_b is None:
        return "one-sided"
    # An attained bid stands where the bid stood: backed, it was aligned; opposed, divergent.
    stance_a, stance_b = ("interest" if s == "attained" else s for s in (stance_a, stance_b))
    pair = {stance_a, stance_b}
    if stance_a == stance_b and stance_a in ("support", "oppose"):
        return "aligned"
    if pair == {"interest", "support"}:
        # The supporter backs the other side's interest (or the topic at large),
        # not an interest of its own that the other side merely shares.
        supporter, target = (side_a, target_a) if stance_a == "support" else (side_b, target_b)
        return "other" if target == supporter else "aligned"
    if pair in ({"support", "oppose"}, {"interest", "oppose"}):
        return "divergent"
    return "other"


def topics(positions: pd.DataFrame, pair: Pair, window: Window) -> pd.DataFrame:
    """The per-topic table: one row per topic with a position of either side.

    Columns ``topic``, ``label``, the two sides' stances (named by their codes),
    ``status``, ``evidence`` (position ids, oldest first) and, for the briefing,
    each side's position id.
    """
    a, b = pair
    latest = latest_stances(positions, pair, window)
    rows = []
    for topic, group in latest.groupby("topic", sort=False):
        by_side = {r["actor_country"]: r for _, r in group.iterrows()}
        ra, rb = by_side.get(a), by_side.get(b)

        def pick(r, col):
            return None if r is None or pd.isna(r[col]) else str(r[col])

        evidence = sorted((r for r in (ra, rb) if r is not None),
                          key=lambda r: (r["last_day"], r["position_id"]))
        rows.append({
            "topic": topic,
            "label": vocab.label(vocab.TOPICS, topic),
            a: pick(ra, "stance"),
            b: pick(rb, "stance"),
            "status": status(pick(ra, "stance"), pick(ra, "target_country"), a,
                             pick(rb, "stance"), pick(rb, "target_country"), b),
            "evidence": [str(r["position_id"]) for r in evidence],
            f"{a}_position": pick(ra, "position_id"),
            f"{b}_position": pick(rb, "position_id"),
        })
    order = {t: i for i, t in enumerate(vocab.TOPICS)}
    frame = pd.DataFrame(rows, columns=["topic", "label", a, b, "status", "evidence",
                                        f"{a}_position", f"{b}_position"])
    status_rank = {s: i for i, s in enumerate(STATUSES)}
    return frame.sort_values(by=["status", "topic"],
                             key=lambda s: s.map(status_rank) if s.name == "status" else s.map(order),
                             kind="mergesort").reset_index(drop=True)


def counts(table: pd.DataFrame) -> dict[str, int]:
    return {s: int((table["status"] == s).sum()) for s in STATUSES}


def reciprocal_support(positions: pd.DataFrame, pair: Pair, window: Window) -> list[list[str]]:
    """Pairs ``[p, q]``: one side supports an interest of the other (target: the other)
    and the other supports one of the first's, each side's latest stance per topic.

    Each pair names the position of the side with the alphabetically first code
    first, so the pair's order changes nothing.
    """
    latest = latest_stances(positions, pair, window)
    support = latest[latest["stance"] == "support"]
    first, second = sorted(pair)
    p_first = support[(support["actor_country"] == first) & (support["target_country"] == second)]
    p_second = support[(support["actor_country"] == second) & (support["target_country"] == first)]
    return [[str(p), str(q)] for p in sorted(p_first["position_id"]) for q in sorted(p_second["position_id"])]


def topics_over_time(positions: pd.DataFrame, pair: Pair, window: Window) -> dict[str, dict[str, list[str]]]:
    """Per quarter of the window, the topics each side took a position on.

    A position dated only to a year has no quarter and is left out here.
    """
    pos = side_positions(positions, pair, window)
    pos = pos[pos["precision"] != "year"]
    out: dict[str, dict[str, list[str]]] = {q: {side: set() for side in pair} for q in quarter_labels(window)}
    for day, side, topic in zip(pos["first_day"], pos["actor_country"], pos["topic"]):
        out[quarter_label(day.date())][side].add(topic)
    return {q: {side: sorted(topics) for side, topics in sides.items()} for q, sides in out.items()}


def discussed_without_positions(events: pd.DataFrame, positions: pd.DataFrame, pair: Pair,
                                window: Window) -> list[str]:
    """Topics the pair's events in the window touched on with no stance recorded
    for either side (the Ukraine conflict at Kampala, say): discussed, not aligned."""
    ev = in_window(pair_events(events, pair), window)
    discussed = {t.strip() for ts in ev["topics"].dropna() for t in str(ts).split(";") if t.strip()}
    stated = set(side_positions(positions, pair, window)["topic"])
    order = list(vocab.TOPICS)
    return sorted(discussed - stated, key=lambda t: order.index(t) if t in order else len(order))


def _none(value):
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def figures(events: pd.DataFrame, positions: pd.DataFrame, pair: Pair, window: Window) -> dict:
    table = topics(positions, pair, window)
    a, b = pair
    return {
        "topics": [{"topic": r["topic"], a: _none(r[a]), b: _none(r[b]), "status": r["status"],
                    "evidence": list(r["evidence"])} for r in table.to_dict("records")],
        "counts": counts(table),
        "reciprocal_support": reciprocal_support(positions, pair, window),
        "topics_over_time": topics_over_time(positions, pair, window),
        "discussed_without_positions": discussed_without_positions(events, positions, pair, window),
    }
