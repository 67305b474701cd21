"""``bilateral diff OLD.json NEW.json [--json]``: what changed between two editions of a
briefing, from their sidecars (``editions.compare``), as text or as JSON described by
``diff.schema.json``.

Exit codes: 0 nothing changed, 1 something changed, 2 bad input (a file that is not a
sidecar, sidecars of different pairs), said in one line without a traceback.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..figures import editions
from ..briefing import what_changed
from ..render.editions import read_sidecar
from ..contract.names import country_name
from ..paths import DIFF_SCHEMA

SCHEMA = DIFF_SCHEMA
UNCHANGED, CHANGED, BAD_INPUT = 0, 1, 2


def add_parsers(sub) -> None:
    d = sub.add_parser("diff", help="what changed between two editions of a briefing (exit 0: nothing, 1: something)")
    d.add_argument("old", help="the older edition's sidecar (.json beside its report)")
    d.add_argument("new", help="the newer edition's sidecar")
    d.add_argument("--json", action="store_true", help="as one JSON object (diff.schema.json)")
    d.set_defaults(run=run)


def comparison(old_path: str, new_path: str) -> dict:
    """The comparison of two sidecar files; ``editions.NotASidecar`` with one line when they cannot be compared."""
    old, new = read_sidecar(Path(old_path), old_path), read_sidecar(Path(new_path), new_path)
    if not editions.same_pair(old, new):
        raise editions.NotASidecar(f"{old_path}, {new_path}: briefings of different pairs ({old['pair']} and "
                                   f"{new['pair']}): only editions of one pair can be compared")
    return editions.compare(old, new)


def run(args) -> int:
    try:
        c = comparison(args.old, args.new)
    except editions.NotASidecar as exc:
        print(f"bilateral diff: error: {exc}", file=sys.stderr)
        return BAD_INPUT
    if args.json:
        print(json.dumps(c, indent=2, ensure_ascii=False))
    else:
        names = {code: country_name(code) for code in c["pair"].split("-")}
        print("\n".join(what_changed.lines(c, names)))
    return CHANGED if c["changed"] else UNCHANGED
