"""Briefing parameters, checked the same way by the command line and the notebook.

Papermill only warns about a misspelt or unknown parameter; ``check`` makes every
mistake an error naming the parameter, before any work is done.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..contract.names import parse_pair  # noqa: F401 - the pair parameter, checked as every command checks it
from ..contract.dates import parse_day
from ..errors import ParameterError

def _day(name: str, value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return parse_day(str(value), what="")
    except ValueError as exc:
        raise ParameterError(f"parameter {name!r}: {str(exc).strip()}") from None


@dataclass(frozen=True)
class BriefingParams:
    pair: tuple[str, str]
    start: dt.date | None
    end: dt.date | None
    as_of: dt.date | None
    data: Path
    min_sources: int
    engine: str = "duckdb"            # what reads a store's rows (store.engines): duckdb or spark
    spark_master: str | None = None   # with spark: the master URL (engines.spark_master)
    votes: Path | None = None         # the store of UN votes (store.votes), resolved; None: no store at all

    @property
    def pair_text(self) -> str:
        return "-".join(self.pair)


def check_options(start=None, end=None, as_of=None, data=None, min_sources=0):
    """The options every pair of a briefing or a batch shares, checked once."""
    from ..paths import DEFAULT_DATASET

    s, e, a = _day("start", start), _day("end", end), _day("as_of", as_of)
    if s and e and s > e:
        raise ParameterError(f"parameter 'start': {s} is after end {e}")
    if a and e and a < e:
        raise ParameterError(f"parameter 'as_of': {a} is before end {e}: a briefing as of a day cannot cover "
                             "the days after it (leave out --end to end the window on the as-of day)")
    if a and s and a < s:
        raise ParameterError(f"parameter 'as_of': {a} is before start {s}")
    folder = Path(data) if data else DEFAULT_DATASET
    if not folder.exists():
        raise ParameterError(f"parameter 'data': dataset folder {str(folder)!r} does not exist")
    if not folder.is_dir():
        raise ParameterError(f"parameter 'data': {str(folder)!r} is not a folder")
    if isinstance(min_sources, bool) or not re.fullmatch(r"\d+", str(min_sources).strip()):
        raise ParameterError(f"parameter 'min_sources': {min_sources!r} is not a whole number of 0 or more")
    return s, e, a, folder, int(str(min_sources).strip())


def check_engine(engine=None, spark_master=None) -> tuple[str, str | None]:
    """``--engine`` (default duckdb) and, with spark, ``--spark-master`` in its checked form."""
    from ..store import engines

    engine = engines.check_engine(engine or engines.DEFAULT_ENGINE)
    return engine, engines.spark_master(spark_master) if engine == "spark" else None


def check_votes(votes=None) -> Path | None:
    """``--votes``: a store of UN votes, checked (its manifest an unvotes import's) and resolved;
    left out, the shipped ``data/unga/store`` when it is there, else None."""
    from ..store import votes as votes_store

    return votes_store.find(votes)


def check(pair, start=None, end=None, as_of=None, data=None, min_sources=0, engine=None,
          spark_master=None, votes=None) -> BriefingParams:
    """Validate briefing parameters; raise ParameterError naming the first bad one."""
    codes = parse_pair(pair)
    return BriefingParams(codes, *check_options(start, end, as_of, data, min_sources),
                          *check_engine(engine, spark_master), check_votes(votes))


def check_out_dir(out: Path) -> None:
    """The reports folder: created when missing; a file or a read-only folder is a parameter error."""
    import os

    if out.exists() and not out.is_dir():
        raise ParameterError(f"parameter 'out': {str(out)!r} is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ParameterError(f"parameter 'out': cannot create {str(out)!r}: {exc.strerror}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise ParameterError(f"parameter 'out': {str(out)!r} is not writable")


FORMATS = ("html", "pdf")


def parse_formats(text) -> tuple[str, ...]:
    items = [f.strip().lower() for f in (text.split(",") if isinstance(text, str) else text) if f.strip()]
    bad = [f for f in items if f not in FORMATS]
    if bad or not items:
        raise ParameterError(f"parameter 'format': {','.join(bad) or 'nothing'!r} is not a format "
                             f"(one or more of: {', '.join(FORMATS)}, comma-separated)")
    return tuple(f for f in FORMATS if f in items)


def parse_timeout(value) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ParameterError(f"parameter 'timeout': {value!r} is not a number of seconds") from None
    if not seconds > 0:
        raise ParameterError(f"parameter 'timeout': {seconds:g} must be more than 0 seconds")
    return seconds
