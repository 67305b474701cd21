"""What every section is computed from: the dataset, the pair, the window and the summary figures."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..figures import engagement
from ..dataset.load import Dataset
from ..figures.coverage import Span, day_span, parse, share
from ..figures.engagement import Window
from ..contract.names import country_name
from .footnotes import anchor
from .text import day_text, number


def _period_bounds(label: str) -> tuple[dt.date, dt.date]:
    if "Q" in label:
        year, q = int(label[:4]), int(label[-1])
        first = dt.date(year, 3 * q - 2, 1)
        nxt = dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    if len(label) == 7:
        year, month = int(label[:4]), int(label[5:])
        nxt = dt.date(year + (month == 12), 1 if month == 12 else month + 1, 1)
        return dt.date(year, month, 1), nxt - dt.timedelta(days=1)
    return dt.date(int(label), 1, 1), dt.date(int(label), 12, 31)


@dataclass
class Inputs:
    ds: Dataset
    pair: tuple[str, str]
    window: Window
    summary: dict
    min_sources: int = 0
    edition: dict | None = None  # the previous edition and the comparison with it (render's plan)
    votes: Path | None = None    # the store of UN votes (the parameter ``votes``); None: the shipped one

    # ``row_labels`` (every row the tables show, by kind: id -> footnote label E1, P2, S1…) is the
    # briefing's (``notebook.Briefing``): it is computed from every section, which read Inputs.

    def row_link(self, kind: str, row_id) -> dict | None:
        """A footnote mark for one row: its label and anchor, or None when no table shows it."""
        label = self.row_labels.get(kind, {}).get(str(row_id))
        return {"label": label, "href": anchor(kind, row_id), "to": None} if label else None

    @cached_property
    def source_labels(self) -> dict[str, str]:
        """How a citation names each source: "source N", N its row in the Sources table."""
        return {sid: f"source {i}" for i, sid in enumerate(self.ds.sources["source_id"], start=1)}

    @cached_property
    def names(self) -> dict[str, str]:
        return {c: country_name(c) for c in self.pair}

    @property
    def title(self) -> str:
        a, b = self.pair
        return f"{self.names[a]}–{self.names[b]} relations"

    @property
    def source_line(self) -> str:
        n = len(self.ds.sources)
        return (f"{self.ds.path.name} dataset ({number(n, 'source')}); "
                f"bilateral, as of {day_text(self.window.as_of)}")

    @cached_property
    def pair_events(self) -> pd.DataFrame:
        return engagement.timeline(self.ds.events, self.pair, self.window)

    @cached_property
    def coverage_spans(self) -> list[Span] | None:
        """The union of what the data covers, from the summary (None: nothing is known)."""
        cov = self.summary["coverage"]
        if not cov:
            return None
        return [Span(parse(s["start"]), parse(s["end"])) for s in cov["spans"]]

    def no_data(self, periods: list[str]) -> list[bool]:
        """For each period label (``2024``, ``2024Q1``, ``2024-01``), whether no file covers any of
        it within the window: such a period is drawn as no data, never as 0."""
        spans = self.coverage_spans or []
        flags = []
        for label in periods:
            first, last = _period_bounds(label)
            first, last = max(first, self.window.start), min(last, self.window.end)
            flags.append(first <= last and share(spans, first, last) == 0)
        return flags

    def uncovered(self) -> list[tuple[dt.datetime, dt.datetime]]:
        """The stretches of the window no file covers."""
        window = day_span(self.window.start, self.window.end)
        spans = [s for s in (self.coverage_spans or []) if s.end > window.start and s.start < window.end]
        edges = [window.start] + [t for s in spans for t in (max(s.start, window.start), min(s.end, window.end))] + [window.end]
        return [(a, b) for a, b in zip(edges[::2], edges[1::2]) if b > a]

    def position(self, position_id):
        """The row of positions.csv with this id, or None."""
        if position_id is None or (not isinstance(position_id, str) and pd.isna(position_id)):
            return None
        return self.ds.positions.loc[self.ds.positions["position_id"] == position_id].iloc[0]
