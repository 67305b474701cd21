"""Small text helpers the sections write their sentences with (plain text, never markup)."""
from __future__ import annotations

import datetime as dt
import re

from ..contract.dates import parse_period

_NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def safe_url(url) -> str | None:
    """The URL if it is http(s), else None: no other scheme is ever linked."""
    if isinstance(url, str) and re.match(r"^https?://[^\s\"'<>]+$", url.strip()):
        return url.strip()
    return None


def word(n: int) -> str:
    """Small counts in words, as a briefing writes them; larger ones in figures."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else f"{n:,}"


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{word(n)} times")


def number(n: int, noun: str, plural: str | None = None, capital: bool = False) -> str:
    text = f"{word(n)} {noun if n == 1 else (plural or noun + 's')}"
    return text[0].upper() + text[1:] if capital else text


def day_text(day: dt.date | str) -> str:
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return f"{day.day} {day:%B %Y}"


def date_text(text: str, end: str | None = None) -> str:
    """A contract date as a reader writes it: ``11–13 March 2024``, ``March 2024``, ``2024``."""
    p = parse_period(text)
    if p.precision == "year":
        return str(p.first.year)
    if p.precision == "month":
        return f"{p.first:%B %Y}"
    if isinstance(end, str) and end:
        e = parse_period(end).last
        if e != p.first:
            if (e.year, e.month) == (p.first.year, p.first.month):
                return f"{p.first.day}–{e.day} {e:%B %Y}"
            return f"{day_text(p.first)} – {day_text(e)}"
    return day_text(p.first)


def percent(share: float) -> str:
    """A share as a reader writes it: "12%", "0.4%", "under 0.1%"."""
    value = share * 100
    if value >= 10 or value == 0:
        return f"{value:.0f}%"
    if value >= 0.1:
        return f"{value:.1f}%".replace(".0%", "%")
    return "under 0.1%"


def whole_percent(share) -> str:
    """A share in whole percent ("70%"), a dash when unknown: the UN votes section's figures."""
    import pandas as pd

    return "–" if share is None or pd.isna(share) else f"{100 * share:.0f}%"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def possessive(name: str) -> str:
    return f"{name}’s"


def join(items: list[str], word: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]
