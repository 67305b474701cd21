"""A Parquet store written by an importer: what one is, and reading the pair's rows.

DuckDB and Ibis are imported in this package and in ``importers`` only (a curated-CSV
briefing never pays for them). The pair query is an Ibis expression on the engine a
command picks (``engines``: the embedded DuckDB, or Spark when a store outgrows one
machine); pandas sees only the result. ``validate`` checks a store against its
manifest, ``summary`` computes a pair's figures straight from it.

A store holds ``events.parquet`` (flat) or ``events/year=YYYY/*.parquet`` (partitioned
by the year of ``date``, hive layout, the year in the folder name only), beside
``sources.parquet`` and ``manifest.json``; every reader here accepts both.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .layout import (EVENTS_DIR, EVENTS_FILE, LAYOUTS, MANIFEST, check_root, event_files, events_location,
                     is_store, partitioned, table_location)

# What a store is on disk (``layout``), handed on, and reading it (below).
__all__ = ["EVENTS_DIR", "EVENTS_FILE", "LAYOUTS", "MANIFEST", "check_root", "event_files", "events_location",
           "is_store", "partitioned", "table_location", "read_events", "read_table", "pairs_present",
           "pair_has_rows"]

# ``engine`` below: an open ``engines.Session`` (the command's), or an engine's name (a
# session opened and closed for that one read).


def _read(location: Path, engine, master: str | None, query) -> object:
    """``query`` on the table at ``location``, on the command's open session (``engine`` an
    ``engines.Session``) or on one opened and closed for this read (``engine`` a name):
    closed, not left to the collector, since DuckDB's worker threads (and Spark's JVM) must
    not be alive when the render forks the notebook's process (fork_engine)."""
    from . import engines

    with engines.reading(engine, master) as session:
        return query(engines.table_at(session.con, location))


def _pair_filter(t, pair: tuple[str, str]):
    a, b = pair
    return ((t.actor1_country == a) & (t.actor2_country == b)) | ((t.actor1_country == b) & (t.actor2_country == a))


def read_events(path: Path, pair: tuple[str, str] | None = None, engine=None,
                master: str | None = None) -> pd.DataFrame:
    """The events of a store's events table (``table_location``), of one pair (either actor
    order) when given, read on ``engine`` (DuckDB by default, or Spark).

    ``min_sources`` is applied by ``load`` after validation, as for CSV rows: applied
    here, it could drop the parent of an event ``part_of`` it before the check."""
    return _read(Path(path), engine, master, lambda t: (t.filter(_pair_filter(t, pair)) if pair else t).to_pandas())


def read_table(path: Path, engine=None, master: str | None = None) -> pd.DataFrame:
    return _read(Path(path), engine, master, lambda t: t.to_pandas())


def pairs_present(path, engine=None, master: str | None = None) -> list[str]:
    """The pairs of a store's events, most events first (each pair once, codes in order)."""
    import ibis

    def query(t):
        t = t.filter(t.actor2_country.notnull())
        first = ibis.least(t.actor1_country, t.actor2_country)
        second = ibis.greatest(t.actor1_country, t.actor2_country)
        counted = (t.mutate(pair=first.concat("-", second)).group_by("pair").agg(n=ibis._.count())
                   .order_by([ibis.desc("n"), "pair"]))
        return list(counted.to_pandas()["pair"])

    return _read(events_location(path), engine, master, query)


def pair_has_rows(path, pair: tuple[str, str], engine=None, master: str | None = None) -> bool:
    return _read(events_location(path), engine, master,
                 lambda t: bool(t.filter(_pair_filter(t, pair)).limit(1).count().to_pyarrow().as_py()))
