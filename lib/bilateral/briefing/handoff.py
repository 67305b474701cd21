"""What ``bilateral render`` hands the notebook: the pair's validated rows and its figures.

The render has loaded the rows and computed every figure once (``render.plan``); the
notebook's ``prepared`` parameter names the folder written here, and the notebook
reads it instead of loading the data and computing the figures again. Run by hand
without one, the notebook does both itself. The folder lives in the render's private
work folder under ``build/`` and is removed with it.
"""
from __future__ import annotations

import json
import pickle
from pathlib import Path

from ..dataset.load import Dataset

SUMMARY = "summary.json"
ROWS = "rows.pickle"
EDITION = "edition.json"  # the previous edition and the comparison with it (``editions``)


def write_handoff(folder: Path, rows: Dataset, summary: dict, edition: dict | None = None) -> str:
    folder.mkdir()
    (folder / SUMMARY).write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    (folder / EDITION).write_text(json.dumps(edition, ensure_ascii=False), encoding="utf-8")
    with open(folder / ROWS, "wb") as f:
        pickle.dump(rows, f, protocol=pickle.HIGHEST_PROTOCOL)
    return str(folder)


def read_handoff(folder: str | Path) -> tuple[Dataset, dict]:
    folder = Path(folder)
    with open(folder / ROWS, "rb") as f:
        rows = pickle.load(f)
    return rows, json.loads((folder / SUMMARY).read_text(encoding="utf-8"))


def read_edition(folder: str | Path) -> dict | None:
    path = Path(folder) / EDITION
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
