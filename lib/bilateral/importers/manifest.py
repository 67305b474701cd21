"""The one writer of a store's ``manifest.json``, for every importer (GDELT, ICEWS, UN votes).

One shape, described by ``manifest.schema.json`` beside this module: which importer
wrote the store and in which layout, what it read (``inputs``), how many rows each table
kept and why rows were skipped, and every table file of the store with its SHA-256 and
size (``files``: what ``store validate`` checks, what a store summary trusts while the
sizes match). An importer adds what only it knows: the event importers what each file
covers (``coverage``), the UN votes importer the first and last day with a vote.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..contract.checksums import sha256_of

NAME = "manifest.json"
SCHEMA = Path(__file__).with_name("manifest.schema.json")
EXTRAS = ("coverage", "first_vote", "last_vote")  # the keys only some importers write


def input_entry(path: Path, fmt: str, sha256: str | None = None, **more) -> dict:
    """One file the importer read: its name, format and SHA-256 (and, by importer, its table and rows)."""
    return {"file": Path(path).name, "format": fmt, "sha256": sha256 or sha256_of(path), **more}


def write(staged: Path, importer: str, layout: str, inputs: list[dict], rows: dict[str, int],
          skipped: dict[str, int], **extra) -> dict:
    """Write the manifest of the store built in ``staged`` (its tables written already) and return it."""
    unknown = set(extra) - set(EXTRAS)
    if unknown:
        raise ValueError(f"not a manifest key: {', '.join(sorted(unknown))}")
    manifest = {"importer": importer, "layout": layout, "inputs": inputs,
                "rows": {name: int(n) for name, n in rows.items()},
                "skipped": {reason: int(n) for reason, n in skipped.items()}, **extra,
                "files": {f.relative_to(staged).as_posix(): {"sha256": sha256_of(f), "bytes": f.stat().st_size}
                          for f in sorted(staged.rglob("*.parquet"))}}
    (staged / NAME).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest
