"""``dataset.json``: what a dataset says about itself (DESIGN.md section 2, data/README.md).

A small JSON object beside the tables::

    {"title": "India–Belarus", "pairs": ["IND-BLR"]}

``pairs`` lists the relationships the dataset covers (two alpha-3 codes joined by
``-``). Its positions and facts belong to those pairs: a briefing on another pair never
shows them, and a pair the dataset neither declares nor has events of is an error that
names the pairs it does hold. The file is optional (an importer's store covers whatever
pairs its events hold); problems are reported as ``dataset.json:line:column: message``.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..contract.columns import check_country

FILENAME = "dataset.json"


def pair_key(a: str, b: str) -> frozenset[str]:
    """A pair either way round."""
    return frozenset((a, b))


def read_metadata(root: Path, problems, shown: str) -> dict:
    """The metadata of the dataset at ``root`` (``{}`` without a file); problems are added, not raised."""
    path = root / FILENAME
    if not path.exists():
        return {}
    try:
        meta = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        problems.add(shown, 1, 1, "not UTF-8; save the file as UTF-8")
        return {}
    except json.JSONDecodeError as exc:
        problems.add(shown, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}")
        return {}
    if not isinstance(meta, dict):
        problems.add(shown, 1, 1, 'expected a JSON object such as {"title": "India–Belarus", "pairs": ["IND-BLR"]}')
        return {}
    pairs = meta.get("pairs", [])
    if not isinstance(pairs, list) or not all(isinstance(p, str) for p in pairs):
        problems.add(shown, 1, 1, '"pairs" must be a list of pairs such as ["IND-BLR"]')
        return {}
    declared = []
    for text in pairs:
        codes = text.strip().split("-")
        bad = [c for c in codes if check_country(c)] if len(codes) == 2 else codes
        if len(codes) != 2 or bad or codes[0] == codes[1]:
            problems.add(shown, 1, 1, f'"pairs": {text!r} is not two different ISO 3166-1 alpha-3 codes joined by "-"')
            continue
        declared.append("-".join(codes))
    title = meta.get("title")
    if title is not None and not isinstance(title, str):
        problems.add(shown, 1, 1, '"title" must be text')
        title = None
    return {"title": title, "pairs": tuple(declared)}
