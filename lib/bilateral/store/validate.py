"""Checking a Parquet store without loading it into memory: its files against the
checksums its importer recorded, and its tables' columns against the contract."""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..contract.checksums import sha256_of
from ..contract.columns import EVENTS, SOURCES
from ..errors import ValidationError
from ..contract.problems import Problems, display_path
from . import MANIFEST, event_files, table_location


def validate_store(path: str | os.PathLike) -> str:
    """A one-line summary of a valid store; raises ValidationError naming every problem."""
    import duckdb

    root = Path(path)
    shown = display_path(root)
    manifest = root / MANIFEST
    problems = Problems()
    if not manifest.exists():
        raise ValidationError([f"{shown}/{MANIFEST}:1:1: a Parquet store needs the manifest its importer writes"])
    recorded = json.loads(manifest.read_text(encoding="utf-8")).get("files", {})
    for name, meta in recorded.items():
        f = root / name
        if not f.exists():
            problems.add(f"{shown}/{MANIFEST}", 1, 1, f"{name} is listed but missing")
        elif sha256_of(f) != meta.get("sha256"):
            problems.add(display_path(f), 1, 1, "checksum does not match the manifest: the store changed after its import")
    counts = {}
    con = duckdb.connect()
    for spec in (EVENTS, SOURCES):
        f = table_location(root, spec.name)
        if not f.exists():
            problems.add(display_path(f), 1, 1, f"required file {spec.name}.parquet is missing")
            continue
        # Either layout: one file, or the files of a partitioned store (the year is no column of theirs).
        files = [str(p) for p in (event_files(root) if spec is EVENTS else [f])]
        try:
            columns = [r[0] for r in con.execute("SELECT DISTINCT name FROM parquet_schema(?)", [files]).fetchall()]
            counts[spec.name] = con.execute("SELECT count(*) FROM read_parquet(?, hive_partitioning = false)",
                                            [files]).fetchone()[0]
        except duckdb.Error as exc:
            problems.add(display_path(f), 1, 1, f"not a readable Parquet file ({str(exc).splitlines()[0]})")
            continue
        for col in spec.columns:
            if col.required and col.name not in columns:
                problems.add(display_path(f), 1, 1, f"missing required column {col.name!r}")
    con.close()
    if problems.items:
        raise ValidationError(problems.lines())
    return (f"{root}: valid Parquet store — {counts.get('events', 0):,} events, {counts.get('sources', 0)} sources; "
            "checksums match the manifest")
