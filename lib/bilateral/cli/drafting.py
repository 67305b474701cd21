"""``bilateral draft`` (rows proposed from an article, for review) and ``bilateral accept`` (a
draft's rows added to a dataset, validated first)."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import ParameterError
from ..paths import unwritable


def add_parsers(sub) -> None:
    d = sub.add_parser("draft", help="propose events, positions and facts from a news article, for review")
    d.add_argument("articles", nargs="+", metavar="ARTICLE",
                   help="the article as a UTF-8 text file (several: each drafted into OUT/SOURCE_ID)")
    d.add_argument("--pair", required=True, help="two ISO alpha-3 codes, e.g. IND-BLR: only this pair's rows are drafted")
    d.add_argument("--published", required=True, help="the article's publication date, YYYY-MM-DD (relative dates resolve against it)")
    d.add_argument("--source-id", dest="source_id", help="id of the article's sources.csv row (default: press-DATE-FILENAME)")
    d.add_argument("--dataset", help="the dataset the rows are for: its events are linked, not proposed again")
    d.add_argument("--out", help="draft folder (default: build/drafts/SOURCE_ID; with several articles, the folder holding one per article)")
    d.set_defaults(run=run_draft)
    a = sub.add_parser("accept", help="add a draft's rows (all, or --rows) to a dataset, after validating the result")
    a.add_argument("draft_dir", help="a folder written by `bilateral draft`")
    a.add_argument("--into", required=True, help="the dataset folder to add to (created if absent)")
    a.add_argument("--rows", help="comma-separated ids of the rows to accept (default: every proposed row)")
    a.set_defaults(run=run_accept)


def existing_rows(folder: str | None) -> dict:
    if not folder:
        return {}
    from ..dataset.load import load

    ds = load(folder)
    return {name: getattr(ds, name).astype(object).where(getattr(ds, name).notna(), "").to_dict("records")
            for name in ("events", "positions", "facts")}


def draft_file(article: Path, text: str, pair: tuple[str, str], published, source_id: str,
               dataset: str | None, out: Path):
    """Draft one article into the folder ``out``; returns the Draft and the files written."""
    from ..drafting import draft, writer

    d = draft(text, pair, published, source_id, existing_rows(dataset))
    return d, writer.write(d, article, out)


def _read_article(article: Path) -> str:
    if not article.is_file():
        raise ParameterError(f"{article}:1:1: article file not found")
    raw = article.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ParameterError(f"{article}:{line}:{col}: not UTF-8 text (byte 0x{raw[exc.start]:02X})") from None
    if not text.strip():
        raise ParameterError(f"{article}:1:1: the article is empty")
    return text


def run_draft(args: argparse.Namespace) -> int:
    from ..contract.dates import parse_day
    from ..contract.names import parse_pair
    from ..drafting import writer

    pair = parse_pair(args.pair)
    try:
        published = parse_day(args.published, "parameter '--published'")
    except ValueError as exc:
        raise ParameterError(str(exc)) from None
    articles = [Path(a) for a in args.articles]
    if args.source_id and len(articles) > 1:
        raise ParameterError("parameter '--source-id': give it with one article only (several get one id each)")
    texts = [_read_article(a) for a in articles]  # every file checked before anything is written
    jobs = []
    for article, text in zip(articles, texts):
        source_id = args.source_id or writer.default_source_id(published, article)
        if len(articles) > 1:
            out = Path(args.out or Path("build") / "drafts") / source_id
        else:
            out = Path(args.out or Path("build") / "drafts" / source_id)
        jobs.append((article, text, pair, published, source_id, args.dataset, out))
    for job in jobs:  # before anything is written
        problem = unwritable(job[-1])
        if problem:
            raise ParameterError(f"parameter 'out': {problem}")
    if len(jobs) > 2:
        import multiprocessing
        import os
        from concurrent.futures import ProcessPoolExecutor

        # Forked workers inherit the loaded modules: one start-up, every core busy.
        workers = min(len(jobs), os.cpu_count() or 1)
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            lines = list(pool.map(_draft_job, jobs, chunksize=max(1, len(jobs) // (workers * 4))))
    else:
        lines = [_draft_job(job) for job in jobs]
    for line in lines:
        print(line)
    return 0


def _draft_job(job) -> str:
    article, text, pair, published, source_id, dataset, out = job
    d, files = draft_file(article, text, pair, published, source_id, dataset, out)
    return (f"{out}: {len(d.events)} events, {len(d.positions)} positions, {len(d.facts)} facts, "
            f"{len(d.conflicts)} conflicts proposed from {sum(1 for s in d.sentences if not s.heading)} sentences\n"
            f"review {files['review']}")


def run_accept(args: argparse.Namespace) -> int:
    from ..drafting.accept import accept

    problem = unwritable(args.into)
    if problem:
        raise ParameterError(f"parameter 'into': {problem}")
    report = accept(Path(args.draft_dir), Path(args.into), args.rows)
    print(report.text())
    return 0
