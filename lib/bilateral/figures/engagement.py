"""Engagement frequency: how often, at what level, who visits whom, where.

Pure functions over the events table of a loaded dataset (DESIGN.md section 3):
events in, a tidy DataFrame or a dict of figures out; no I/O, no plotting, no
clock (the window and ``as_of`` are always passed in).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from statistics import median

import pandas as pd

from ..contract import vocab
from ..contract.dates import quarter_label
from ..errors import ParameterError

Pair = tuple[str, str]


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date
    as_of: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Window":
        end = self.start - dt.timedelta(days=1)
        start = end - dt.timedelta(days=self.days - 1)
        return Window(start, end, end)


def pair_events(events: pd.DataFrame, pair: Pair) -> pd.DataFrame:
    """Every event whose two actors are the pair's two countries, either order."""
    a, b = pair
    forward = (events["actor1_country"] == a) & (events["actor2_country"] == b)
    backward = (events["actor1_country"] == b) & (events["actor2_country"] == a)
    return events[(forward | backward).fillna(False)]


def counted(events: pd.DataFrame) -> pd.DataFrame:
    """Events that count: those ``part_of`` another are counted through their parent."""
    return events[events["part_of"].isna()]


def default_window(events: pd.DataFrame, pair: Pair, start: dt.date | None = None,
                   end: dt.date | None = None, as_of: dt.date | None = None,
                   today: dt.date | None = None) -> Window:
    """The window of DESIGN.md section 3: the pair's first to last day by default.

    With no events, the last 365 days to ``today`` (``as_of`` when given); only
    then is the clock needed, and the caller passes it in.
    """
    ev = counted(pair_events(events, pair))
    span = None if ev.empty else (ev["first_day"].min().date(), ev["end_day"].max().date())
    return window_from_span(span, start, end, as_of, today)


def window_from_span(span: tuple[dt.date, dt.date] | None, start: dt.date | None = None,
                     end: dt.date | None = None, as_of: dt.date | None = None,
                     today: dt.date | None = None) -> Window:
    """The window given the first and last day of the pair's counted events (``None``:
    there are none) and the parameters; see ``default_window``. With ``as_of`` and no
    ``end``, the window ends on the as-of day."""
    if span is None:
        anchor = end or as_of or today or dt.date.today()
        default_end, default_start = anchor, anchor - dt.timedelta(days=364)
    else:
        default_start, default_end = span
    s = start or default_start
    # A briefing as of a day covers nothing after it: the end defaults to the as-of day.
    e = end or (as_of if as_of else default_end)
    if span is not None:
        # One end given, the other defaulted to the pair's rows, and the window misses them
        # all: say so, naming the parameter, instead of a one-day window with nothing in it.
        if start and not (end or as_of) and s > span[1]:
            raise ParameterError(f"parameter 'start': {s} is after the pair's last row ({span[1]}); the window "
                                 "would hold none (give --end too for a window with no rows)")
        if not start and e < span[0]:
            name = "end" if end else "as_of"
            raise ParameterError(f"parameter {name!r}: {e} is before the pair's first row ({span[0]}); the window "
                                 "would hold none (give --start too for a window with no rows)")
    if start and not end and e < s:
        e = s  # a start after the last event: a one-day window, not an inverted one
    if end and not start and s > e:
        s = e
    return Window(s, e, as_of or e)


