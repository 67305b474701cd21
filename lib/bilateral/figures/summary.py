"""The summary of one pair: every figure of DESIGN.md section 3 as one JSON-ready dict.

``bilateral summary --json``, the report sidecar and the briefing's prose all read
these figures, so a number in the briefing is the number in the sidecar.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import pandas as pd

from . import alignment, engagement
from .coverage import Coverage, from_sources
from .engagement import Pair, Window
from ..paths import SUMMARY_SCHEMA

if TYPE_CHECKING:  # the type only: the figures read a loaded dataset, they never load one
    from ..dataset.load import Dataset


def coverage(ds: Dataset) -> Coverage | None:
    """What the dataset covers (``bilateral.figures.coverage``): the spans its importer recorded per file,
    else (curated data) its first dated row to its last dated row or source publication."""
    firsts, lasts = [], []
    for frame in (ds.events, ds.positions):
        if len(frame):
            firsts.append(frame["first_day"].min().date())
            lasts.append(frame["end_day" if "end_day" in frame else "last_day"].max().date())
    src = ds.sources
    records = list(zip(*(src[c] if c in src.columns else [None] * len(src)
                         for c in ("published", "covers_start", "covers_end", "covers_kind"))))
    records = [tuple(None if v is None or (not isinstance(v, str) and pd.isna(v)) else v for v in r) for r in records]
    return from_sources(records, (min(firsts), max(lasts)) if firsts else None)


def covered(cov: Coverage | None, start: dt.date, end: dt.date) -> str:
    """``full``, ``partial`` or ``none``: how much of a window the data covers."""
    return "none" if cov is None else cov.status(start, end)


def window_for(ds: Dataset, pair: Pair, start=None, end=None, as_of=None, today=None) -> Window:
    return engagement.default_window(ds.events, pair, start, end, as_of, today)


def build(ds: Dataset, pair: Pair, start: dt.date | None = None, end: dt.date | None = None,
          as_of: dt.date | None = None, today: dt.date | None = None) -> dict:
    window = window_for(ds, pair, start, end, as_of, today)
    return assemble(pair, window, coverage(ds), ds.machine_coded, engagement.figures(ds.events, pair, window),
                    alignment.figures(ds.events, ds.positions, pair, window))


def assemble(pair: Pair, window: Window, cov: Coverage | None, machine_coded: bool, eng: dict, align: dict) -> dict:
    """The summary from its parts (``store.summary`` computes the parts its own way)."""
    eng["covered"] = covered(cov, window.start, window.end)
    prev = window.previous()
    eng["previous"]["covered"] = covered(cov, prev.start, prev.end)
    if not machine_coded:
        eng["friction"] = None  # curated data: every event is an engagement (DESIGN.md section 3)
    else:  # machine-coded data gives no levels or venues: unknown even where no row says so
        for figures in (eng, eng["previous"]):
            if not figures["total"]:
                figures["high_level"] = figures["venues"] = None
    return {
        "pair": "-".join(pair),
        "start": window.start.isoformat(),
        "end": window.end.isoformat(),
        "as_of": window.as_of.isoformat(),
        "coverage": None if cov is None else cov.as_json(window.start, window.end),
        "machine_coded": machine_coded,
        "engagement": eng,
        "alignment": align,
    }


def schema() -> dict:
    return json.loads(SUMMARY_SCHEMA.read_text(encoding="utf-8"))


def to_json(summary: dict) -> str:
    return json.dumps(summary, indent=2, ensure_ascii=False)
