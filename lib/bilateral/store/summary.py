"""The summary of one pair read straight from a Parquet store: one DuckDB query, no pandas.

``summary.build`` works on a loaded dataset; for a pair of a few thousand events of a
store, loading it (the pair query, pandas frames, the per-value checks) and the pandas
figures take about 0.3 s. Here one DuckDB query reads the pair's rows, the pair filter
and the column projection pushed down to the Parquet scan, and the figures are computed
over plain tuples. They are the same figures: ``summary.build`` is the definition, and
a test compares the two, figure by figure, on random stores and windows.

Only a store this path can vouch for takes it: one an importer wrote (its manifest
lists ``events.parquet`` and ``sources.parquet`` with their sizes, and nothing else),
whose rows hold contract values. Anything else — no manifest, a size that changed, a
positions table, a value outside the vocabularies — returns ``None`` and the caller
loads the dataset in full, which validates it and names any problem.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter, namedtuple
from pathlib import Path
from statistics import median

from .. import vocab
from ..alignment import STATUSES
from ..coverage import from_sources
from ..dates import Period, parse_period, quarter_label
from ..engagement import FRICTION_QUAD_CLASSES, Pair, Window, month_labels, quarter_labels, window_from_span, year_labels
from . import MANIFEST, event_files, is_store

_EVENT_COLUMNS = ("event_id", "date", "end_date", "event_type", "level", "actor1_country", "actor2_country",
                  "venue", "part_of", "topics", "num_mentions", "goldstein", "quad_class", "source_id", "num_sources",
                  "cameo_code")
_HIGH = frozenset(vocab.HIGH_LEVELS)


_Row = namedtuple("_Row", _EVENT_COLUMNS)


class _Unsure(Exception):
    """A row or file this path will not vouch for: load the dataset in full instead."""


def eligible(root: Path) -> bool:
    """An importer's store, unchanged since (sizes as in its manifest), of events and sources only."""
    if not is_store(root):
        return False
    try:
        files = json.loads((root / MANIFEST).read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError):
        return False
    events = {p.relative_to(root).as_posix() for p in event_files(root)}  # either layout
    if set(files) != events | {"sources.parquet"}:
        return False
    tables = {p.name for p in root.iterdir() if p.suffix in (".parquet", ".csv")} | events
    if tables != set(files):
        return False
    return all((root / name).stat().st_size == info.get("bytes") for name, info in files.items())


def _rows(con, root: Path, pair: Pair) -> tuple[list[_Row], list[tuple]]:
    a, b = pair
    files = [str(p) for p in event_files(root)]  # either layout
    present = {r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?, hive_partitioning = false)",
                                         [files]).fetchall()}
    columns = [c if c in present or c != "cameo_code" else "NULL AS cameo_code" for c in _EVENT_COLUMNS]  # optional
    events = con.execute(
        f"SELECT {', '.join(columns)} FROM read_parquet(?, hive_partitioning = false) "
        "WHERE (actor1_country = ? AND actor2_country = ?) OR (actor1_country = ? AND actor2_country = ?)",
        [files, a, b, b, a]).fetchall()
    events = [_Row._make(r) for r in events]
    present = {r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(root / "sources.parquet")]).fetchall()}
    spans = [c if c in present else f"NULL AS {c}" for c in ("covers_start", "covers_end", "covers_kind")]
    sources = con.execute(f"SELECT source_id, source_type, published, {', '.join(spans)} FROM read_parquet(?)",
                          [str(root / "sources.parquet")]).fetchall()
    return events, sources