def in_window(events: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Events whose whole date period lies in the window (multi-day events by their first day)."""
    start, end = pd.Timestamp(window.start), pd.Timestamp(window.end)
    return events[(events["first_day"] >= start) & (events["last_day"] <= end)]


def window_events(events: pd.DataFrame, pair: Pair, window: Window) -> pd.DataFrame:
    """The counted events of the pair in the window, sorted by date."""
    ev = in_window(counted(pair_events(events, pair)), window)
    return ev.sort_values(["first_day", "event_id"], kind="mergesort")


# --------------------------------------------------------------------------- #
# Tidy tables
# --------------------------------------------------------------------------- #
def year_labels(window: Window) -> list[str]:
    return [str(y) for y in range(window.start.year, window.end.year + 1)]


def quarter_labels(window: Window) -> list[str]:
    out, y, q = [], window.start.year, (window.start.month - 1) // 3
    while (y, q) <= (window.end.year, (window.end.month - 1) // 3):
        out.append(f"{y}Q{q + 1}")
        y, q = (y + 1, 0) if q == 3 else (y, q + 1)
    return out


def month_labels(window: Window) -> list[str]:
    out, y, m = [], window.start.year, window.start.month
    while (y, m) <= (window.end.year, window.end.month):
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def by_period(events: pd.DataFrame, pair: Pair, window: Window, freq: str = "year") -> pd.DataFrame:
    """Counts per year or quarter, every period of the window, zeros included.

    Columns ``period``, ``events``. A month-precise event counts in its quarter
    and year, a year-precise one only in its year.
    """
    ev = window_events(events, pair, window)
    if freq == "year":
        periods = year_labels(window)
        keys = ev["first_day"].dt.year.astype(str)
    elif freq == "quarter":
        periods = quarter_labels(window)
        ev = ev[ev["precision"] != "year"]
        keys = pd.Series([quarter_label(d.date()) for d in ev["first_day"]], index=ev.index, dtype="object")
    else:
        raise ValueError(f"freq must be 'year' or 'quarter', not {freq!r}")
    counts = keys.value_counts()
    return pd.DataFrame({"period": periods,
                         "events": [int(counts.get(p, 0)) for p in periods]})


def by_category(events: pd.DataFrame, pair: Pair, window: Window, column: str) -> pd.DataFrame:
    """Counts of the values of ``column`` (``event_type`` or ``level``) that occur, in vocabulary order."""
    order = {"event_type": list(vocab.EVENT_TYPES), "level": list(vocab.LEVELS)}[column]
    counts = window_events(events, pair, window)[column].value_counts()
    rows = [(v, int(counts[v])) for v in order if v in counts.index]
    return pd.DataFrame(rows, columns=[column, "events"])


def visits(events: pd.DataFrame, pair: Pair, window: Window) -> pd.DataFrame:
    """Visits by direction (``IND->BLR``: an Indian delegation travelled to Belarus), both rows always."""
    ev = window_events(events, pair, window)
    ev = ev[ev["event_type"] == "visit"]
    a, b = pair
    rows = []
    for traveller, host in ((a, b), (b, a)):
        n = int(((ev["actor1_country"] == traveller) & (ev["actor2_country"] == host)).sum())
        rows.append((f"{traveller}->{host}", traveller, host, n))
    return pd.DataFrame(rows, columns=["direction", "traveller", "host", "visits"])


# Quad classes of CAMEO (and GDELT's QuadClass column): 1 verbal and 2 material cooperation,
# 3 verbal and 4 material conflict.
FRICTION_QUAD_CLASSES = (3, 4)


def is_friction(events: pd.DataFrame) -> pd.Series:
    """Machine-coded rows of quad class 3 or 4 (accusations, threats, protests, force): friction,
    not engagement. Curated rows, and coded rows of unknown quad class, are never friction."""
    if "machine_coded" not in events.columns or "quad_class" not in events.columns:
        return pd.Series(False, index=events.index)
    return (events["machine_coded"].astype(bool) & events["quad_class"].isin(FRICTION_QUAD_CLASSES)).astype(bool)


def engagements(events: pd.DataFrame) -> pd.DataFrame:
    """The rows that are engagements: every row but friction."""
    return events[~is_friction(events)]


def _friction_window(events: pd.DataFrame, window: Window) -> dict:
    ev = in_window(events, window)
    quads = ev["quad_class"].astype(int).value_counts()
    codes = ev["cameo_code"].dropna().astype(str) if "cameo_code" in ev.columns else pd.Series([], dtype=str)
    roots = codes.str[:2].value_counts()
    return {"start": window.start.isoformat(), "end": window.end.isoformat(), "total": int(len(ev)),
            "by_quad_class": {str(q): int(quads.get(q, 0)) for q in FRICTION_QUAD_CLASSES},
            "by_cameo_root": {str(r): int(roots[r]) for r in sorted(roots.index)}}


def friction(events: pd.DataFrame, pair: Pair, window: Window) -> dict:
    """Friction of the pair in the window: ``total``, ``by_quad_class`` (``"3"``, ``"4"``),
    ``by_cameo_root`` (two-digit roots that occur) and the same for the ``previous`` window."""
    rows = counted(pair_events(events, pair))
    rows = rows[is_friction(rows)]
    out = _friction_window(rows, window)
    out["previous"] = _friction_window(rows, window.previous())
    return out


def high_level(events: pd.DataFrame) -> pd.DataFrame:
    return events[events["level"].isin(vocab.HIGH_LEVELS)]


def levels_known(window_events: pd.DataFrame) -> bool:
    """False when every event of the window has an unknown level (machine-coded data):
    level figures are then null, not 0. Decided on the window alone, so that events
    outside it never change a figure."""
    return window_events.empty or bool((window_events["level"] != "unknown").any())


def venues_known(window_events: pd.DataFrame) -> bool:
    """False when every event of the window is machine-coded (such data gives no venue)."""
    if window_events.empty or "machine_coded" not in window_events.columns:
        return True
    return not bool(window_events["machine_coded"].all())


def last_high_level(events: pd.DataFrame, pair: Pair, as_of: dt.date) -> dict | None:
    """The latest day-dated high-level event on or before ``as_of`` (any window)."""
    ev = high_level(counted(pair_events(events, pair)))
    ev = ev[(ev["precision"] == "day") & (ev["first_day"] <= pd.Timestamp(as_of))]
    if ev.empty:
        return None
    ev = ev.sort_values(["first_day", "event_id"], kind="mergesort")
    row = ev.iloc[-1]
    return {"date": row["first_day"].date().isoformat(), "event_id": str(row["event_id"])}


def high_level_gaps(events: pd.DataFrame, pair: Pair, window: Window) -> list[int]:
    """Days between consecutive distinct dates of high-level events in the window."""
    ev = high_level(window_events(events, pair, window))
    days = sorted({d.date() for d in ev.loc[ev["precision"] == "day", "first_day"]})
    return [(b - a).days for a, b in zip(days, days[1:])]


def _mean(values: pd.Series):
    known = values.dropna()
    return math.fsum(known) / len(known) if len(known) else pd.NA


def cooperation(events: pd.DataFrame, pair: Pair, window: Window) -> pd.DataFrame | None:
    """Monthly cooperation index of machine-coded events, or None without such columns.

    Columns ``month``, ``events`` (with a Goldstein score or quad class),
    ``goldstein_mean`` and ``cooperative_share`` (quad classes 1 and 2), every
    month of the window.
    """
    if "goldstein" not in events.columns or not (
            events["goldstein"].notna().any() or events["quad_class"].notna().any()):
        return None
    ev = window_events(events, pair, window)
    ev = ev[(ev["precision"] != "year") & (ev["goldstein"].notna() | ev["quad_class"].notna())]
    grouped = pd.DataFrame({
        "month": ev["first_day"].dt.strftime("%Y-%m"),
        "goldstein": ev["goldstein"].astype("Float64"),
        "cooperative": ev["quad_class"].isin([1, 2]).astype("Float64").where(ev["quad_class"].notna()),
    }).groupby("month")
    # fsum: the exactly rounded sum, so a mean never depends on the order of the rows
    # (a pairwise or left-to-right sum can differ in the last bit and flip the third decimal)
    counts, gold, coop = grouped.size(), grouped["goldstein"].agg(_mean), grouped["cooperative"].agg(_mean)
    rows = []
    for m in month_labels(window):
        g = gold.get(m, pd.NA)
        c = coop.get(m, pd.NA)
        rows.append({
            "month": m,
            "events": int(counts.get(m, 0)),
            "goldstein_mean": None if pd.isna(g) else round(float(g), 3),
            "cooperative_share": None if pd.isna(c) else round(float(c), 3),
        })
    return pd.DataFrame(rows, columns=["month", "events", "goldstein_mean", "cooperative_share"])


# --------------------------------------------------------------------------- #
# The figures of DESIGN.md section 3, as one dict
# --------------------------------------------------------------------------- #
def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _as_dict(frame: pd.DataFrame, key: str, value: str) -> dict[str, int]:
    return {str(k): int(v) for k, v in zip(frame[key], frame[value])}


def figures(events: pd.DataFrame, pair: Pair, window: Window, with_previous: bool = True) -> dict:
    coded = counted(pair_events(events, pair))  # once; the helpers below filter again cheaply
    events = engagements(coded)  # friction (quad classes 3 and 4 of coded rows) is counted apart
    ev = window_events(events, pair, window)
    a, b = pair
    known_levels = levels_known(ev)
    venue_known = venues_known(ev)
    by_type = by_category(events, pair, window, "event_type")
    by_level = by_category(events, pair, window, "level")
    gaps = high_level_gaps(events, pair, window)
    last = last_high_level(events, pair, window.as_of)
    multilateral = int(ev["venue"].notna().sum())
    coop = cooperation(coded, pair, window)  # the tone of every coded row, friction included
    out = {
        "start": window.start.isoformat(),
        "end": window.end.isoformat(),
        "total": int(len(ev)),
        "by_type": _as_dict(by_type, "event_type", "events"),
        "by_level": _as_dict(by_level, "level", "events"),
        "by_year": _as_dict(by_period(events, pair, window, "year"), "period", "events"),
        "by_quarter": _as_dict(by_period(events, pair, window, "quarter"), "period", "events"),
        "high_level": int(len(high_level(ev))) if known_levels else None,
        "visits": _as_dict(visits(events, pair, window), "direction", "visits"),
        "venues": ({"bilateral": int(len(ev)) - multilateral, "multilateral": multilateral}
                   if venue_known else None),
        "last_high_level": last,
        "days_since_last_high_level": (
            (window.as_of - dt.date.fromisoformat(last["date"])).days if last else None),
        "median_days_between_high_level": float(median(gaps)) if gaps else None,
        "undated": int((ev["precision"] != "day").sum()),
        # machine-coded data: the events weighted by how often the media mentioned them
        "mentions": (int(ev["num_mentions"].sum()) if "num_mentions" in ev and ev["num_mentions"].notna().any()
                     else None),
        "cooperation": (None if coop is None else
                        {r["month"]: {"events": int(r["events"]), "goldstein_mean": _number(r["goldstein_mean"]),
                                      "cooperative_share": _number(r["cooperative_share"])}
                         for r in coop.to_dict("records")}),
    }
    if with_previous:
        prev = window.previous()
        out["previous"] = figures(coded, pair, prev, with_previous=False)
        out["friction"] = friction(coded, pair, window)
    return out


def timeline(events: pd.DataFrame, pair: Pair, window: Window) -> pd.DataFrame:
    """Every engagement of the pair in the window (friction apart), counted or not, for the timeline.

    An event that is ``part_of`` another is shown (it says what happened during
    the parent) but flagged ``counted == False``.
    """
    ev = in_window(engagements(pair_events(events, pair)), window).copy()
    ev["counted"] = ev["part_of"].isna()
    return ev.sort_values(["first_day", "counted", "event_id"], ascending=[True, False, True],
                          kind="mergesort").reset_index(drop=True)
