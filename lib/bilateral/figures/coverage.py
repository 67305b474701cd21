"""What the data covers: spans of time, their union with its gaps, and a window's share of it.

An importer records, per file, the span it covers and what kind of span it is (a GDELT 2.0
export: the 15 minutes of collection its DATEADDED gives; a GDELT 1.0 daily file: its day; a
backfile: its month or year; an ICEWS file: the event dates it holds). A curated dataset covers
the days from its first dated row to its last dated row or source publication (DESIGN.md
section 3). Spans are half-open ``[start, end)`` in whole seconds; a window of days
``start``–``end`` is ``[start 00:00, end + 1 day 00:00)``. Pure functions: no I/O.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SECOND = dt.timedelta(seconds=1)


@dataclass(frozen=True)
class Span:
    start: dt.datetime
    end: dt.datetime  # exclusive
    kind: str = ""

    def as_json(self) -> dict:
        out = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.kind:
            out["kind"] = self.kind
        return out


def day_span(first: dt.date, last: dt.date, kind: str = "") -> Span:
    """The whole days ``first``–``last``, both inclusive."""
    return Span(dt.datetime.combine(first, dt.time()), dt.datetime.combine(last + dt.timedelta(days=1), dt.time()), kind)


def union(spans: list[Span]) -> list[Span]:
    """The spans merged where they touch or overlap, in order (kinds joined where they merge)."""
    merged: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and s.start <= merged[-1].end:
            last = merged[-1]
            kinds = last.kind if s.kind in ("", last.kind) else (f"{last.kind}; {s.kind}" if last.kind else s.kind)
            merged[-1] = Span(last.start, max(last.end, s.end), kinds)
        else:
            merged.append(s)
    return merged


def gaps(merged: list[Span]) -> list[Span]:
    """The stretches between consecutive spans of a union: times no file covers."""
    return [Span(a.end, b.start) for a, b in zip(merged, merged[1:])]


def share(merged: list[Span], first: dt.date, last: dt.date) -> float:
    """The share of the days ``first``–``last`` that the union covers, 0 to 1 (1 only when whole)."""
    window = day_span(first, last)
    covered = sum(((min(s.end, window.end) - max(s.start, window.start)) for s in merged
                   if s.end > window.start and s.start < window.end), dt.timedelta())
    total = window.end - window.start
    if covered >= total:
        return 1.0
    value = covered / total
    return min(round(value, 4), 0.9999) if value else 0.0


def status(value: float) -> str:
    """``full``, ``partial`` or ``none``, from a share."""
    return "full" if value >= 1 else "partial" if value > 0 else "none"


def to_json(merged: list[Span], first: dt.date, last: dt.date, description: str | None) -> dict:
    """The ``coverage`` object of the summary for a window (``first``–``last``)."""
    start = merged[0].start.date()
    end = (merged[-1].end - SECOND).date()
    return {"start": start.isoformat(), "end": end.isoformat(),
            "spans": [s.as_json() for s in merged], "gaps": [g.as_json() for g in gaps(merged)],
            "share_of_window": share(merged, first, last), "description": description}


def parse(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@dataclass(frozen=True)
class Coverage:
    """A dataset's coverage: the per-file spans (empty for curated data), their union, and words."""
    files: tuple[Span, ...]
    spans: tuple[Span, ...]
    description: str | None

    def share(self, first: dt.date, last: dt.date) -> float:
        return share(list(self.spans), first, last)

    def status(self, first: dt.date, last: dt.date) -> str:
        return status(self.share(first, last))

    def as_json(self, first: dt.date, last: dt.date) -> dict:
        out = to_json(list(self.spans), first, last, self.description)
        out["files"] = [s.as_json() for s in self.files]
        return out


def from_sources(records: list[tuple], rows_span: tuple[dt.date, dt.date] | None) -> Coverage | None:
    """The coverage of a dataset from its sources' ``(published, covers_start, covers_end, covers_kind)``
    and the first and last day of its dated rows.

    Sources an importer gave a span cover that span, whatever the rows hold. Any other source
    (curated, or a store imported before spans were recorded) falls under DESIGN.md section 3:
    the days from the first dated row to the last dated row or publication."""
    files = [Span(parse(s), parse(e), k or "") for _, s, e, k in records if s and e]
    rest = [p for p, s, e, _ in records if not (s and e)]
    spans = list(files)
    if rest and rows_span is not None:
        from ..contract.dates import parse_period

        last = max([rows_span[1]] + [parse_period(p).last for p in rest if p])
        spans.append(day_span(rows_span[0], last))
    if not spans:
        return None
    return Coverage(tuple(sorted(files, key=lambda s: (s.start, s.end))), tuple(union(spans)), describe(files))


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _day(d: dt.date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _count(n: int, noun: str) -> str:
    return f"{_WORDS[n] if n < len(_WORDS) else f'{n:,}'} {noun}{'' if n == 1 else 's'}"


def _days(days: list[dt.date]) -> str:
    days = sorted(set(days))
    if len(days) > 4:
        return f"from {_day(days[0])} to {_day(days[-1])}"
    texts = [_day(d) for d in days]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


def _range(spans: list[Span]) -> str:
    first, last = min(s.start for s in spans).date(), max(s.end - SECOND for s in spans).date()
    return _day(first) if first == last else f"{_day(first)} to {_day(last)}"


def describe(files: list[Span]) -> str | None:
    """In words, what the files cover: "two 15-minute GDELT collections, 26 March 2018 and 24 October 2019"."""
    if not files:
        return None
    parts = []
    for kind in dict.fromkeys(s.kind for s in sorted(files, key=lambda s: s.start)):
        group = [s for s in files if s.kind == kind]
        n = len(group)
        if kind == "GDELT 2.0 15-minute collection":
            parts.append(f"{_count(n, '15-minute GDELT collection')}, {_days([s.start.date() for s in group])}")
        elif kind == "GDELT 1.0 daily collection":
            parts.append(f"{_count(n, 'daily GDELT collection')}, {_days([s.start.date() for s in group])}")
        elif kind == "GDELT 1.0 backfile year":
            parts.append(f"{_count(n, 'GDELT backfile')} of a year, {', '.join(str(s.start.year) for s in group)}")
        elif kind == "GDELT 1.0 backfile month":
            parts.append(f"{_count(n, 'GDELT backfile')} of a month, "
                         + ", ".join(f"{_MONTHS[s.start.month - 1]} {s.start.year}" for s in group))
        elif kind == "ICEWS event dates":
            parts.append(f"{_count(n, 'ICEWS file')} of events dated {_range(group)}")
        else:
            parts.append(f"{_count(n, 'file')} of {kind or 'dated rows'}, {_range(group)}")
    return "; ".join(parts)
