"""Importers of machine-coded event data into a Parquet store of the data contract.

``bilateral import gdelt|icews FILE... --out DIR [--replace]``: everything is built in
a temporary folder beside ``DIR`` and moved into place at the end, so a failed import
writes nothing to ``DIR`` and a replaced store is replaced whole.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from ..errors import BilateralError
from . import gdelt, icews
from ..checksums import sha256_of
from .common import ImportError_, Report, prepare_out, publish, scratch_beside

IMPORTERS = {"gdelt": gdelt, "icews": icews}


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


def run(kind: str, files: list[str], out: str, replace: bool = False) -> Report:
    module = IMPORTERS[kind]
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
        import duckdb

        # In memory, but bounded: past the limit DuckDB spills to the scratch folder, so
        # a file of tens of millions of rows imports in constant memory.
        # Settings as configuration, paths as values: a folder named with a quote is just a name.
        # DuckDB's own progress bars only on a terminal; a pipe or a log gets the report alone.
        con = duckdb.connect(config={"temp_directory": str(scratch / "spill"), "memory_limit": import_memory(),
                                     "preserve_insertion_order": True})
        con.execute(f"SET enable_progress_bar = {'true' if sys.stderr.isatty() else 'false'}")
        module.read(con, paths, scratch, report)
        module.transform(con, paths, report)
        staged = scratch / "store"
        staged.mkdir()
        # A cursor of its own: a reader may have left a result open on the connection.
        out = con.cursor()
        out.sql(f"SELECT * FROM events ORDER BY {_ORDER}").write_parquet(
            str(staged / "events.parquet"), compression="zstd", row_group_size=100_000)
        kinds = dict(report.files)
        rows = module.source_rows(paths, [sha256_of(p) for p in paths], kinds)
        for path, row in zip(paths, rows):  # what each file covers, as bilateral.coverage reads it
            span = report.spans.get(path)
            row.update({"covers_start": span.start.isoformat() if span else None,
                        "covers_end": span.end.isoformat() if span else None,
                        "covers_kind": span.kind if span else None})
        import pandas as pd

        sources = pd.DataFrame(rows, columns=list(rows[0]))
        out.from_df(sources).write_parquet(str(staged / "sources.parquet"))
        out.close()
        con.close()
        import json

        from ..coverage import gaps, union

        spans = [report.spans[p] for p in paths if p in report.spans]
        manifest = {"importer": kind, "files": {f.name: {"sha256": sha256_of(f), "bytes": f.stat().st_size}
                                                for f in sorted(staged.glob("*.parquet"))},
                    "coverage": {"files": [{"file": p.name, "sha256": r["sha256"], **report.spans[p].as_json()}
                                           for p, r in zip(paths, rows) if p in report.spans],
                                 "spans": [s.as_json() for s in union(spans)],
                                 "gaps": [g.as_json() for g in gaps(union(spans))]}}
        (staged / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        publish(staged, out_dir)
    except BilateralError:
        raise
    except Exception as exc:  # noqa: BLE001 - one line for the user, not a traceback
        raise ImportError_(f"{paths[0]}:1:1: import failed: {type(exc).__name__}: {str(exc).splitlines()[0]}") from exc
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return report
