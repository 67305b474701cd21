"""Who takes part: people, offices and countries named in a sentence.

People are learnt from the whole article first ("Belarusian FM Sergei Aleinik"
binds Aleinik to Belarus and to a minister's office), so that a later "Aleinik"
or an earlier "Sergei Aleinik" resolves. Offices map to levels through
``data/offices.csv``; an office peculiar to one country ("External Affairs
Minister") names that country.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import countries
from .countries import _data

LEVEL_RANK = ["head_of_state", "head_of_government", "minister", "deputy_minister",
              "senior_official", "official", "parliament", "other", "unknown"]


@dataclass(frozen=True)
class Office:
    start: int
    end: int
    role: str
    level: str
    country: str | None


@dataclass
class Person:
    name: str
    country: str | None = None
    role: str | None = None
    level: str | None = None


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    kind: str            # person, office, country, counterpart, both
    country: str | None
    name: str | None = None
    role: str | None = None
    level: str | None = None
    possessive: bool = False


@lru_cache(maxsize=1)
def _offices() -> list[tuple[re.Pattern, str, str, str | None]]:
    rows = []
    with _data("offices.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rows.append((re.compile(r"\b(?:" + row["pattern"] + r")\b"), row["role"], row["level"], row["country"] or None))
    return rows


@lru_cache(maxsize=4096)
def find_offices(text: str) -> tuple[Office, ...]:
    found: list[Office] = []
    for pattern, role, level, country in _offices():
        for m in pattern.finditer(text):
            start, title = m.start(), m.group(0)
            first = title.split()[0]
            if len(title.split()) > 1 and countries.country_of_word(first):  # "Kazakh Minister": the country is not the office
                start, title = start + len(first) + 1, title[len(first) + 1:]
            if any(o.start < m.end() and start < o.end for o in found):
                continue
            found.append(Office(start, m.end(), role if role != "Minister" else title, level, country))
    return tuple(sorted(found, key=lambda o: o.start))


_L = "a-zà-öø-ÿ"
_HONORIFIC = r"(?:(?:H\.\s?E\.|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Prof\.?|Sheikh|Sheikha)\s+)"
_NAME = re.compile(r"(?:\s+" + _HONORIFIC + r"|\s+)((?:[A-Z]\.?\s+)?[A-ZÀ-Ý][" + _L + r"]+(?:[-'][A-Z]?[" + _L + r"]+)?(?:\s+[A-ZÀ-Ý][" + _L
                   + r"]+(?:-[A-Z]?[" + _L + r"]+)?){0,3})")
# "the Prime Minister of the Republic of India, H.E. Arjun Khanna": the name after the office's country.
_OF_COUNTRY_COMMA = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:of\s+(?:the\s+)?)?){0,4}?[A-Z][\w'’-]*,")
# "President of the Republic of Kenya Samuel Kiprono": the country's name, then the person's.
_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?")
_NOT_NAME = {"Minister", "Affairs", "President", "Summit", "Foreign", "External", "Ministry", "Government",
             "And", "The", "On", "In", "Of", "During", "Jointly", "Both", "Today", "This",
             *(m for m in __import__("calendar").month_name if m), *__import__("calendar").day_name}


def _name_after(text: str, pos: int) -> tuple[int, int, str] | None:
    m = _NAME.match(text, pos)
    if not m:  # "the Speaker of the House of Representatives, Kenji Aoyama, …"
        comma = re.match(r",\s+(?=[A-Z])", text[pos:])
        m2 = _NAME.match(text, pos + comma.end() - 1) if comma else None
        if m2 and re.match(r"\s*(?:,|\.|;|$)", text[m2.end():]) and not countries.find(m2.group(1)):
            m = m2
    if not m:
        of = _OF_COUNTRY.match(text, pos)
        country = next((c for c in countries.find(text) if of and c.start == of.end()), None)
        m3 = _NAME.match(text, country.end) if country else None
        if m3 and not countries.find(m3.group(1)) and not re.match(r"\s+(?:" + "|".join(_NOT_NAME) + r")\b", text[country.end:]):
            m = m3
    if not m:
        of = _OF_COUNTRY_COMMA.match(text, pos)
        m = _NAME.match(text, of.end()) if of else None
        if m and not re.match(r"\s+" + _HONORIFIC, text[of.end():]) and \
                (countries.find(m.group(1)) or not re.match(r"\s*(?:,|\.|;|\)|\band\b|$)", text[m.end():])):
            m = None  # "… of India, Belarus and …": a list, not a name
    if not m:
        return None
    words = m.group(1).split()
    keep = []
    for w in words:
        if w in _NOT_NAME or countries.country_of_word(w.rstrip("’'s")) or w.lower() in countries.__dict__:
            break
        keep.append(w)
    if not keep or (len(keep) == 1 and len(keep[0].rstrip(".")) <= 1):
        return None
    name = " ".join(keep)
    start = m.start(1)
    return start, start + len(name), name


def _country_before(text: str, start: int, mentions) -> str | None:
    """A country or demonym right before an office: "Belarusian FM", "Belarus Minister"."""
    for c in mentions:
        gap = text[c.end:start]
        if c.end <= start and (len(gap) <= 3 and not gap.strip(" ’'s") or re.fullmatch(r"(?:['’]s)?\s+[A-Z][a-z]+\s+", gap)):
            return c.alpha3  # "Belarusian FM", "Kenya's Cabinet Secretary"
    return None


def _country_of_phrase(text: str, end: int, mentions) -> str | None:
    """"Minister of Foreign Affairs of Belarus": a country right after "of"."""
    m = re.match(r"\s+of\s+(?:the\s+)?", text[end:])
    if not m:
        return None
    for c in mentions:
        if c.start == end + m.end():
            return c.alpha3
    return None


def pick_country(country: str | None, pair: tuple | None) -> str | None:
    """An office's country; ``DEU;AUT`` (a Chancellor) is the one of the pair that has it."""
    if not country or ";" not in country:
        return country
    inter = [c for c in country.split(";") if pair and c in pair]
    return inter[0] if len(inter) == 1 else None


