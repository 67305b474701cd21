"""Reading a Parquet store: only the pair's rows, the filter pushed down to DuckDB.

The query is an Ibis expression on the embedded DuckDB backend, so the same code
runs on a distributed engine when a store outgrows one machine; pandas sees only
the result. Ibis is imported here only, so a curated-CSV briefing never pays for it.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd


def _connection():
    import ibis

    return ibis.duckdb.connect()


def read_events(path: Path, pair: tuple[str, str] | None = None) -> pd.DataFrame:
    """The events of a store, of one pair (either actor order) when given.

    ``min_sources`` is applied by ``load`` after validation, as for CSV rows: applied
    here, it could drop the parent of an event ``part_of`` it before the check."""
    con = _connection()
    t = con.read_parquet(str(path))
    if pair:
        a, b = pair
        t = t.filter(((t.actor1_country == a) & (t.actor2_country == b))
                     | ((t.actor1_country == b) & (t.actor2_country == a)))
    return t.to_pandas()


def read_table(path: Path) -> pd.DataFrame:
    return _connection().read_parquet(str(path)).to_pandas()

