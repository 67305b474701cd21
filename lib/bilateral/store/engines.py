"""Which engine runs a store's Ibis expressions: the registry and the one way to open a store.

Every figure of a store is an Ibis expression (``store.figures``), so the same
definition runs on the embedded DuckDB or on Spark. A command picks the engine by name
(``--engine``); this module turns that name into an Ibis backend and a store folder
into the table of its events.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import ParameterError

ENGINES = ("duckdb", "spark")
DEFAULT_ENGINE = "duckdb"


def check_engine(name: str) -> str:
    if name not in ENGINES:
        raise ParameterError(f"parameter 'engine': {name!r} is not an engine; use one of {', '.join(ENGINES)}")
    return name


def connect(engine: str = DEFAULT_ENGINE, master: str | None = None):
    """An Ibis backend for ``engine``; the caller disconnects it (DuckDB's threads must be
    gone before a render forks)."""
    check_engine(engine)
    if engine == "duckdb":
        import ibis

        return ibis.duckdb.connect()
    raise ParameterError("parameter 'engine': spark is not wired yet")  # the Spark helper replaces this


def events_table(con, root: Path):
    """The events of the store at ``root`` as an Ibis table on ``con``."""
    return con.read_parquet(str(Path(root) / "events.parquet"))
