"""CAMEO codes: event codes to the contract's event types, country codes to ISO alpha-3.

The country table (``cameo_countries.tsv``) is built from the GDELT project's
``CAMEO.country.txt``; ``SOURCE.md`` beside it records where it came from and
every row whose code is not its ISO code. No package ships it.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ..paths import CAMEO_DIR

TABLE_DIR = CAMEO_DIR
COUNTRY_TABLE = TABLE_DIR / "cameo_countries.tsv"

# The SQL CASE that maps a zero-padded CAMEO event code to an event type
# (DESIGN.md section 2); one place, used by every importer.
EVENT_TYPE_SQL = """CASE
    WHEN {c} IN ('040', '044', '045') THEN 'meeting'
    WHEN {c} = '041' THEN 'call'
    WHEN {c} IN ('042', '043') THEN 'visit'
    WHEN {c} = '046' THEN 'negotiation'
    WHEN {c} = '057' THEN 'agreement'
    WHEN substr({c}, 1, 2) IN ('01', '05') THEN 'statement'
    WHEN substr({c}, 1, 2) = '03' THEN 'intent'
    ELSE 'other' END"""

# The quad class of a CAMEO code from its two-digit root, for data that has no quad class
# column (ICEWS): 01-05 verbal cooperation (1), 06-08 material cooperation (2), 09-13 verbal
# conflict (3), 14-20 material conflict (4). GDELT's own QuadClass column is read as given
# (its rows split the roots differently); a code with no numeric root gets NULL.
QUAD_CLASS_SQL = """CASE
    WHEN NOT regexp_full_match(substr({c}, 1, 2), '[0-9]{{2}}') THEN NULL::INTEGER
    WHEN CAST(substr({c}, 1, 2) AS INTEGER) BETWEEN 1 AND 5 THEN 1
    WHEN CAST(substr({c}, 1, 2) AS INTEGER) BETWEEN 6 AND 8 THEN 2
    WHEN CAST(substr({c}, 1, 2) AS INTEGER) BETWEEN 9 AND 13 THEN 3
    WHEN CAST(substr({c}, 1, 2) AS INTEGER) BETWEEN 14 AND 20 THEN 4
    ELSE NULL::INTEGER END"""


def quad_class(code: str) -> int | None:
    """The quad class of a CAMEO code from its root (the same rules as ``QUAD_CLASS_SQL``)."""
    root = code[:2]
    if not (len(root) == 2 and root.isdigit()):
        return None
    n = int(root)
    if not 1 <= n <= 20:
        return None
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def event_type(code: str) -> str:
    """The event type of a CAMEO code (the same rules as ``EVENT_TYPE_SQL``)."""
    if code in ("040", "044", "045"):
        return "meeting"
    if code == "041":
        return "call"
    if code in ("042", "043"):
        return "visit"
    if code == "046":
        return "negotiation"
    if code == "057":
        return "agreement"
    if code[:2] in ("01", "05"):
        return "statement"
    if code[:2] == "03":
        return "intent"
    return "other"


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """CAMEO country code → ISO alpha-3, for the codes that name a country."""
    with open(COUNTRY_TABLE, encoding="utf-8", newline="") as fh:
        return {r["cameo_code"]: r["iso3"] for r in csv.DictReader(fh, delimiter="\t") if r["iso3"]}