class Registry:
    """People of one article, by full name and by surname."""

    def __init__(self, pair: tuple | None = None) -> None:
        self.people: dict[str, Person] = {}
        self.pair = pair

    def add(self, name: str, country: str | None, role: str | None, level: str | None) -> None:
        name = re.sub(r"\s+", " ", name).strip()
        known = self.people.get(name)
        if known is None:
            surname = name.split()[-1]
            known = self.people.get(surname)
        if known is None:
            known = Person(name)
        known.country = known.country or country
        if role and (not known.role or len(role) > len(known.role)):  # the fuller title wins
            known.role, known.level = role, level or known.level
        known.level = known.level or level
        if len(name) > len(known.name):
            known.name = name
        self.people[name] = known
        self.people[name.split()[-1]] = known

    def learn(self, text: str) -> None:
        mentions = countries.find(text)
        for office in find_offices(text):
            country = pick_country(office.country, self.pair) or _country_before(text, office.start, mentions) \
                or _country_of_phrase(text, office.end, mentions)
            after = _name_after(text, office.end)
            if after:
                # "Minister Karim Mansour of Egypt": the country after the name.
                self.add(after[2], country or _country_of_phrase(text, after[1], mentions), office.role, office.level)
            # Appositive: "Sergei Aleinik, Belarus's Foreign Minister"
            before = re.search(r"(?<![A-Z]\.)((?:[A-Z]\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}),\s+(?:the\s+)?(?:\w+(?:['’]s)?\s+)?$",
                               text[:office.start])
            # "the President of X, H.E. Name, the Prime Minister of Y": the name is the earlier office's.
            apposed = before and re.search(r",\s+" + _HONORIFIC + r"?$", text[:before.start(1)]) and any(
                o is not office and 0 <= before.start(1) - o.end <= 70 for o in find_offices(text))
            if before and not apposed and not set(before.group(1).split()) & _NOT_NAME:
                first = before.group(1)
                if not countries.country_of_word(first.split()[-1]):
                    self.add(first, country, office.role, office.level)

    def lookup(self, word: str) -> Person | None:
        return self.people.get(word)


