"""Importers into a Parquet store: machine-coded event data into a store of the data
contract (gdelt, icews), and UN General Assembly votes into a store of votes (unvotes).

``bilateral import gdelt|icews|unvotes FILE... --out DIR [--replace]``, through the one
registry ``IMPORTERS`` (``run``): everything is built in a temporary folder beside ``DIR``
and moved into place at the end, so a failed import writes nothing to ``DIR`` and a
replaced store is replaced whole. Every importer's manifest is written by ``manifest.write``
in the one shape of ``manifest.schema.json``.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from ..errors import BilateralError
from ..store import EVENTS_DIR, EVENTS_FILE
from . import gdelt, icews, manifest as manifest_writer
from ..contract.checksums import sha256_of
from .common import ImportError_, Report, prepare_out, publish, scratch_beside

EVENT_IMPORTERS = {"gdelt": gdelt, "icews": icews}  # read, transform and source_rows of each format


def import_memory() -> str:
    """DuckDB's memory limit for an import: a tenth of the machine's memory, between
    512 MB and 2 GB. Past it DuckDB spills to disk, so any file imports; a larger limit
    spills less of the sort. Measured on 10M synthetic GDELT rows (4.2 GB, 2 cores):
    512 MB: 75.6 s, 0.72 GB peak; 2 GB: 51.3 s, 2.3 GB peak (pandas reading the same
    file: 14 GB). At 1M rows the limit does not bind (0.65 GB peak)."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # not POSIX: assume a small laptop
        total = 8 << 30
    return f"{min(2048, max(512, (total // 10) >> 20))}MB"


# Sorted by pair and date, so a pair's rows sit in few row groups and a pair query
# skips the rest by their min/max statistics.
_ORDER = "actor1_country, actor2_country, date, event_id"


def run(kind: str, files: list[str], out: str, replace: bool = False, engine: str = "duckdb",
        master: str | None = None, layout: str = "flat") -> Report:
    """Import ``files`` of the format ``kind`` into the store ``out``: the one entry point of
    every importer (``IMPORTERS``)."""
    if kind not in IMPORTERS:
        raise BilateralError(f"parameter 'kind': {kind!r} is not an importer; use one of {', '.join(IMPORTERS)}")
    return IMPORTERS[kind](files, out, replace, engine, master, layout)


def _unvotes(files: list[str], out: str, replace: bool, engine: str, master: str | None, layout: str) -> Report:
    """UN General Assembly votes: read with pandas and written with pyarrow (``engine`` and
    ``layout`` are the event importers' and do not apply: its tables are small and flat)."""
    from . import unvotes

    return unvotes.run(files, out, replace)


def import_events(kind: str, files: list[str], out: str, replace: bool = False, engine: str = "duckdb",
                  master: str | None = None, layout: str = "flat") -> Report:
    """Import ``files`` into the store ``out`` on ``engine`` (DuckDB, or Spark at ``master``),
    its events in one file (``flat``) or partitioned by year (``year``: ``store`` says how)."""
    from ..store import LAYOUTS, engines

    engines.check_engine(engine)
    if layout not in LAYOUTS:
        raise BilateralError(f"parameter 'layout': {layout!r} is not a store layout; use one of {', '.join(LAYOUTS)}")
    if engine == "spark":
        engines.spark_master(master)  # a malformed master is a parameter error before any file is read
    module = EVENT_IMPORTERS[kind]
    paths = [Path(f) for f in files]
    for p in paths:
        if not p.exists():
            raise ImportError_(f"{p}:1:1: no such file")
        if not p.is_file():
            raise ImportError_(f"{p}:1:1: not a file")
    out_dir = Path(out)
    prepare_out(out_dir, replace)
    scratch = scratch_beside(out_dir)
    report = Report()
    try:
        staged = scratch / "store"
        staged.mkdir()
        if engine == "spark":
            from . import spark

            spark.write_events(kind, paths, scratch, staged, report, layout, master)
        else:
            _duckdb_events(module, paths, scratch, staged, report, layout)
        _write_sources_and_manifest(kind, module, paths, staged, report, layout)
        publish(staged, out_dir)
    except BilateralError:
        raise
    except Exception as exc:  # noqa: BLE001 - one line for the user, not a traceback
        raise ImportError_(f"{paths[0]}:1:1: import failed: {type(exc).__name__}: {str(exc).strip().splitlines()[0]}") from exc
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return report