class _Event:
    __slots__ = ("event_id", "first", "last", "end", "precision", "event_type", "level", "actor1", "actor2",
                 "venue", "counted", "topics", "mentions", "goldstein", "quad", "machine", "cameo", "friction")

    def __init__(self, row: _Row, periods: dict, machine_sources: set):
        self.event_id, self.event_type, self.level, self.venue = row.event_id, row.event_type, row.level, row.venue
        self.actor1, self.actor2, self.topics = row.actor1_country, row.actor2_country, row.topics
        self.mentions, self.goldstein, self.quad = row.num_mentions, row.goldstein, row.quad_class
        self.cameo = row.cameo_code
        date, end_date, part_of, source_id = row.date, row.end_date, row.part_of, row.source_id
        period = periods.get(date) or periods.setdefault(date, _period(date))
        self.first, self.last, self.precision = period
        self.end = (periods.get(end_date) or periods.setdefault(end_date, _period(end_date))).last if end_date else self.last
        self.counted = part_of is None
        self.machine = source_id in machine_sources
        self.friction = self.machine and self.quad in FRICTION_QUAD_CLASSES  # as engagement.is_friction
        if self.event_type not in vocab.EVENT_TYPES or self.level not in vocab.LEVELS:
            raise _Unsure


def _period(text):
    try:
        if len(text) == 10 and text[4] == text[7] == "-":  # a day, as importers write them: the C parser
            day = dt.date.fromisoformat(text)
            return Period(day, day, "day")
        return parse_period(text)
    except (TypeError, ValueError):
        raise _Unsure from None


def _in_window(events: list[_Event], window: Window) -> list[_Event]:
    return [e for e in events if e.first >= window.start and e.last <= window.end]


def _cooperation(counted: list[_Event], ev: list[_Event], window: Window) -> dict | None:
    if not any(e.goldstein is not None or e.quad is not None for e in counted):
        return None
    months: dict[str, list] = {}
    for e in ev:
        if e.precision != "year" and (e.goldstein is not None or e.quad is not None):
            months.setdefault(f"{e.first.year}-{e.first.month:02d}", []).append(e)
    out = {}
    for m in month_labels(window):
        rows = months.get(m, [])
        gold = [e.goldstein for e in rows if e.goldstein is not None]
        coop = [1.0 if e.quad in (1, 2) else 0.0 for e in rows if e.quad is not None]
        out[m] = {"events": len(rows),
                  # math.fsum as engagement.cooperation: the same mean whatever the row order
                  "goldstein_mean": round(math.fsum(gold) / len(gold), 3) if gold else None,
                  "cooperative_share": round(math.fsum(coop) / len(coop), 3) if coop else None}
    return out


def _friction(coded: list[_Event], window: Window) -> dict:
    ev = [e for e in _in_window(coded, window) if e.friction]
    quads = Counter(e.quad for e in ev)
    roots = Counter(str(e.cameo)[:2] for e in ev if e.cameo is not None)
    return {"start": window.start.isoformat(), "end": window.end.isoformat(), "total": len(ev),
            "by_quad_class": {str(q): quads[q] for q in FRICTION_QUAD_CLASSES},
            "by_cameo_root": {r: roots[r] for r in sorted(roots)}}


