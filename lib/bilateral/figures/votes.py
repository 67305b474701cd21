"""Alignment of two states in UN General Assembly roll-call votes (DESIGN notes:
docs/unga.md). Pure functions: tidy DataFrames in, figures out; no I/O, no plots.

The inputs are the tables of an ``import unvotes`` store (``store.unga`` reads them):
``votes`` (``date``, ``rcid``, ``country`` alpha-3, ``vote`` yes/abstain/no),
``roll_calls`` (``rcid``, ``date``, ``unres``, ``short``) and ``issues`` (``rcid``,
``issue``). A window is two days, both included. The order of the pair only
decides which side is called A: every figure is keyed by country code.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

VOTES = ("yes", "abstain", "no")
ISSUES = {  # the unvotes issue ids and their labels, in the order a briefing lists them
    "palestinian_conflict": "Palestinian conflict", "nuclear_weapons": "Nuclear weapons",
    "arms_control": "Arms control and disarmament", "colonialism": "Colonialism",
    "human_rights": "Human rights", "economic_development": "Economic development",
}
ISSUE_PHRASES = {  # as a sentence names them
    "palestinian_conflict": "the Palestinian conflict", "nuclear_weapons": "nuclear weapons",
    "arms_control": "arms control and disarmament", "colonialism": "colonialism", "human_rights": "human rights",
    "economic_development": "economic development",
}
P5 = ("CHN", "FRA", "GBR", "RUS", "USA")
MIN_JOINT = 50           # pairs counted in the all-pairs percentile: at least this many joint votes
MIN_JOINT_YEAR = 10      # pairs counted in a year's all-pairs median
DEFAULT_YEARS = 10       # the default window: the last ten calendar years with votes on record
LATEST = 5               # roll calls listed under latest_opposed


def _day(value) -> pd.Timestamp:
    return pd.Timestamp(value)


def default_window(vote_days: pd.Series, end: dt.date | None = None,
                   years: int = DEFAULT_YEARS) -> tuple[dt.date, dt.date]:
    """The last ``years`` calendar years with votes on record up to ``end`` (default:
    the last vote): from 1 January of the earliest of them to ``end``."""
    days = pd.to_datetime(pd.Series(vote_days))
    if end is None:
        end = days.max().date() if len(days) else dt.date.today()
    on_record = sorted(set(days[days <= _day(end)].dt.year))
    first_year = on_record[-years] if len(on_record) >= years else (on_record[0] if on_record else end.year)
    return dt.date(first_year, 1, 1), end


def covered(record: tuple[dt.date, dt.date], start: dt.date, end: dt.date) -> str:
    """``full``, ``partial`` or ``none``: how much of the window the record spans."""
    first, last = record
    if end < first or start > last:
        return "none"
    return "full" if first <= start and end <= last else "partial"


def joint_votes(votes: pd.DataFrame, pair: tuple[str, str], start: dt.date | None = None,
                end: dt.date | None = None) -> pd.DataFrame:
    """One row per roll call on which both voted in the window: rcid, date, and each
    side's vote in a column named by its code; newest last."""
    a, b = pair
    v = votes
    if start is not None:
        v = v[v["date"] >= _day(start)]
    if end is not None:
        v = v[v["date"] <= _day(end)]
    left = v.loc[v["country"] == a, ["rcid", "date", "vote"]].rename(columns={"vote": a})
    right = v.loc[v["country"] == b, ["rcid", "vote"]].rename(columns={"vote": b})
    joint = left.merge(right, on="rcid", how="inner")
    return joint.sort_values(["date", "rcid"], kind="mergesort").reset_index(drop=True)


def kappa(x: pd.Series, y: pd.Series) -> float | None:
    """Cohen's kappa of two equally long series of yes/abstain/no: observed agreement
    against the agreement expected from each side's own shares of the three values
    on these votes. None with no votes or when the expected agreement is 1."""
    n = len(x)
    if n == 0:
        return None
    x, y = np.asarray(x), np.asarray(y)
    agree = int((x == y).sum())
    # expected agreement times n²: Σ over values of (x's count)·(y's count), in integers
    expected = sum(int((x == v).sum()) * int((y == v).sum()) for v in VOTES)
    if expected == n * n:
        return None
    return (agree * n - expected) / (n * n - expected)


def counts(joint: pd.DataFrame, pair: tuple[str, str]) -> dict:
    """joint, agree, agreement, opposed, kappa and each side's votes on the joint roll calls."""
    a, b = pair
    n = len(joint)
    same = int((joint[a] == joint[b]).sum()) if n else 0
    opposed = int((((joint[a] == "yes") & (joint[b] == "no")) | ((joint[a] == "no") & (joint[b] == "yes"))).sum()) \
        if n else 0
    return {"joint": n, "agree": same, "agreement": same / n if n else None, "opposed": opposed,
            "kappa": kappa(joint[a], joint[b]) if n else None,
            "votes": {side: {v: int((joint[side] == v).sum()) if n else 0 for v in VOTES} for side in pair}}


def by_issue(joint: pd.DataFrame, issues: pd.DataFrame, pair: tuple[str, str]) -> dict:
    """Joint votes and agreement per issue; a roll call counts under each of its issues."""
    a, b = pair
    tagged = joint.merge(issues[["rcid", "issue"]], on="rcid", how="inner")
    out = {}
    for issue in ISSUES:
        sel = tagged[tagged["issue"] == issue]
        n = len(sel)
        out[issue] = {"joint": n, "agreement": float((sel[a] == sel[b]).sum()) / n if n else None}
    return out


