"""Dates in a sentence, resolved against the article's publication date.

Explicit dates ("on January 19", "11-13 March 2024", "March 11-13"), weekdays
("on Tuesday"), relative days ("later this evening", "yesterday"), relative
months ("earlier this month", "last month"), months ("in July", kept at month
precision) and vague futures ("next year", "later this year": a plan, not a
date). A date without a year takes the year that puts it nearest the
publication, on the side the tense points to.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_M = r"(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"(?P<{}>\d{{1,2}})(?:st|nd|rd|th)?"
_Y = r"(?:,?\s+(?P<{}>\d{{4}}))?"
_DASH = r"\s*(?:-|–|—|to|and)\s*"


def _p(template: str, *names: str) -> str:
    return template.format(*names)


PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("day_range_dmy", re.compile(r"\b" + _D.format("d1") + _DASH + _D.format("d2") + r"\s+(?:of\s+)?" + _M.format("m") + _Y.format("y"), re.I)),
    ("day_range_mdy", re.compile(r"\b" + _M.format("m") + r"\s+" + _D.format("d1") + _DASH + _D.format("d2") + r"\b" + _Y.format("y"), re.I)),
    ("day_dmy", re.compile(r"\b" + _D.format("d") + r"\s+(?:of\s+)?" + _M.format("m") + _Y.format("y"), re.I)),
    ("day_mdy", re.compile(r"\b" + _M.format("m") + r"\s+" + _D.format("d") + r"\b(?!\s*(?:-|–)\s*\d)" + _Y.format("y"), re.I)),
    ("month_year", re.compile(r"\b(?:(?:early|mid|late|in|during|since)[\s-]+)?" + _M.format("m") + r"\s+(?P<y>\d{4})\b", re.I)),
    ("month", re.compile(r"\b(?:in|during|early|mid|late|since)[\s-]+(?:early\s+|mid[\s-]+|late\s+)?" + _M.format("m") + r"\b(?!\s+\d)", re.I)),
    ("year", re.compile(r"\b(?:in|during)\s+(?P<y>(?:19|20)\d\d)\b(?!\s*[-–/]\d)", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|this|next|on)\s+)?(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
    ("today", re.compile(r"\b(?:later\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I)),
    ("yesterday", re.compile(r"\byesterday\b", re.I)),
    ("tomorrow", re.compile(r"\btomorrow\b", re.I)),
    ("this_month", re.compile(r"\b(?:earlier|later)?\s*this\s+month\b", re.I)),
    ("last_month", re.compile(r"\blast\s+month\b", re.I)),
    ("this_year", re.compile(r"\bearlier\s+this\s+year\b", re.I)),
    ("last_year", re.compile(r"\blast\s+year\b", re.I)),
    ("vague_future", re.compile(r"\b(?:next\s+(?:year|month|week)|later\s+this\s+(?:year|month)|in\s+the\s+(?:coming|near)\s+(?:future|months|weeks|year)|in\s+due\s+course|soon)\b", re.I)),
    ("anaphoric", re.compile(r"\b(?:at\s+that\s+time|on\s+that\s+occasion|(?:on\s+)?the\s+same\s+day|at\s+the\s+time|"
                             r"on\s+(?:the\s+same|this)\s+occasion|(?:on\s+)?the\s+(?:next|following)\s+day|a\s+day\s+later|the\s+day\s+after|later\s+that\s+day|"
                             r"that\s+(?:afternoon|morning|evening|night))\b", re.I)),
]
# Kinds that give a date a row can carry; the others are markers.
EXPLICIT = {"iso", "day_range_dmy", "day_range_mdy", "day_dmy", "day_mdy", "month_year", "month", "year"}
RELATIVE = {"weekday", "today", "yesterday", "tomorrow", "this_month", "last_month", "this_year", "last_year"}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    kind: str
    date: str | None           # contract form: YYYY-MM-DD, YYYY-MM or YYYY
    end_date: str | None = None

    @property
    def precision(self) -> str:
        return {10: "day", 7: "month", 4: "year"}.get(len(self.date or ""), "none")


def _nearest_year(month: int, day: int, published: dt.date, tense: str) -> int:
    """The year putting month/day nearest the publication, on the tense's side."""
    best = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            d = dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
        except ValueError:
            continue
        delta = (d - published).days
        if tense == "past" and delta > 0:
            continue
        if tense == "future" and delta < 0:
            continue
        if best is None or abs(delta) < abs(best[1]):
            best = (year, delta)
    return best[0] if best else published.year


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _resolve(kind: str, g: dict, published: dt.date, tense: str) -> tuple[str | None, str | None]:
    if kind == "iso":
        return _day(int(g["y"]), int(g["m"]), int(g["d"])), None
    if kind in ("day_range_dmy", "day_range_mdy"):
        m = MONTHS[g["m"].lower()]
        d1, d2 = int(g["d1"]), int(g["d2"])
        y = int(g["y"]) if g.get("y") else _nearest_year(m, d1, published, tense)
        return _day(y, m, d1), _day(y, m, d2)
    if kind in ("day_dmy", "day_mdy"):
        m = MONTHS[g["m"].lower()]
        d = int(g["d"])
        y = int(g["y"]) if g.get("y") else _nearest_year(m, d, published, tense)
        return _day(y, m, d), None
    if kind == "month_year":
        return f"{int(g['y']):04d}-{MONTHS[g['m'].lower()]:02d}", None
    if kind == "year":
        return g["y"], None
    if kind == "month":
        m = MONTHS[g["m"].lower()]
        return f"{_nearest_year(m, 15, published, tense):04d}-{m:02d}", None
    if kind == "weekday":
        target = WEEKDAYS[g["w"].lower()]
        rel = (g.get("rel") or "").lower()
        back = (published.weekday() - target) % 7
        ahead = (target - published.weekday()) % 7
        if rel == "last" or (tense == "past" and rel != "next"):
            return (published - dt.timedelta(days=back)).isoformat(), None
        if rel == "next":
            return (published + dt.timedelta(days=ahead or 7)).isoformat(), None
        if tense == "future":
            return (published + dt.timedelta(days=ahead)).isoformat(), None
        # Untensed: the nearer of the two.
        delta = -back if back <= ahead else ahead
        return (published + dt.timedelta(days=delta)).isoformat(), None
    if kind == "today":
        return published.isoformat(), None
    if kind == "yesterday":
        return (published - dt.timedelta(days=1)).isoformat(), None
    if kind == "tomorrow":
        return (published + dt.timedelta(days=1)).isoformat(), None
    if kind == "this_month":
        return f"{published.year:04d}-{published.month:02d}", None
    if kind == "last_month":
        first = published.replace(day=1) - dt.timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}", None
    if kind == "this_year":
        return f"{published.year:04d}", None
    if kind == "last_year":
        return f"{published.year - 1:04d}", None
    return None, None


def find(text: str, published: dt.date, tense: str = "none") -> list[DateMention]:
    """Date mentions in ``text``, left to right, none overlapping (earlier patterns win)."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            date, end = _resolve(kind, m.groupdict(), published, tense)
            if kind in EXPLICIT | RELATIVE and date is None:
                continue  # 30 February: not a date
            taken.append((s, e))
            found.append(DateMention(s, e, kind, date, end))
    return sorted(found, key=lambda d: d.start)


def within(day: str, first: str, last: str | None) -> bool:
    """Whether a day (or the start of a period) lies in first..last (inclusive)."""
    last = last or first
    return first[: len(day)] <= day <= last + "~" if len(day) < 10 else first <= day <= (last if len(last) == 10 else last + "~")
