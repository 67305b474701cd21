"""Options several commands share, defined once: the window, the store engine, rendering."""
from __future__ import annotations

import argparse
import sys

from .votes import add_votes_option


def window_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pair", required=True, help="two ISO alpha-3 codes, e.g. IND-BLR")
    p.add_argument("--start", help="first day of the window, YYYY-MM-DD (default: the pair's first event)")
    p.add_argument("--end", help="last day of the window, YYYY-MM-DD (default: the pair's last event)")
    p.add_argument("--as-of", dest="as_of", help="the day the briefing is as of: 'last contact' is measured to it, "
                   "and without --end the window ends on it (default: the window's end)")
    p.add_argument("--data", help="dataset folder (default: data/india-belarus)")


def engine_options(p: argparse.ArgumentParser, what: str = "read the store on") -> None:
    p.add_argument("--engine", default="duckdb", help=f"{what} duckdb (the default, embedded) or spark")
    p.add_argument("--spark-master", dest="spark_master", help="with --engine spark: the master URL "
                   "(default: $SPARK_MASTER, else local[*]), e.g. spark://HOST:7077")


def render_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", help="reports folder (default: reports/)")
    p.add_argument("--format", default="html,pdf", help="html, pdf or both (default: html,pdf)")
    p.add_argument("--min-sources", dest="min_sources", default="0", help="imported data: minimum sources per event")
    p.add_argument("--timeout", default="300", help="seconds one notebook cell may run (default: 300)")
    p.add_argument("--force", action="store_true", help="render even when nothing changed")
    p.add_argument("--quiet", action="store_true", help="no progress output")
    engine_options(p)
    add_votes_option(p)


def progress(args) -> bool:
    """Progress on a terminal; none when --quiet or when stderr is a pipe or a log file."""
    return not args.quiet and sys.stderr.isatty()