def by_year(joint: pd.DataFrame, pair: tuple[str, str], start: dt.date, end: dt.date) -> dict:
    """Joint votes and agreement per calendar year from ``start``'s year to ``end``'s, zeros included."""
    a, b = pair
    years = joint["date"].dt.year
    same = (joint[a] == joint[b])
    n = years.value_counts()
    agree = same.groupby(years).sum()
    out = {}
    for year in range(start.year, end.year + 1):
        k = int(n.get(year, 0))
        out[str(year)] = {"joint": k, "agreement": float(agree.get(year, 0)) / k if k else None}
    return out


def p5_context(votes: pd.DataFrame, pair: tuple[str, str], start: dt.date, end: dt.date) -> dict:
    """Each side's agreement with each permanent member of the Security Council in the
    window (None without joint votes); a side that is itself one is not compared with itself."""
    v = votes[(votes["date"] >= _day(start)) & (votes["date"] <= _day(end))
              & votes["country"].isin(set(pair) | set(P5))]
    wide = v.pivot(index="rcid", columns="country", values="vote")  # one vote per state and roll call
    out = {}
    for side in pair:
        row = {}
        for member in P5:
            if member == side:
                continue
            if side not in wide or member not in wide:
                row[member] = None
                continue
            both = wide[side].notna() & wide[member].notna()
            n = int(both.sum())
            row[member] = float((wide.loc[both, side] == wide.loc[both, member]).sum()) / n if n else None
        out[side] = row
    return out


def latest_opposed(joint: pd.DataFrame, roll_calls: pd.DataFrame, pair: tuple[str, str],
                   n: int = LATEST) -> list[dict]:
    """The most recent roll calls on which one side voted yes and the other no, newest first."""
    a, b = pair
    sel = joint[((joint[a] == "yes") & (joint[b] == "no")) | ((joint[a] == "no") & (joint[b] == "yes"))]
    sel = sel.sort_values(["date", "rcid"], ascending=False, kind="mergesort").head(n)
    info = roll_calls.set_index("rcid")
    out = []
    for r in sel.itertuples(index=False):
        row = r._asdict()
        rc = info.loc[row["rcid"]]
        out.append({"rcid": int(row["rcid"]), "date": row["date"].date().isoformat(),
                    "unres": None if pd.isna(rc["unres"]) else str(rc["unres"]),
                    "short": None if pd.isna(rc["short"]) else str(rc["short"]).strip(),
                    a: row[a], b: row[b]})
    return out


def figures(votes: pd.DataFrame, roll_calls: pd.DataFrame, issues: pd.DataFrame, pair: tuple[str, str],
            start: dt.date, end: dt.date, record: tuple[dt.date, dt.date]) -> dict:
    """Every figure of the pair in the window (the all-pairs context comes from
    ``unga_store.all_pairs``, which is one query over the whole store)."""
    joint = joint_votes(votes, pair, start, end)
    last_year = min(end, record[1]) if start <= record[1] else end
    return {
        "pair": "-".join(pair), "start": start.isoformat(), "end": end.isoformat(),
        "record": {"first": record[0].isoformat(), "last": record[1].isoformat()},
        "covered": covered(record, start, end),
        **counts(joint, pair),
        "by_issue": by_issue(joint, issues, pair),
        "by_year": by_year(joint, pair, start, last_year),
        "context": {"p5": p5_context(votes, pair, start, end)},
        "latest_opposed": latest_opposed(joint, roll_calls, pair),
    }


def yearly_median(votes: pd.DataFrame, min_joint: int = MIN_JOINT_YEAR) -> pd.DataFrame:
    """Per calendar year, the median agreement of all pairs of states with at least
    ``min_joint`` joint votes that year (columns year, median, pairs; median null
    when no pair qualifies).

    Vectorised per year, not a loop over pairs: with M_v the roll calls × states
    matrix of votes equal to v and P that of votes cast, a year's joint votes are
    P'P and its identical votes Σ_v M_v'M_v."""
    columns = {"year": pd.Series(dtype="int64"), "median": pd.Series(dtype="float64"),
               "pairs": pd.Series(dtype="int64")}
    if votes.empty:
        return pd.DataFrame(columns)
    year = pd.to_datetime(votes["date"]).dt.year.to_numpy()
    state, states = pd.factorize(votes["country"])
    call, _ = pd.factorize(votes["rcid"])
    value = pd.Categorical(votes["vote"], categories=VOTES).codes.astype(np.int64)
    order = np.argsort(year, kind="stable")
    year, state, call, value = year[order], state[order], call[order], value[order]
    bounds = np.flatnonzero(np.diff(year)) + 1
    upper = np.triu_indices(len(states), k=1)
    rows = []
    for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, len(year)]):
        calls, r = np.unique(call[lo:hi], return_inverse=True)
        c, v = state[lo:hi], value[lo:hi]
        m = np.zeros((len(VOTES) * len(calls), len(states)), dtype=np.float32)
        m[v * len(calls) + r, c] = 1.0  # the three M_v stacked; counts below 2^24 are exact in float32
        present = m.reshape(len(VOTES), len(calls), len(states)).sum(axis=0)
        joint = np.dot(np.ascontiguousarray(present.T), present)[upper]
        agree = np.dot(np.ascontiguousarray(m.T), m)[upper]
        keep = joint >= min_joint
        rows.append({"year": int(year[lo]), "median": float(np.median(agree[keep] / joint[keep])) if keep.any()
                     else None, "pairs": int(keep.sum())})
    return pd.DataFrame(rows).astype({"year": "int64", "median": "float64", "pairs": "int64"})