def _engagement(coded: list[_Event], pair: Pair, window: Window, with_previous: bool = True) -> dict:
    counted = [e for e in coded if not e.friction]  # friction is counted apart (engagement.is_friction)
    ev = _in_window(counted, window)  # no figure depends on the order of the rows
    a, b = pair
    known_levels = not ev or any(e.level != "unknown" for e in ev)
    venue_known = not ev or not all(e.machine for e in ev)
    types, levels = Counter(e.event_type for e in ev), Counter(e.level for e in ev)
    high_days = sorted({e.first for e in ev if e.level in _HIGH and e.precision == "day"})
    gaps = [(y - x).days for x, y in zip(high_days, high_days[1:])]
    highs = [e for e in counted if e.level in _HIGH and e.precision == "day" and e.first <= window.as_of]
    top = max(highs, key=lambda e: (e.first, e.event_id)) if highs else None
    last = {"date": top.first.isoformat(), "event_id": str(top.event_id)} if top else None
    years = Counter(str(e.first.year) for e in ev)
    quarters = Counter(quarter_label(e.first) for e in ev if e.precision != "year")
    multilateral = sum(1 for e in ev if e.venue is not None)
    visits = Counter((e.actor1, e.actor2) for e in ev if e.event_type == "visit")
    mentions = [e.mentions for e in ev if e.mentions is not None]
    out = {
        "start": window.start.isoformat(),
        "end": window.end.isoformat(),
        "total": len(ev),
        "by_type": {t: types[t] for t in vocab.EVENT_TYPES if types[t]},
        "by_level": {lv: levels[lv] for lv in vocab.LEVELS if levels[lv]},
        "by_year": {y: years[y] for y in year_labels(window)},
        "by_quarter": {q: quarters[q] for q in quarter_labels(window)},
        "high_level": sum(1 for e in ev if e.level in _HIGH) if known_levels else None,
        "visits": {f"{t}->{h}": visits[(t, h)] for t, h in ((a, b), (b, a))},
        "venues": {"bilateral": len(ev) - multilateral, "multilateral": multilateral} if venue_known else None,
        "last_high_level": last,
        "days_since_last_high_level": (window.as_of - top.first).days if top else None,
        "median_days_between_high_level": float(median(gaps)) if gaps else None,
        "undated": sum(1 for e in ev if e.precision != "day"),
        "mentions": int(sum(mentions)) if mentions else None,
        "cooperation": _cooperation(coded, _in_window(coded, window), window),
    }
    if with_previous:
        out["previous"] = _engagement(coded, pair, window.previous(), with_previous=False)
        out["friction"] = {**_friction(coded, window), "previous": _friction(coded, window.previous())}
    return out


def _alignment(events: list[_Event], pair: Pair, window: Window) -> dict:
    """An importer's store records no positions: no topic has a stance; topics its events
    touch on (if any) are discussed without one."""
    order = list(vocab.TOPICS)
    discussed = {t.strip() for e in _in_window(events, window) if e.topics for t in str(e.topics).split(";")
                 if t.strip()}
    if any(t not in order for t in discussed):
        raise _Unsure
    return {
        "topics": [],
        "counts": {s: 0 for s in STATUSES},
        "reciprocal_support": [],
        "topics_over_time": {q: {side: [] for side in pair} for q in quarter_labels(window)},
        "discussed_without_positions": sorted(discussed, key=order.index),
    }


def build(path, pair: Pair, start: dt.date | None = None, end: dt.date | None = None,
          as_of: dt.date | None = None, today: dt.date | None = None, min_sources: int = 0,
          con=None) -> dict | None:
    """``summary.build(load(path, pair), pair, ...)`` for a store, or ``None`` where unsure."""
    from ..summary import assemble

    root = Path(path)
    if not eligible(root):
        return None
    own = con is None
    if own:
        import duckdb

        con = duckdb.connect()
    try:
        rows, sources = _rows(con, root, pair)
        machine_sources = {sid for sid, kind, *_ in sources if kind == "machine-coded"}
        # as load: the flag before --min-sources, the figures after it
        machine_coded = any(r.source_id in machine_sources for r in rows)
        if min_sources:
            rows = [r for r in rows if r.num_sources is None or r.num_sources >= min_sources]
        periods: dict = {}
        events = [_Event(r, periods, machine_sources) for r in rows]
        for _, _, p, *_ in sources:
            if p is not None:
                _period(p)  # a bad publication date: the full load names it
    except _Unsure:
        return None
    finally:
        if own:
            con.close()  # no DuckDB thread left behind for a later fork
    counted = [e for e in events if e.counted]
    span = (min(e.first for e in counted), max(e.end for e in counted)) if counted else None
    window = window_from_span(span, start, end, as_of, today)
    coverage = from_sources([tuple(r[2:]) for r in sources],
                            (min(ev.first for ev in events), max(ev.end for ev in events)) if events else None)
    try:
        alignment = _alignment(events, pair, window)
    except _Unsure:
        return None
    return assemble(pair, window, coverage, machine_coded, _engagement(counted, pair, window), alignment)
