"""The data contract (DESIGN.md section 2): the tables, their columns and the check of each value.

Each check returns ``None`` when a value is fine, else the message a user reads.
Nothing here reads a file: ``tables`` reads them, ``crosschecks`` checks across rows
and tables, ``dataset`` puts it together.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from . import vocab
from .dates import parse_period

MAX_FIELD_CHARS = 100_000
# Fragments of one quote, in order, separated by an ellipsis between spaces.
QUOTE_FRAGMENT_SEPARATOR = " … "


# --------------------------------------------------------------------------- #
# Value checks: each returns None when the value is fine, else the message.
# --------------------------------------------------------------------------- #
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_BOOL = {"true", "false"}


def check_id(value: str) -> str | None:
    if _ID.match(value):
        return None
    return f"{value!r} is not a valid id (letters, digits and . _ : - only, no spaces)"


def check_date(value: str) -> str | None:
    try:
        parse_period(value)
    except ValueError as exc:
        return str(exc)
    return None


@lru_cache(maxsize=1)
def _alpha3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


@lru_cache(maxsize=1)
def _alpha2_to_3() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


def check_country(value: str) -> str | None:
    if value in _alpha3():
        return None
    hint = ""
    if value.upper() in _alpha3():
        hint = f" (country codes are upper case: {value.upper()})"
    elif value.upper() in _alpha2_to_3():
        hint = f" ({value!r} is alpha-2; the alpha-3 code is {_alpha2_to_3()[value.upper()]})"
    return f"{value!r} is not an ISO 3166-1 alpha-3 country code{hint}"


def vocabulary(name: str, values: dict[str, str]) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if value in values:
            return None
        article = "an" if name[0] in "aeiou" else "a"
        return f"{value!r} is not {article} {name} (one of: {', '.join(values)})"

    check.__name__ = f"in_{name.replace(' ', '_')}"
    return check


def check_topics(value: str) -> str | None:
    unknown = [t for t in value.split(";") if t.strip() not in vocab.TOPICS]
    if not unknown:
        return None
    return (
        f"unknown topic id {unknown[0].strip()!r} (topic ids are listed in data/README.md; "
        "separate several with ';')"
    )


def check_url(value: str) -> str | None:
    if re.match(r"^https?://[^\s]+$", value):
        return None
    return f"{value!r} is not an http or https URL (other schemes are never linked)"


def check_number(value: str) -> str | None:
    try:
        float(value)
    except ValueError:
        return f"{value!r} is not a number"
    return None


def check_integer(value: str) -> str | None:
    if re.match(r"^-?\d+$", value):
        return None
    return f"{value!r} is not a whole number"


def check_bool(value: str) -> str | None:
    if value.lower() in _BOOL:
        return None
    return f"{value!r} is not true or false"


def check_sha256(value: str) -> str | None:
    if _SHA256.match(value):
        return None
    return f"{value!r} is not a SHA-256 checksum (64 lower-case hex digits)"


def check_relative_path(value: str) -> str | None:
    path = Path(value)
    if path.is_absolute() or ".." in path.parts:
        return f"{value!r} must be a path inside the dataset folder (no absolute path, no '..')"
    return None


def check_pair(value: str) -> str | None:
    codes = value.split("-")
    if len(codes) != 2 or codes[0] == codes[1] or any(check_country(c) for c in codes):
        return f"{value!r} is not a pair: two different ISO 3166-1 alpha-3 codes joined by '-', like IND-BLR"
    return None


def check_text(value: str) -> str | None:
    return None


# --------------------------------------------------------------------------- #
# Table specs
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Col:
    name: str
    required: bool
    check: Callable[[str], str | None] = check_text


@dataclass(frozen=True)
class Table:
    name: str
    required: bool
    id_column: str
    columns: tuple[Col, ...]

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


_event_type = vocabulary("event type", vocab.EVENT_TYPES)
_level = vocabulary("level", vocab.LEVELS)

EVENTS = Table("events", True, "event_id", (
    Col("event_id", True, check_id),
    Col("date", True, check_date),
    Col("end_date", False, check_date),
    Col("event_type", True, _event_type),
    Col("actor1_country", True, check_country),
    Col("actor2_country", False, check_country),
    Col("actor1_name", False), Col("actor1_role", False),
    Col("actor2_name", False), Col("actor2_role", False),
    Col("level", True, _level),
    Col("location_city", False),
    Col("location_country", False, check_country),
    Col("venue", False),
    Col("part_of", False, check_id),
    Col("topics", False, check_topics),
    Col("summary", True),
    Col("source_id", True, check_id),
    Col("source_quote", False),  # required unless cameo_code: checked across columns
    Col("source_url", False, check_url),
    # Digits as a rule; ICEWS has a few invalid codes (`13y`), kept as `other` with the raw code.
    Col("cameo_code", False, lambda v: None if re.match(r"^[0-9][0-9A-Za-z]{1,3}$", v) else f"{v!r} is not a CAMEO code (2 to 4 digits)"),
    Col("goldstein", False, check_number),
    Col("quad_class", False, lambda v: None if v in {"1", "2", "3", "4"} else f"{v!r} is not a quad class (1 to 4)"),
    Col("num_mentions", False, check_integer),
    Col("num_sources", False, check_integer),
    Col("num_articles", False, check_integer),
    Col("avg_tone", False, check_number),
    Col("synthetic", False, check_bool),
    # Extension: when an event's topics rest on another source than the event
    # itself (the talks are dated by one article, their agenda told by another).
    Col("topics_source_id", False, check_id),
    Col("topics_quote", False),
))

POSITIONS = Table("positions", False, "position_id", (
    Col("position_id", True, check_id),
    Col("date", True, check_date),
    Col("actor_country", True, check_country),
    Col("topic", True, check_topics),
    Col("stance", True, vocabulary("stance", vocab.STANCES)),
    Col("target_country", False, check_country),
    Col("event_id", False, check_id),
    Col("summary", True),
    Col("source_id", True, check_id),
    Col("source_quote", True),
    Col("synthetic", False, check_bool),
))

FACTS = Table("facts", False, "fact_id", (
    Col("fact_id", True, check_id),
    Col("category", True, check_id),
    Col("key", True),
    Col("label", False),  # extension: how the briefing names the key
    Col("value", True),
    Col("unit", False),
    Col("as_of", False, check_date),
    Col("pair", False, check_pair),  # the pair the fact belongs to (default: the dataset's one declared pair)
    Col("source_id", True, check_id),
    Col("source_quote", True),
    Col("synthetic", False, check_bool),
))

SOURCES = Table("sources", True, "source_id", (
    Col("source_id", True, check_id),
    Col("title", True),
    Col("publisher", False),
    Col("published", False, check_date),
    Col("source_type", False, vocabulary("source type", vocab.SOURCE_TYPES)),
    Col("url", False, check_url),
    Col("file", False, check_relative_path),
    Col("accessed", False, check_date),
    Col("sha256", False, check_sha256),
))

CONFLICTS = Table("conflicts", False, "conflict_id", (
    Col("conflict_id", True, check_id),
    Col("source_id", True, check_id),
    Col("field", True),
    Col("value_a", True),
    Col("value_b", True),
    Col("chosen", True),
    Col("reason", True),
))

TABLES = (EVENTS, POSITIONS, FACTS, SOURCES, CONFLICTS)
