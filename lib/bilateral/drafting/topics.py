"""Topics from the vocabulary's keywords (``data/topic_keywords.csv``, the
keywords column of the data README). Acronyms match case-sensitively."""
from __future__ import annotations

import csv
import re
from functools import lru_cache

from .countries import _data


@lru_cache(maxsize=1)
def _keywords() -> list[tuple[re.Pattern, str]]:
    rows = []
    with _data("topic_keywords.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            kw = row["keyword"]
            flags = 0 if kw.isupper() or any(ch.isupper() for ch in kw[1:]) else re.I
            body = r"\s+".join(re.escape(w) for w in kw.split())
            rows.append((re.compile(r"(?<![\w-])" + body + r"(?![\w])", flags), row["topic"]))
    # Longer keywords first: "Russia-Ukraine conflict" before "Ukraine".
    return sorted(rows, key=lambda r: -len(r[0].pattern))


def find(text: str) -> list[tuple[int, int, str]]:
    """(start, end, topic) of keyword matches, left to right, none overlapping."""
    found: list[tuple[int, int, str]] = [(m.start(), m.end(), "") for m in _NOT_TOPICS.finditer(text)]
    for pattern, topic in _keywords():
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e, _ in found):
                continue
            found.append((m.start(), m.end(), topic))
    return sorted(f for f in found if f[2])


# Phrases holding a keyword that do not mean its topic.
_NOT_TOPICS = re.compile(r"\bsocial\s+media\b|\bpress\s+(?:conference|release|statement|briefing)\b", re.I)


def in_text(text: str) -> list[str]:
    """Distinct topics of ``text`` in order of first mention."""
    out: list[str] = []
    for _, _, topic in find(text):
        if topic not in out:
            out.append(topic)
    return out
