"""A Parquet store written by an importer: what one is, and reading the pair's rows.

DuckDB and Ibis are imported in this package and in ``importers`` only (a curated-CSV
briefing never pays for them). The pair query is an Ibis expression on the embedded
DuckDB backend, so the same code runs on a distributed engine when a store outgrows
one machine; pandas sees only the result. ``validate`` checks a store against its
manifest, ``summary`` computes a pair's figures straight from it.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd


MANIFEST = "manifest.json"


def is_store(path) -> bool:
    """A folder holding an importer's events table: the one test of "is this a store?"."""
    return (Path(path) / "events.parquet").is_file()


def _connection():
    import ibis

    return ibis.duckdb.connect()


def read_events(path: Path, pair: tuple[str, str] | None = None) -> pd.DataFrame:
    """The events of a store, of one pair (either actor order) when given.

    ``min_sources`` is applied by ``load`` after validation, as for CSV rows: applied
    here, it could drop the parent of an event ``part_of`` it before the check."""
    con = _connection()
    try:
        t = con.read_parquet(str(path))
        if pair:
            a, b = pair
            t = t.filter(((t.actor1_country == a) & (t.actor2_country == b))
                         | ((t.actor1_country == b) & (t.actor2_country == a)))
        return t.to_pandas()
    finally:
        # Closed, not left to the collector: DuckDB's worker threads must not be alive
        # when the render forks the notebook's process (fork_engine).
        con.disconnect()


def read_table(path: Path) -> pd.DataFrame:
    con = _connection()
    try:
        return con.read_parquet(str(path)).to_pandas()
    finally:
        con.disconnect()



def pairs_present(path) -> list[str]:
    """The pairs of a store's events, most events first (each pair once, codes in order)."""
    import duckdb

    with duckdb.connect() as con:
        rows = con.execute(
        "SELECT least(actor1_country, actor2_country) || '-' || greatest(actor1_country, actor2_country) AS pair, "
            "count(*) AS n FROM read_parquet(?) WHERE actor2_country IS NOT NULL GROUP BY pair ORDER BY n DESC, pair",
            [str(Path(path) / "events.parquet")]).fetchall()
    return [pair for pair, _ in rows]


def pair_has_rows(path, pair: tuple[str, str]) -> bool:
    import duckdb

    a, b = pair
    with duckdb.connect() as con:
        return con.execute(
            "SELECT EXISTS (SELECT 1 FROM read_parquet(?) WHERE (actor1_country = ? AND actor2_country = ?) "
            "OR (actor1_country = ? AND actor2_country = ?))",
            [str(Path(path) / "events.parquet"), a, b, b, a]).fetchone()[0]
