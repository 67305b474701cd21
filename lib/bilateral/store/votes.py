"""Reading a store of UN General Assembly votes (``bilateral import unvotes``) and the
one figure that needs every pair: the pair's percentile among all pairs of states,
computed as ONE DuckDB query over the Parquet store (no Python loop over pairs).

The shipped store is ``data/unga/store``; ``--votes DIR`` (or ``store=``) points at
another import of the same tables.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ..figures import votes as unga
from ..errors import BilateralError, ParameterError
from ..paths import DATA_DIR

DEFAULT_STORE = DATA_DIR / "unga" / "store"
VOTES_ENV = "BILATERAL_VOTES"  # set by --votes on render and batch: the briefing's kernel reads it
_PAIR = re.compile(r"^([A-Za-z]{3})-([A-Za-z]{3})$")


def store_path(store=None) -> Path:
    if store in (None, ""):
        store = os.environ.get(VOTES_ENV) or DEFAULT_STORE
    path = Path(store)
    if not (path / "manifest.json").is_file() or not (path / "votes.parquet").is_file():
        raise ParameterError(f"parameter 'votes': {str(path)!r} is not a store of UN votes (no manifest.json and "
                             "votes.parquet; build one with `bilateral import unvotes FILE... --out DIR`)")
    return path


def manifest(store=None) -> dict:
    path = store_path(store)
    try:
        data = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BilateralError(f"{path / 'manifest.json'}:1: unreadable: {exc}") from None
    if data.get("importer") != "unvotes":
        raise ParameterError(f"parameter 'votes': {str(path)!r} is a store of {data.get('importer')!r} data, "
                             "not of UN votes")
    return data


def record(store=None) -> tuple[dt.date, dt.date]:
    """The first and last day with a vote in the store."""
    m = manifest(store)
    return dt.date.fromisoformat(m["first_vote"]), dt.date.fromisoformat(m["last_vote"])


_ACTIVE = None  # the connection of the session in progress, if any


@contextmanager
def session():
    """One DuckDB connection for a run of reads (opening one costs ~0.1 s), closed at its
    end: a process that forks later (a render's notebook) never forks a live DuckDB."""
    global _ACTIVE
    if _ACTIVE is not None:
        yield
        return
    import duckdb

    _ACTIVE = duckdb.connect()
    try:
        yield
    finally:
        _ACTIVE.close()
        _ACTIVE = None


def _con():
    if _ACTIVE is not None:
        return _ACTIVE
    import duckdb

    return duckdb.connect()  # freed as soon as the statement's result is read


def countries(store=None) -> set[str]:
    path = store_path(store)
    return {r[0] for r in _con().execute(f"SELECT DISTINCT country FROM '{path / 'countries.parquet'}'").fetchall()}


def parse_pair(text: str, store=None) -> tuple[str, str]:
    """``IND-BLR`` → ("IND", "BLR"), each code a state with votes in the store (so
    historic codes such as CSK are accepted)."""
    m = _PAIR.match(str(text).strip())
    if not m:
        raise ParameterError(f"parameter 'pair': {text!r} is not two alpha-3 codes joined by '-', like IND-BLR")
    a, b = m.group(1).upper(), m.group(2).upper()
    if a == b:
        raise ParameterError(f"parameter 'pair': {text!r} names the same country twice")
    known = countries(store)
    for code in (a, b):
        if code not in known:
            raise ParameterError(f"parameter 'pair': {code!r} cast no vote in the UN General Assembly record")
    return a, b


def read_votes(store=None, only: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Votes (date, rcid, country, vote), of some states only when given."""
    path = store_path(store)
    sql = f"SELECT date::TIMESTAMP AS date, rcid, country, vote FROM '{path / 'votes.parquet'}'"
    if only:
        sql += " WHERE country IN (" + ", ".join("?" for _ in only) + ")"
    return _con().execute(sql, list(only or [])).df()


def read_roll_calls(store=None) -> pd.DataFrame:
    path = store_path(store)
    return _con().execute(f"SELECT rcid, date::TIMESTAMP AS date, unres, short FROM '{path / 'roll_calls.parquet'}'").df()


def read_yearly_median(store=None) -> pd.DataFrame:
    """Per year, the median agreement of all pairs with enough joint votes that year
    (``unga.yearly_median``, computed once by the import)."""
    path = store_path(store)
    return _con().execute(f"SELECT year, median, pairs, min_joint FROM '{path / 'yearly_median.parquet'}' "
                          "ORDER BY year").df()


def read_issues(store=None) -> pd.DataFrame:
    path = store_path(store)
    return _con().execute(f"SELECT rcid, issue FROM '{path / 'issues.parquet'}'").df()


# One query. Each state's votes in the window become bit strings over the roll calls
# (one for "voted", one per value); a pair's joint votes are the bits its two "voted"
# strings share and its identical votes the bits shared per value. The self-join is
# then one row per pair of states (about 18,500), not one per pair and roll call
# (16 million for ten years). Agreement is compared as integer cross-products, so
# ties are exact.
ALL_PAIRS_SQL = """
WITH v AS (
    SELECT rcid, country, vote FROM read_parquet($votes) WHERE date BETWEEN $start AND $end
), s AS (
    SELECT country,
           bitstring_agg(rcid) AS voted,
           bitstring_agg(rcid) FILTER (WHERE vote = 'yes') AS yes,
           bitstring_agg(rcid) FILTER (WHERE vote = 'abstain') AS abstain,
           bitstring_agg(rcid) FILTER (WHERE vote = 'no') AS no
    FROM v GROUP BY country
), p AS (
    SELECT x.country AS a, y.country AS b,
           bit_count(x.voted & y.voted) AS joint,
           coalesce(bit_count(x.yes & y.yes), 0) + coalesce(bit_count(x.abstain & y.abstain), 0)
               + coalesce(bit_count(x.no & y.no), 0) AS agree
    FROM s x JOIN s y ON x.country < y.country
), q AS (
    SELECT * FROM p WHERE joint >= $min_joint
), me AS (
    SELECT joint, agree FROM q WHERE a = least($a, $b) AND b = greatest($a, $b)
)
SELECT count(*) AS pairs,
       median(q.agree / q.joint) AS median_agreement,
       count(*) FILTER (WHERE q.agree * me.joint <= me.agree * q.joint) AS at_or_below,
       any_value(me.joint) AS my_joint
FROM q LEFT JOIN me ON true
"""


def all_pairs(pair: tuple[str, str], start: dt.date, end: dt.date, store=None,
              min_joint: int = unga.MIN_JOINT) -> dict:
    """The pair's percentile (the share of pairs, itself included, with at least
    ``min_joint`` joint votes in the window whose agreement is at or below the pair's,
    in percent; None when the pair has fewer), with how many pairs and their median."""
    path = store_path(store)
    a, b = pair
    pairs, median, at_or_below, mine = _con().execute(ALL_PAIRS_SQL, {
        "votes": str(path / "votes.parquet"), "start": start, "end": end, "min_joint": min_joint,
        "a": a, "b": b}).fetchone()
    return {"percentile": 100.0 * at_or_below / pairs if mine is not None and pairs else None,
            "pairs": int(pairs), "median_agreement": None if median is None else float(median),
            "min_joint": min_joint}


def window(start: dt.date | None, end: dt.date | None, store=None) -> tuple[dt.date, dt.date]:
    """The window asked for, its defaults filled: the end defaults to the record's last
    vote; the start to 1 January of the tenth-last year with votes up to the end."""
    if start is not None and end is not None:
        if end < start:
            raise ParameterError(f"parameter 'end': {end} is before the start {start}")
        return start, end
    days = read_roll_calls(store)["date"]
    if end is None:
        end = record(store)[1] if start is None or start <= record(store)[1] else start
    if start is None:
        start, end = unga.default_window(days, end)
    if end < start:
        raise ParameterError(f"parameter 'end': {end} is before the start {start}")
    return start, end


def figures(pair: tuple[str, str], start: dt.date | None = None, end: dt.date | None = None, store=None) -> dict:
    """Every figure of ``unga.figures`` for the pair and window, with the all-pairs context."""
    with session():
        start, end = window(start, end, store)
        votes = read_votes(store, tuple(dict.fromkeys((*pair, *unga.P5))))
        out = unga.figures(votes, read_roll_calls(store), read_issues(store), pair, start, end, record(store))
        out["context"].update(all_pairs(pair, start, end, store))
    return out
