"""``bilateral votes --pair IND-BLR [--start D] [--end D] [--votes DIR] [--json]``:
a pair's alignment in UN General Assembly votes, as a short table or as JSON
(described by ``votes.schema.json``, shipped beside the summary's schema).
"""
from __future__ import annotations

import argparse
import json

from ..figures import votes as unga
from ..errors import ParameterError
from ..contract.names import country_name
from ..paths import VOTES_SCHEMA

SCHEMA = VOTES_SCHEMA


def add_votes_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--votes", help="a store of UN General Assembly votes (default: data/unga/store)")


def add_parsers(sub) -> None:
    v = sub.add_parser("votes", help="a pair's alignment in UN General Assembly roll-call votes")
    v.add_argument("--pair", required=True, help="two alpha-3 codes, e.g. IND-BLR (historic codes such as CSK too)")
    v.add_argument("--start", help="first day of the window, YYYY-MM-DD (default: 1 January of the tenth-last "
                   "year with votes up to the end)")
    v.add_argument("--end", help="last day of the window, YYYY-MM-DD (default: the last vote on record)")
    add_votes_option(v)
    v.add_argument("--json", action="store_true", help="as one JSON object (votes.schema.json)")
    v.set_defaults(run=run)


def _day(name: str, value):
    from ..contract.dates import parse_day

    if value in (None, ""):
        return None
    try:
        return parse_day(str(value), what="")
    except ValueError as exc:
        raise ParameterError(f"parameter {name!r}: {str(exc).strip()}") from None


def run(args) -> int:
    from ..store import votes as unga_store

    with unga_store.open(args.votes or None) as store:  # every read of the command through it
        pair = store.parse_pair(args.pair)
        figures = store.figures(pair, _day("start", args.start), _day("end", args.end))
    print(json.dumps(figures, indent=2, ensure_ascii=False) if args.json else table(figures))
    return 0


def state_name(code: str) -> str:
    """A briefing's name for the state, historic ones too (CSK: Czechoslovakia)."""
    import pycountry

    name = country_name(code)
    if name == code:
        old = pycountry.historic_countries.get(alpha_3=code)
        if old is not None:
            return old.name.split(",")[0]
    return name


def _pct(x) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def table(f: dict) -> str:
    """The figures as a short plain-text table."""
    a, b = f["pair"].split("-")
    names = {c: state_name(c) for c in (a, b)}
    lines = [f"{names[a]}–{names[b]}: UN General Assembly roll-call votes, {f['start']} to {f['end']}",
             f"(the record runs from {f['record']['first']} to {f['record']['last']}"
             + ("; the window reaches past its end, which nothing here covers)" if f["covered"] != "full" else ")")]
    c = f["context"]
    rows = [("joint votes", f"{f['joint']:,}"),
            ("identical votes", f"{f['agree']:,}  ({_pct(f['agreement'])})"),
            ("opposed (yes against no)", f"{f['opposed']:,}"),
            ("Cohen's kappa", "–" if f["kappa"] is None else f"{f['kappa']:.2f}"),
            (f"percentile among pairs", "–" if c["percentile"] is None else
             f"{c['percentile']:.0f}  (of {c['pairs']:,} pairs with {c['min_joint']}+ joint votes; "
             f"median agreement {_pct(c['median_agreement'])})")]
    width = max(len(k) for k, _ in rows)
    lines += [f"  {k:<{width}}  {v}" for k, v in rows]
    lines.append("by issue                       joint  agreement")
    for issue, v in f["by_issue"].items():
        lines.append(f"  {unga.ISSUES[issue]:<28} {v['joint']:>5}  {_pct(v['agreement']):>9}")
    lines.append("by year                        joint  agreement")
    for year, v in f["by_year"].items():
        lines.append(f"  {year:<28} {v['joint']:>5}  {_pct(v['agreement']):>9}")
    members = [m for m in unga.P5 if any(m in row for row in c["p5"].values())]
    lines.append("agreement with the P5         " + "".join(f"{m:>8}" for m in members))
    for side, row in c["p5"].items():
        lines.append(f"  {names[side][:27]:<28}" + "".join(f"{_pct(row.get(m)) if m in row else '':>8}"
                                                        for m in members))
    lines.append("latest roll calls on which they voted against each other")
    if not f["latest_opposed"]:
        lines.append("  none in the window")
    for r in f["latest_opposed"]:
        lines.append(f"  {r['date']}  {r['unres'] or '':<14} {a} {r[a]:<3} {b} {r[b]:<3}  {(r['short'] or '')[:60]}")
    return "\n".join(lines)
