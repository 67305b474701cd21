"""Stores written by the tests themselves (synthetic, labelled so in every row; never under data/)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from bilateral.dataset.synthetic import make as make_synthetic


def write_manifest(store: Path) -> None:
    """The manifest an importer writes: every Parquet table with its checksum and size."""
    files = {f.name: {"sha256": hashlib.sha256(f.read_bytes()).hexdigest(), "bytes": f.stat().st_size}
             for f in sorted(store.glob("*.parquet"))}
    (store / "manifest.json").write_text(json.dumps({"importer": "test", "files": files}), encoding="utf-8")


def curated_like_store(tmp_path: Path, seed: int, pairs=(("IND", "BLR"), ("IND", "RUS"), ("BLR", "RUS"))) -> Path:
    """A synthetic dataset (levels, venues, part_of, month and year dates) as a store, with
    machine-coded figures on some rows and none on others."""
    csv_dir = make_synthetic(tmp_path / f"csv{seed}", pairs=list(pairs), first_year=2017, last_year=2024,
                             events_per_year=12, seed=seed)
    store = tmp_path / f"store{seed}"
    store.mkdir()
    ev = pd.read_csv(csv_dir / "events.csv", dtype="string", keep_default_na=False).replace("", pd.NA)
    n = len(ev)
    idx = pd.RangeIndex(n)
    ev["goldstein"] = pd.Series([(i * 7 % 21 - 10) / 2 if i % 3 else None for i in idx], dtype="Float64")
    ev["quad_class"] = pd.Series([i % 4 + 1 if i % 5 else None for i in idx], dtype="Int64")
    ev["num_mentions"] = pd.Series([i % 9 + 1 if i % 4 else None for i in idx], dtype="Int64")
    ev["num_sources"] = pd.Series([i % 6 if i % 7 else None for i in idx], dtype="Int64")
    ev.to_parquet(store / "events.parquet", index=False)
    pd.read_csv(csv_dir / "sources.csv", dtype="string", keep_default_na=False).replace("", pd.NA).to_parquet(
        store / "sources.parquet", index=False)
    for doc in csv_dir.rglob("*.txt"):
        target = store / doc.relative_to(csv_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(doc.read_bytes())
    write_manifest(store)
    return store


def gdelt_export(path: Path, rows: int, seed: int) -> Path:
    """A synthetic GDELT 2.0 export of ``rows`` rows (benchmarks/make_gdelt.py, in this process):
    ids 1000000000 upwards whatever the seed, so two exports overlap on the smaller one's ids."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_gdelt", Path(__file__).resolve().parents[1] / "benchmarks"
                                                  / "make_gdelt.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path.parent.mkdir(parents=True, exist_ok=True)
    return module.make(rows, path, seed)


def gdelt_store(root: Path, rows: int, seed: int):
    """An importer's store (DuckDB, flat) of one synthetic export: (the store, the import report)."""
    from bilateral import importers

    export = gdelt_export(root.parent / f"{root.name}.export.CSV", rows, seed)
    return root, importers.run("gdelt", [str(export)], str(root))
