"""What a store is on disk: its files and the two layouts of its events (flat, or partitioned by
year), and the one test of "is this folder a store?". No engine is needed to answer these."""
from __future__ import annotations

from pathlib import Path

from ..errors import ParameterError

MANIFEST = "manifest.json"
EVENTS_FILE = "events.parquet"  # the flat layout: one file
EVENTS_DIR = "events"           # the partitioned layout: events/year=YYYY/*.parquet (hive)
LAYOUTS = ("flat", "year")


def partitioned(path) -> bool:
    """The store's events partitioned by year: ``events/year=YYYY/*.parquet``."""
    return next(Path(path).glob(f"{EVENTS_DIR}/year=*/*.parquet"), None) is not None


def is_store(path) -> bool:
    """A folder holding an importer's events table, in either layout: the one test of "is this a store?"."""
    return (Path(path) / EVENTS_FILE).is_file() or partitioned(path)


def events_location(root) -> Path:
    """Where a store's events are: ``events.parquet``, or the ``events/`` folder of a partitioned store."""
    root = Path(root)
    return root / EVENTS_DIR if not (root / EVENTS_FILE).is_file() and partitioned(root) else root / EVENTS_FILE


def event_files(root) -> list[Path]:
    """The Parquet files holding a store's events (one, or one or more per year)."""
    location = events_location(root)
    return sorted(location.glob("year=*/*.parquet")) if location.is_dir() else [location]


def table_location(root, name: str) -> Path:
    """A contract table of a store: the events in either layout, any other table as ``NAME.parquet``."""
    return events_location(root) if name == "events" else Path(root) / f"{name}.parquet"


def check_root(data) -> Path:
    """The store folder parameter ``data``, checked: a folder holding a store."""
    root = Path(data)
    if not root.is_dir():
        raise ParameterError(f"parameter 'data': store folder {str(root)!r} does not exist")
    if not is_store(root):
        raise ParameterError(f"parameter 'data': {str(root)!r} is not a store (no events.parquet; "
                             "write one with 'bilateral import')")
    return root