def _duckdb_events(module, paths: list[Path], scratch: Path, staged: Path, report: Report, layout: str) -> None:
    import duckdb

    # In memory, but bounded: past the limit DuckDB spills to the scratch folder, so
    # a file of tens of millions of rows imports in constant memory.
    # Settings as configuration, paths as values: a folder named with a quote is just a name.
    # DuckDB's own progress bars only on a terminal; a pipe or a log gets the report alone.
    con = duckdb.connect(config={"temp_directory": str(scratch / "spill"), "memory_limit": import_memory(),
                                 "preserve_insertion_order": True})
    try:
        con.execute(f"SET enable_progress_bar = {'true' if sys.stderr.isatty() else 'false'}")
        module.read(con, paths, scratch, report)
        module.transform(con, paths, report)
        # A cursor of its own: a reader may have left a result open on the connection.
        out = con.cursor()
        if layout == "year":
            out.execute(f"COPY (SELECT *, CAST(substr(date, 1, 4) AS INTEGER) AS year FROM events ORDER BY {_ORDER}) "
                        f"TO '{_sql_path(staged / EVENTS_DIR)}' (FORMAT parquet, PARTITION_BY (year), "
                        "COMPRESSION zstd, ROW_GROUP_SIZE 100000)")
            if not any((staged / EVENTS_DIR).glob("year=*/*.parquet")):  # no row kept: no partition to hold them
                shutil.rmtree(staged / EVENTS_DIR, ignore_errors=True)
                layout = "flat"
        if layout == "flat":
            out.sql(f"SELECT * FROM events ORDER BY {_ORDER}").write_parquet(
                str(staged / EVENTS_FILE), compression="zstd", row_group_size=100_000)
        out.close()
    finally:
        con.close()


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _write_sources_and_manifest(kind: str, module, paths: list[Path], staged: Path, report: Report, layout: str) -> None:
    """``sources.parquet`` (what each file covers, as bilateral.figures.coverage reads it) and the manifest."""
    import duckdb
    import pandas as pd

    from ..figures.coverage import gaps, union

    kinds = dict(report.files)
    rows = module.source_rows(paths, [sha256_of(p) for p in paths], kinds)
    for path, row in zip(paths, rows):
        span = report.spans.get(path)
        row.update({"covers_start": span.start.isoformat() if span else None,
                    "covers_end": span.end.isoformat() if span else None,
                    "covers_kind": span.kind if span else None})
    sources = pd.DataFrame(rows, columns=list(rows[0]))
    with duckdb.connect() as con:
        con.from_df(sources).write_parquet(str(staged / "sources.parquet"))
    spans = [report.spans[p] for p in paths if p in report.spans]
    layout = "year" if (staged / EVENTS_DIR).is_dir() else "flat"
    manifest_writer.write(
        staged, kind, layout,
        inputs=[manifest_writer.input_entry(p, kinds[p], r["sha256"]) for p, r in zip(paths, rows)],
        rows={"events": report.kept, "sources": len(sources)}, skipped=report.skipped,
        coverage={"files": [{"file": p.name, "sha256": r["sha256"], **report.spans[p].as_json()}
                            for p, r in zip(paths, rows) if p in report.spans],
                  "spans": [s.as_json() for s in union(spans)],
                  "gaps": [g.as_json() for g in gaps(union(spans))]})


# The registry: every importer by the name ``bilateral import`` takes, each called as
# ``(files, out, replace, engine, master, layout)``.
IMPORTERS = {"gdelt": lambda *a: import_events("gdelt", *a), "icews": lambda *a: import_events("icews", *a),
             "unvotes": _unvotes}

