"""Reading a store of UN General Assembly votes (``bilateral import unvotes``) and the
one figure that needs every pair: the pair's percentile among all pairs of states,
computed as ONE DuckDB query over the Parquet store (no Python loop over pairs).

The shipped store is ``data/unga/store``; ``--votes DIR`` (the briefing parameter
``votes``, ``params.check``) points at another import of the same tables. A command opens
the store once (``open``: a ``VotesStore``, its manifest read and checked) and every
read goes through it, on one DuckDB connection closed at the end: a process that forks
later (a render's notebook) never forks a live DuckDB. Plain DuckDB, not Ibis: the store
is small and fixed, and Ibis's import and per-query compilation cost a briefing ~1 s. The module's functions take an
open store, or a folder (opened and closed for that call).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ..contract.checksums import sha256_of
from ..contract.columns import check_country
from ..figures import votes as unga
from ..errors import BilateralError, ParameterError
from ..paths import DATA_DIR

DEFAULT_STORE = DATA_DIR / "unga" / "store"
MANIFEST = "manifest.json"
_PAIR = re.compile(r"^([A-Za-z]{3})-([A-Za-z]{3})$")


def store_path(store=None) -> Path:
    """The store's folder (default: the shipped one), checked to hold a manifest and votes."""
    path = Path(store) if store not in (None, "") else DEFAULT_STORE
    if not (path / MANIFEST).is_file() or not (path / "votes.parquet").is_file():
        raise ParameterError(f"parameter 'votes': {str(path)!r} is not a store of UN votes (no manifest.json and "
                             "votes.parquet; build one with `bilateral import unvotes FILE... --out DIR`)")
    return path


def find(store=None) -> Path | None:
    """The briefing parameter ``votes``: the store given, else the shipped one, checked and
    resolved. A missing shipped store is an error naming it, never a briefing silently without
    its voting section."""
    if store in (None, "") and not (DEFAULT_STORE / MANIFEST).is_file():
        raise ParameterError(f"parameter 'votes': the shipped store of UN votes {str(DEFAULT_STORE)!r} is missing; "
                             "give --votes DIR, a store written by 'bilateral import unvotes'")
    path = store_path(store).resolve()
    read_manifest(path)  # a store of other data is a parameter error now, not a failed cell later
    return path


def read_manifest(path: Path) -> dict:
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BilateralError(f"{path / MANIFEST}:1: unreadable: {exc}") from None
    if data.get("importer") != "unvotes":
        raise ParameterError(f"parameter 'votes': {str(path)!r} is a store of {data.get('importer')!r} data, "
                             "not of UN votes")
    return data


def checksum(path: Path | None) -> str | None:
    """The SHA-256 of the store's manifest (which records every table's SHA-256): what a
    render's up-to-date key and sidecar name the store by."""
    return None if path is None else sha256_of(Path(path) / MANIFEST)


