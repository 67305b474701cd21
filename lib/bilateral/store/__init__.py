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
    t = con.read_parquet(str(path))
    if pair:
        a, b = pair
        t = t.filter(((t.actor1_country == a) & (t.actor2_country == b))
                     | ((t.actor1_country == b) & (t.actor2_country == a)))
    return t.to_pandas()


def read_table(path: Path) -> pd.DataFrame:
    return _connection().read_parquet(str(path)).to_pandas()

