"""Facts of a sentence: mechanisms, agreement sectors, community figures, the
year a relationship began. Each rule reads one sentence; none needs a date."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from . import countries, topics
from .countries import _data


@dataclass(frozen=True)
class Fact:
    sentence: int
    category: str
    key: str
    value: str
    unit: str | None
    label: str | None
    note: str | None
    rule: str
    confidence: float


@lru_cache(maxsize=1)
def _mechanisms() -> list[tuple[re.Pattern, str, str]]:
    rows = []
    with _data("mechanisms.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            body = (r"((?:[A-Z][\w]*(?:[-–][A-Z][\w]*)?\s+)*?)(" + row["pattern"] + r")(\s*\([A-Z]+s?\))?"
                    r"((?:\s+on\s+(?:Cooperation\s+in\s+)?(?:[A-Z][\w]*|&)(?:\s+(?:[A-Z][\w]*|&|and))*))?")
            rows.append((re.compile(body), row["key"], row["label"]))
    return rows


_AGREEMENTS = re.compile(r"\b(?:agreements?|memorand(?:um|a)|MoUs?)\b[^.]*\bsigned\b|\bsigned\b[^.]*\b(?:agreements?|memorand(?:um|a)|MoUs?)\b", re.I)
_SECTORS = re.compile(r"\b(?:sectors?|areas?|fields?|covering|such\s+as|including|in\s+the\s+fields?\s+of)\b", re.I)
_COUNT = re.compile(r"\b(?P<q>approximately|about|around|some|nearly|over|more\s+than|almost)?\s*(?P<n>\d[\d,]*)\s+"
                    r"(?P<noun>nationals|students|people|citizens|persons|expatriates|members|workers)\b", re.I)
_SINCE = re.compile(r"\bsince\s+(?P<y>1[89]\d\d|20\d\d)\b")
_ESTABLISHED = re.compile(r"\bdiplomatic\s+relations\b[^.]{0,40}?\bestablished\s+in\s+(?P<y>1[89]\d\d|20\d\d)\b|"
                          r"\bestablished\s+diplomatic\s+relations\s+in\s+(?P<y2>1[89]\d\d|20\d\d)\b", re.I)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def find(index: int, text: str, pair: tuple[str, str], dated: bool) -> list[Fact]:
    from ..contract.names import country_name

    found: list[Fact] = []
    for pattern, key, label in _mechanisms():
        for m in pattern.finditer(text):
            value = re.sub(r"\s+", " ", m.group(0)).strip()
            found.append(Fact(index, "mechanism", key, value, None, label, None, "mechanism named", 0.8))
            break
    if _AGREEMENTS.search(text) and not dated:
        m = _SECTORS.search(text)
        if m:
            seen = set()
            for s, e, topic in topics.find(text[m.end():]):
                if topic not in seen:
                    seen.add(topic)
                    found.append(Fact(index, "agreement_sector", topic, text[m.end() + s:m.end() + e], None, None,
                                      "agreements and MoUs signed; number and dates not given",
                                      "agreements signed, by sector", 0.7))
    mentions = countries.find(text)
    for m in _COUNT.finditer(text):
        who = next((c for c in mentions if c.end <= m.start() and c.alpha3 in pair), None)
        where = next((c for c in mentions if c.alpha3 in pair and who and c.alpha3 != who.alpha3), None)
        if not who or not where:
            continue
        noun = m.group("noun").lower()
        demonym = who.text.rstrip("’'s").lower()
        key = f"{_slug(demonym)}_{noun}_in_{_slug(country_name(where.alpha3))}"
        label = f"{who.text.rstrip('’s')} {noun} in {country_name(where.alpha3)}"
        found.append(Fact(index, "community", key, m.group("n").replace(",", ""),
                          "people" if noun in ("nationals", "citizens", "persons") else noun, label,
                          m.group("q").lower() if m.group("q") else None, "community figure", 0.8))
    since = _SINCE.search(text)
    if since and re.search(r"\b(?:supporter|partner|friend|relations|ties|cooperation)\b", text):
        noun = re.search(r"\b(supporter|partner|friend|relations|ties|cooperation)\b", text).group(1)
        subject = [c for c in mentions if c.alpha3 in pair and c.start < text.index(noun)]
        who = subject[-1].alpha3 if subject else None
        key = f"{_slug(country_name(who))}_{noun}_since" if who else f"{noun}_since"
        found.append(Fact(index, "relationship", key, since.group("y"), None, None, None, "since YEAR", 0.6))
    est = _ESTABLISHED.search(text)
    if est:
        found.append(Fact(index, "relationship", "diplomatic_relations_established", est.group("y") or est.group("y2"),
                          None, "Diplomatic relations established", None, "relations established in YEAR", 0.8))
    return found
