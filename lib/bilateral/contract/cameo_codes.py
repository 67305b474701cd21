"""CAMEO event codes in words, from the codebook table ``cameo/cameo_event_codes.tsv``
(its source is recorded in ``cameo/SOURCE.md``): ``042`` → "make a visit"."""
from __future__ import annotations

import csv
from functools import lru_cache

from ..paths import CAMEO_DIR

EVENT_CODE_TABLE = CAMEO_DIR / "cameo_event_codes.tsv"

@lru_cache(maxsize=1)
def descriptions() -> dict[str, str]:
    """Code → the codebook's description, as given (roots in capitals: ``19`` → "FIGHT")."""
    with open(EVENT_CODE_TABLE, encoding="utf-8", newline="") as fh:
        return {r["code"]: r["description"] for r in csv.DictReader(fh, delimiter="\t")}


def phrase(code) -> str | None:
    """The description as a verb phrase in a sentence ("make a visit"), or None for an unknown code."""
    text = descriptions().get(str(code)) if code is not None else None
    if text is None:
        return None
    return text.lower() if text.isupper() else text[0].lower() + text[1:]
