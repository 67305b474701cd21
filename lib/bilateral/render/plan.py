"""The render pipeline in four named steps: plan → execute → convert → publish.

``plan`` checks the parameters, loads the pair's rows once and computes every figure
once (``summary.build``); ``execute`` runs the notebook (papermill), handing it the
figures and the validated rows so that it computes nothing again; ``convert`` makes
the HTML (nbconvert) and the PDF (WeasyPrint); ``publish`` moves the files into
``reports/`` atomically with a JSON sidecar, then rewrites the index.

Nothing reaches ``reports/`` until every step has succeeded: the files are made in a
private folder under ``build/`` and moved into place with ``os.replace`` (the sidecar
last, so a complete sidecar means a complete report). A failed run keeps its executed
notebook under ``build/failed/`` and raises ``CellError`` naming the cell and the error.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import convert, editions as edition_files, execute, publish
from ..figures import editions, engagement
from ..briefing import params
from .. import paths, source, store
from ..figures.engagement import Window
from ..briefing.handoff import write_handoff
from ..figures import summary as summary_mod
from ..contract.checksums import sha256_of
from .convert import defer_rfc3987_syntax  # noqa: F401 - re-exported: tests and benchmarks call it here
from ..dataset.load import Dataset, facts_as_of, for_pair
from ..errors import RenderError
from ..store import votes as votes_store

@dataclass
class RenderResult:
    pair: str
    files: dict[str, Path]
    seconds: dict[str, float] = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    skipped: bool = False  # up to date: nothing was rendered


@dataclass
class Plan:
    """Everything a render needs, checked and computed before anything runs."""
    params: params.BriefingParams
    formats: tuple[str, ...]
    timeout: float
    runner: str   # what runs the notebook: fork or kernel (execute)
    notebook: Path
    out_root: Path
    rows: Dataset
    summary: dict
    parameters: dict
    stem: str
    targets: dict[str, Path]
    inputs_key: str
    started_at: str = ""
    votes: dict | None = None  # the store of UN votes: its path and manifest checksum (None: no store)
    record: dict = field(default_factory=dict)   # the rows a later edition is compared on
    edition: dict = field(default_factory=dict)  # the previous edition and the comparison with it
    sentences: list = field(default_factory=list)  # every generated sentence with the rows behind it

    def comparable(self, rendered_at: str) -> dict:
        """What ``editions.compare`` reads of this edition's sidecar."""
        return {"pair": self.params.pair_text, "rendered_at": rendered_at, "summary": self.summary, "rows": self.record,
                "data": {"checksum": self.rows.checksum},
                "dataset": {"name": Path(self.params.data).resolve().name}}

    def sidecar(self, rendered_at: str | None = None) -> dict:
        p = self.params
        return {
            "pair": p.pair_text,
            "inputs_key": self.inputs_key,
            "parameters": {**self.parameters, "data": str(p.data)},
            "formats": list(self.formats),
            "files": {k: v.name for k, v in self.targets.items()},
            "data": {"path": str(p.data), "checksum": self.rows.checksum},
            "votes": self.votes,
            "notebook": {"path": self.notebook.name, "sha256": sha256_of(self.notebook)},
            "git_commit": publish.git_commit(),
            "rendered_at": rendered_at or now(),
            "dataset": {"name": Path(p.data).resolve().name, "title": self.rows.title},
            "versions": publish.versions(),
            "summary": self.summary,
            "rows": self.record,
            "edition": {"previous": self.edition.get("previous"), "changes": self.edition.get("comparison")},
            "sentences": self.sentences,
        }


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def report_stem(pair: str, data: Path, start: str, end: str, as_of: str) -> str:
    """The report's name: pair, dataset, window and as-of day, so that no render replaces
    the report of another dataset or another as-of day (``IND-BLR_india-belarus_2024-01-19_2024-03-13_as-of_2024-03-13``)."""
    dataset = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(data).resolve().name).strip("-.") or "data"
    return f"{pair}_{dataset}_{start}_{end}_as-of_{as_of}"


def _say(progress, message: str) -> None:
    """``progress``: True prints the step to stderr; a callable (the explorer's progress bar) is called with it."""
    if callable(progress):
        progress(message)
    elif progress:
        print(message, file=sys.stderr, flush=True)