class VotesStore:
    """A store of UN votes opened for a command (``open``): every read through one DuckDB
    connection, opened on the first read and closed by ``close`` (or ``with``). Its queries
    bind the tables' paths as values (``read_parquet($table)``), never as SQL text."""

    def __init__(self, store=None):
        self.path = store_path(store)
        self.manifest = read_manifest(self.path)
        self._con = None

    def __enter__(self) -> "VotesStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            con, self._con = self._con, None
            con.close()

    @property
    def con(self):
        if self._con is None:
            import duckdb

            self._con = duckdb.connect()  # opening one costs ~0.1 s: once per command
        return self._con

    def _df(self, sql: str, table: str, **params) -> pd.DataFrame:
        """``sql`` over the table ``NAME.parquet`` of the store, named ``$table`` in it: the path
        is a value bound to the query, never SQL text."""
        return self.con.execute(sql, {"table": str(self.path / f"{table}.parquet"), **params}).df()

    def record(self) -> tuple[dt.date, dt.date]:
        """The first and last day with a vote in the store."""
        return dt.date.fromisoformat(self.manifest["first_vote"]), dt.date.fromisoformat(self.manifest["last_vote"])

    def countries(self) -> set[str]:
        return set(self._df("SELECT DISTINCT country FROM read_parquet($table)", "countries")["country"])

    def read_votes(self, only: tuple[str, ...] | None = None) -> pd.DataFrame:
        """Votes (date, rcid, country, vote), of some states only when given."""
        sql = "SELECT date::TIMESTAMP AS date, rcid, country, vote FROM read_parquet($table)"
        codes = {f"c{i}": code for i, code in enumerate(only or ())}  # each a value bound to the query
        if codes:
            sql += " WHERE country IN (" + ", ".join(f"${name}" for name in codes) + ")"
        return self._df(sql, "votes", **codes)

    def read_roll_calls(self) -> pd.DataFrame:
        return self._df("SELECT rcid, date::TIMESTAMP AS date, unres, short FROM read_parquet($table)", "roll_calls")

    def read_yearly_median(self) -> pd.DataFrame:
        """Per year, the median agreement of all pairs with enough joint votes that year
        (``unga.yearly_median``, computed once by the import)."""
        return self._df("SELECT year, median, pairs, min_joint FROM read_parquet($table) ORDER BY year",
                        "yearly_median")

    def read_issues(self) -> pd.DataFrame:
        return self._df("SELECT rcid, issue FROM read_parquet($table)", "issues")

    def all_pairs(self, pair: tuple[str, str], start: dt.date, end: dt.date, min_joint: int = unga.MIN_JOINT) -> dict:
        """The pair's percentile (the share of pairs, itself included, with at least
        ``min_joint`` joint votes in the window whose agreement is at or below the pair's,
        in percent; None when the pair has fewer), with how many pairs and their median."""
        a, b = pair
        pairs, median, at_or_below, mine = self.con.execute(ALL_PAIRS_SQL, {
            "votes": str(self.path / "votes.parquet"), "start": start, "end": end, "min_joint": min_joint,
            "a": a, "b": b}).fetchone()
        return {"percentile": 100.0 * at_or_below / pairs if mine is not None and pairs else None,
                "pairs": int(pairs), "median_agreement": None if median is None else float(median),
                "min_joint": min_joint}

    def window(self, start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
        """The window asked for, its defaults filled: the end defaults to the record's last
        vote; the start to 1 January of the tenth-last year with votes up to the end."""
        if start is not None and end is not None:
            if end < start:
                raise ParameterError(f"parameter 'end': {end} is before the start {start}")
            return start, end
        days = self.read_roll_calls()["date"]
        last = self.record()[1]
        if end is None:
            end = last if start is None or start <= last else start
        if start is None:
            start, end = unga.default_window(days, end)
        if end < start:
            raise ParameterError(f"parameter 'end': {end} is before the start {start}")
        return start, end

    def figures(self, pair: tuple[str, str], start: dt.date | None = None, end: dt.date | None = None) -> dict:
        """Every figure of ``unga.figures`` for the pair and window, with the all-pairs context."""
        start, end = self.window(start, end)
        votes = self.read_votes(tuple(dict.fromkeys((*pair, *unga.P5))))
        out = unga.figures(votes, self.read_roll_calls(), self.read_issues(), pair, start, end, self.record())
        out["context"].update(self.all_pairs(pair, start, end))
        return out

    def parse_pair(self, text: str) -> tuple[str, str]:
        """``IND-BLR`` → ("IND", "BLR"), each code a state with votes in the store (so
        historic codes such as CSK are accepted)."""
        m = _PAIR.match(str(text).strip())
        if not m:
            raise ParameterError(f"parameter 'pair': {text!r} is not two alpha-3 codes joined by '-', like IND-BLR")
        a, b = m.group(1).upper(), m.group(2).upper()
        if a == b:
            raise ParameterError(f"parameter 'pair': {text!r} names the same country twice")
        known = self.countries()
        for code in (a, b):
            if code in known:
                continue
            # The message every command gives for a code that is no country's; a country's
            # code that is not in the record is said so.
            problem = check_country(code)
            raise ParameterError(f"parameter 'pair': {problem or f'{code!r} cast no vote in the UN General Assembly record'}")
        return a, b

    def summary_figures(self, pair, end: str) -> dict:
        """The pair's figures for a briefing's default window (ten years with votes up to the
        summary's ``end``), shaped as votes.schema.json but for the pair, which the summary
        names once at its top (``source.votes_summary``)."""
        figures = self.figures(tuple(pair), None, dt.date.fromisoformat(end))
        figures.pop("pair")
        return figures


def open(store=None) -> VotesStore:  # noqa: A001 - votes.open, as engines.open
    """The store at ``store`` (default: the shipped one) opened for a command's reads."""
    return VotesStore(store)


@contextmanager
def _opened(store):
    """``store`` itself when it is an open ``VotesStore`` (left open), else the folder opened for one call."""
    if isinstance(store, VotesStore):
        yield store
        return
    with VotesStore(store) as s:
        yield s


def manifest(store=None) -> dict:
    return read_manifest(store.path if isinstance(store, VotesStore) else store_path(store))


def record(store=None) -> tuple[dt.date, dt.date]:
    with _opened(store) as s:
        return s.record()


def countries(store=None) -> set[str]:
    with _opened(store) as s:
        return s.countries()


def parse_pair(text: str, store=None) -> tuple[str, str]:
    with _opened(store) as s:
        return s.parse_pair(text)


def read_votes(store=None, only: tuple[str, ...] | None = None) -> pd.DataFrame:
    with _opened(store) as s:
        return s.read_votes(only)


def read_roll_calls(store=None) -> pd.DataFrame:
    with _opened(store) as s:
        return s.read_roll_calls()


def read_yearly_median(store=None) -> pd.DataFrame:
    with _opened(store) as s:
        return s.read_yearly_median()


def read_issues(store=None) -> pd.DataFrame:
    with _opened(store) as s:
        return s.read_issues()


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
    with _opened(store) as s:
        return s.all_pairs(pair, start, end, min_joint)


def window(start: dt.date | None, end: dt.date | None, store=None) -> tuple[dt.date, dt.date]:
    with _opened(store) as s:
        return s.window(start, end)


def figures(pair: tuple[str, str], start: dt.date | None = None, end: dt.date | None = None, store=None) -> dict:
    """Every figure of ``unga.figures`` for the pair and window, with the all-pairs context."""
    with _opened(store) as s:
        return s.figures(pair, start, end)