def entities(text: str, registry: Registry, antecedent: Entity | None = None, speaker: Entity | None = None,
             addressee: Entity | None = None) -> list[Entity]:
    """Everyone and every country taking part in what ``text`` reports, left to right.

    ``antecedent``: the person a sentence-initial "He"/"She" stands for (the previous
    sentence's subject).
    ``speaker``: who says "I" and "we" (a transcript's speaker).
    """
    mentions = countries.find(text)
    found: list[Entity] = []
    if speaker is not None:
        for m in re.finditer(r"\b(?:I|my|me)\b", text):
            found.append(Entity(m.start(), m.end(), "person", speaker.country, speaker.name, speaker.role, speaker.level))
        for m in re.finditer(r"\b(?:[Ww]e|[Oo]ur|us)\b", text):
            found.append(Entity(m.start(), m.end(), "we", speaker.country, speaker.name, speaker.role, speaker.level,
                                possessive=m.group(0).lower() == "our"))
    else:  # a release in the first person by an author the text does not name: the other side of whoever is named
        for m in re.finditer(r"\b(?:I|me)\b", text):
            found.append(Entity(m.start(), m.end(), "person", None))
    if addressee is not None:
        for m in re.finditer(r"\b(?:[Yy]ou|[Yy]our)\b", text):
            found.append(Entity(m.start(), m.end(), "person", addressee.country, addressee.name, addressee.role, addressee.level))
    pronoun = re.match(r"\s*(?:He|She)\b", text)
    if pronoun and antecedent is not None:
        found.append(Entity(pronoun.start(), pronoun.end(), "person", antecedent.country, antecedent.name,
                            antecedent.role, antecedent.level))

    def free(s: int, e: int) -> bool:
        return not any(x.start < e and s < x.end for x in found)

    for office in find_offices(text):
        country = pick_country(office.country, registry.pair) or _country_before(text, office.start, mentions) \
            or _country_of_phrase(text, office.end, mentions)
        start = office.start
        for c in mentions:
            if c.alpha3 == country and 0 <= office.start - c.end <= 3:
                start = c.start
        after = _name_after(text, office.end)
        person = registry.lookup(after[2]) if after else None
        end = after[1] if after else office.end
        if person:
            country = country or person.country
        if free(start, end):
            found.append(Entity(start, end, "person" if after else "office", country,
                                person.name if person else (after[2] if after else None), office.role, office.level))
    for name, person in registry.people.items():
        for m in re.finditer(r"\b" + re.escape(name) + r"(?:['’]s)?\b", text):
            if free(m.start(), m.end()):
                found.append(Entity(m.start(), m.end(), "person", person.country, person.name, person.role,
                                    person.level, m.group(0).endswith("s") and "'" in m.group(0) or "’" in m.group(0)))
    for c in mentions:
        if free(c.start, c.end):
            found.append(Entity(c.start, c.end, "country", c.alpha3, possessive=c.possessive))
    for m in re.finditer(r"\b(?:his|her|their|its|my|our)\s+(?:\w+\s+)?(?:counterparts?|colleagues?)\b", text, re.I):
        found.append(Entity(m.start(), m.end(), "counterpart", None))
    for m in re.finditer(r"\b(?:the\s+two|both)\s+(?:foreign\s+|prime\s+|deputy\s+|energy\s+|defen[cs]e\s+|trade\s+)?(?:leaders|ministers|sides|countries|nations|"
                         r"delegations|presidents|prime\s+ministers|governments|heads\s+of\s+state)\b|"
                         r"\bthe\s+(?:foreign\s+|energy\s+|trade\s+|finance\s+|defen[cs]e\s+|deputy\s+)?(?:leaders|ministers|presidents|prime\s+ministers|delegations)\b|"
                         r"\bour\s+(?:two\s+)?(?:governments|countries|nations|ministers|delegations|peoples)\b|\bthey\b", text, re.I):
        found.append(Entity(m.start(), m.end(), "both", None, level=_plural_level(m.group(0))))
    return sorted(found, key=lambda e: e.start)


def _plural_level(words: str) -> str | None:
    """"the two presidents" are heads of state, "the foreign ministers" ministers."""
    w = words.lower()
    for key, level in (("deputy", "deputy_minister"), ("prime minister", "head_of_government"), ("president", "head_of_state"),
                       ("heads of state", "head_of_state"), ("minister", "minister")):
        if key in w:
            return level
    return None


def highest_level(levels) -> str:
    ranked = [lv for lv in levels if lv in LEVEL_RANK]
    return min(ranked, key=LEVEL_RANK.index) if ranked else "unknown"
