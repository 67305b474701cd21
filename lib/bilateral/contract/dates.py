"""Dates of the data contract: a day ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when
the source is less precise. A partial date stands for its whole period."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

_SHAPE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_FORMS = "write YYYY-MM-DD, or YYYY-MM or YYYY when the source is less precise"


class Period(NamedTuple):
    first: dt.date
    last: dt.date
    precision: str  # "day", "month" or "year"


def parse_period(text: str) -> Period:
    """The period a contract date stands for; ValueError says what is wrong."""
    m = _SHAPE.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a date: {_FORMS}")
    year_s, month_s, day_s = m.groups()
    if (month_s and len(month_s) != 2) or (day_s and len(day_s) != 2):
        raise ValueError(f"{text!r} is not a date: month and day take two digits ({_FORMS})")
    year = int(year_s)
    if year < 1:
        raise ValueError(f"{text!r} is not a date: year 0000 does not exist")
    if month_s is None:
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    month = int(month_s)
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a date: month {month_s} does not exist")
    days = calendar.monthrange(year, month)[1]
    if day_s is None:
        return Period(dt.date(year, month, 1), dt.date(year, month, days), "month")
    day = int(day_s)
    if not 1 <= day <= days:
        raise ValueError(
            f"{text!r} is not a date: {calendar.month_name[month]} {year} has {days} days"
        )
    return Period(dt.date(year, month, day), dt.date(year, month, day), "day")


def parse_day(text: str, what: str = "date") -> dt.date:
    """A full ``YYYY-MM-DD`` day (parameters need a day, not a period); the message
    speaks of days only, whatever was wrong."""
    prefix = f"{what} " if what else ""
    try:
        period = parse_period(text)
    except ValueError as exc:
        reason = str(exc).split(": ", 1)[-1]
        if reason.startswith(("write ", "month and day take")):  # the shape: say what a day looks like
            reason = "write YYYY-MM-DD"
        raise ValueError(f"{prefix}{text!r} is not a day: {reason}") from None
    if period.precision != "day":
        raise ValueError(f"{prefix}{text!r} is not a day: write YYYY-MM-DD (a month or a year is not enough here)")
    return period.first


def quarter_label(day: dt.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"