def plan(pair, start=None, end=None, as_of=None, data=None, out=None, formats=params.FORMATS, min_sources=0,
         timeout: float = 300, notebook: Path | None = None, runner: str | None = None, since=None,
         store_engine: str | None = None, spark_master: str | None = None, rows: Dataset | None = None,
         votes=None) -> Plan:
    """Check every parameter, load the pair's rows and compute the figures: once, here.

    ``runner`` runs the notebook (execute: fork or kernel); ``store_engine`` reads a store's rows (duckdb or
    spark, ``store.engines``). Spark reads here, in this process, and is stopped before the
    notebook runs: the notebook gets the rows (handoff) and never needs Spark. ``rows``:
    the pair's rows read already (``batch`` reads every pair's on Spark before it forks).
    ``since``: the sidecar of the edition to compare with (default: the latest earlier
    edition of the pair in ``out``). ``votes``: the store of UN votes (default: the shipped one),
    its manifest checksum part of the up-to-date key."""
    started_at = now()
    runner = execute.runner_choice(runner)
    p = params.check(pair, start, end, as_of, data, min_sources, store_engine, spark_master, votes)
    formats = params.parse_formats(formats)
    timeout = params.parse_timeout(timeout)
    out_root = Path(out) if out else paths.reports_dir()
    params.check_out_dir(out_root)
    notebook = Path(notebook) if notebook else paths.BRIEFING_NOTEBOOK
    if rows is None and store.is_store(p.data):
        from ..store import engines

        with engines.open(p.engine, p.spark_master) as session:  # closed before the notebook forks
            rows = for_pair(p.data, p.pair_text, p.min_sources, session)
    elif rows is None:
        rows = for_pair(p.data, p.pair_text, p.min_sources)
    # The window is fixed here and passed explicitly, so the notebook never reads the clock.
    figures = summary_mod.build(rows, p.pair, p.start, p.end, p.as_of)
    figures["unga"] = source.votes_summary(p.pair, figures["end"], p.votes)
    start_s, end_s, as_of_s = figures["start"], figures["end"], figures["as_of"]
    chosen = edition_files.since(since, p.pair_text) if since else None
    rows = facts_as_of(rows, dt.date.fromisoformat(as_of_s))
    stem = report_stem(p.pair_text, p.data, start_s, end_s, as_of_s)
    target_dir = out_root / p.pair_text
    targets = {fmt: target_dir / f"{stem}.{fmt}" for fmt in formats}
    targets["json"] = target_dir / f"{stem}.json"
    parameters = {"pair": p.pair_text, "start": start_s, "end": end_s, "as_of": as_of_s,
                  "data": str(p.data.resolve()), "min_sources": p.min_sources,
                  "votes": str(p.votes) if p.votes else None}
    votes_record = {"path": str(p.votes), "checksum": votes_store.checksum(p.votes)} if p.votes else None
    key = publish.inputs_key(parameters, formats, rows.checksum, sha256_of(notebook),
                             votes_record and votes_record["checksum"])
    if chosen:  # another edition to compare with is another briefing
        key = hashlib.sha256(f"{key}:{sha256_of(chosen[0])}".encode()).hexdigest()
    the_plan = Plan(p, formats, timeout, runner, notebook, out_root, rows, figures, parameters, stem, targets, key,
                    started_at, votes_record)
    window = Window(*(dt.date.fromisoformat(d) for d in (start_s, end_s, as_of_s)))
    the_plan.record = editions.rows_record(engagement.timeline(rows.events, p.pair, window), rows.positions,
                                           rows.sources, figures)
    found = chosen or edition_files.previous(out_root, p.pair_text, started_at)
    the_plan.edition = {"previous": None, "comparison": None, "searched": str(out_root)}
    if found:
        path, side = found
        the_plan.edition.update(previous={"path": str(path), "rendered_at": side.get("rendered_at")},
                                comparison=editions.compare(side, the_plan.comparable(started_at)))
    from ..briefing.notebook import Briefing

    briefing = Briefing(rows, p.pair, window, figures, p.min_sources, the_plan.edition)
    the_plan.sentences = [s.as_json() for s in briefing.sentences()]
    return the_plan


