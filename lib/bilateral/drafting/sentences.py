"""Sentences of an article, with their character offsets (pysbd, rule-based).

Each line of the article is a paragraph; pysbd splits paragraphs into sentences.
A quoted passage that pysbd split (a post of three sentences in quotation marks)
is joined back into one sentence, and a leading ``date YYYY-MM-DD`` stamp (some
scraped articles start with one) is left out of the first sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_DATE_STAMP = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_OPEN, _CLOSE = "“", "”"


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    start: int      # offsets into the article text
    end: int
    text: str       # verbatim article text between start and end
    heading: bool   # a line without closing punctuation (a section title)


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def date_stamp(text: str) -> str | None:
    """The ``YYYY-MM-DD`` of a leading ``date YYYY-MM-DD`` stamp, if any."""
    m = _DATE_STAMP.match(text)
    return m.group(1) if m else None


def _unbalanced(text: str) -> bool:
    return text.count(_OPEN) > text.count(_CLOSE) or text.count('"') % 2 == 1


def split(text: str) -> list[Sentence]:
    spans: list[tuple[int, int, int]] = []  # (paragraph, start, end)
    offset = 0
    paragraph = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lead = 0
        if offset == 0:
            m = _DATE_STAMP.match(body)
            lead = m.end() if m else 0
        if body[lead:].strip():
            pieces = _segmenter().segment(body[lead:])
            for piece in pieces:
                s, e = piece.start + lead, piece.end + lead
                raw = body[s:e]
                s += len(raw) - len(raw.lstrip())
                e -= len(raw) - len(raw.rstrip())
                if e > s:
                    spans.append((paragraph, offset + s, offset + e))
            paragraph += 1
        offset += len(line)
    merged: list[tuple[int, int, int]] = []
    for par, s, e in spans:
        if merged and merged[-1][0] == par and _unbalanced(text[merged[-1][1]:merged[-1][2]]):
            merged[-1] = (par, merged[-1][1], e)
        else:
            merged.append((par, s, e))
    out = []
    for i, (par, s, e) in enumerate(merged):
        t = text[s:e]
        out.append(Sentence(i, par, s, e, t, heading=not re.search(r"[.!?”\"’')]\s*$", t)))
    return out