def render(pair: str, start=None, end=None, as_of=None, data=None, out=None, formats=params.FORMATS,
           min_sources=0, timeout: float = 300, force: bool = False, progress: bool = True,
           notebook: Path | None = None, write_index: bool = True, runner: str | None = None,
           since=None, store_engine: str | None = None, spark_master: str | None = None,
           rows: Dataset | None = None, votes=None) -> RenderResult:
    """Render one briefing; raise ParameterError, ValidationError or RenderError (CellError for a cell).

    ``runner``: ``fork`` runs the notebook in a fork of this process (fast: nothing
    is imported or validated twice), ``kernel`` in a Jupyter kernel; see fork_engine.
    """
    t0 = time.perf_counter()
    convert.defer_rfc3987_syntax()
    the_plan = plan(pair, start, end, as_of, data, out, formats, min_sources, timeout, notebook, runner, since,
                    store_engine, spark_master, rows, votes)
    p, targets, figures = the_plan.params, the_plan.targets, the_plan.summary
    _say(progress, f"[1/4] checked {p.pair_text} and the dataset {p.data}")
    seconds = {"check": time.perf_counter() - t0}
    if not force and publish.up_to_date(targets, the_plan.inputs_key):
        _say(progress, f"up to date: {targets['json']} (same data, notebook, code and parameters; --force renders again)")
        if write_index:
            _write_index(the_plan.out_root)
        return RenderResult(p.pair_text, targets, {"total": time.perf_counter() - t0}, figures, skipped=True)

    build = paths.build_dir()
    build.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"render-{the_plan.stem}-", dir=build))
    executed = work / f"{the_plan.stem}.ipynb"
    try:
        parameters = {**the_plan.parameters, "prepared": write_handoff(work / "prepared", the_plan.rows, the_plan.summary,
                                                                          the_plan.edition)}
        # nbconvert and WeasyPrint take ~2 s to import; do it on the other core while
        # the notebook runs instead of after it (measured: benchmarks/render.py).
        warm = threading.Thread(target=convert.import_renderers, args=(the_plan.formats,), daemon=True)
        _say(progress, f"[2/4] executing the briefing notebook ({figures['start']} to {figures['end']}, "
                       f"as of {figures['as_of']})")
        t = time.perf_counter()
        nb = execute.run(the_plan.notebook, executed, parameters, the_plan.timeout, the_plan.runner,
                         the_plan.stem, progress is True, on_started=warm.start)
        seconds["execute"] = time.perf_counter() - t
        warm.join()

        _say(progress, "[3/4] rendering " + " and ".join(f.upper() for f in the_plan.formats))
        t = time.perf_counter()
        staged = convert_all(the_plan, nb, work, seconds)
        seconds["convert"] = time.perf_counter() - t

        _say(progress, f"[4/4] publishing to {targets['json'].parent}")
        # the report and, beside it, the same edition kept for good: one atomic publication
        kept, kept_targets = history(the_plan, staged, work)
        publish.publish({**staged, **{f"edition.{k}": v for k, v in kept.items()}},
                        {**targets, **{f"edition.{k}": v for k, v in kept_targets.items()}})
    except OSError as exc:  # a full disk, a folder that turned read-only: nothing was published
        kept = execute.keep_failed(executed, the_plan.stem)
        where = f"; executed notebook kept at {kept}" if kept else ""
        raise RenderError(" ".join(f"could not write the briefing, nothing was published: {exc}{where}".split())) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if write_index:
        _write_index(the_plan.out_root)
    seconds["total"] = time.perf_counter() - t0
    return RenderResult(p.pair_text, targets, seconds, figures)


def convert_all(the_plan: Plan, nb, work: Path, seconds: dict) -> dict[str, Path]:
    """The HTML, the PDF and the sidecar, staged in the work folder."""
    convert.clean_outputs(nb)
    t = time.perf_counter()
    html_text = convert.to_html(nb)
    seconds["html"] = time.perf_counter() - t
    staged = {}
    if "html" in the_plan.formats:
        staged["html"] = work / the_plan.targets["html"].name
        staged["html"].write_text(html_text, encoding="utf-8")
    if "pdf" in the_plan.formats:
        t = time.perf_counter()
        staged["pdf"] = work / the_plan.targets["pdf"].name
        convert.to_pdf(html_text, staged["pdf"])
        seconds["pdf"] = time.perf_counter() - t
    staged["json"] = work / the_plan.targets["json"].name
    rendered_at = now()
    staged["json"].write_text(json.dumps(the_plan.sidecar(rendered_at), indent=2, ensure_ascii=False) + "\n",
                              encoding="utf-8")
    return staged


def history(the_plan: Plan, staged: dict[str, Path], work: Path) -> tuple[dict[str, Path], dict[str, Path]]:
    """The edition's copy under ``A-B/editions/`` (``edition_files``): the same files, and a sidecar
    naming them."""
    side = json.loads(staged["json"].read_text(encoding="utf-8"))
    targets = edition_files.history_targets(the_plan.targets["json"].parent, the_plan.stem, side["rendered_at"], staged)
    side["files"] = {k: v.name for k, v in targets.items()}
    targets["json"].parent.mkdir(parents=True, exist_ok=True)
    kept = {**staged, "json": work / "edition.json"}
    kept["json"].write_text(json.dumps(side, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return kept, targets


def _write_index(out_root: Path) -> None:
    from .index import write_index

    write_index(out_root)
