"""Many briefings from one dataset, N at a time (``bilateral batch``).

Each pair renders in its own worker process: its own kernel on IPC sockets in a
folder of its own, its own work folder, its own output files; no process-wide
``chdir``. A pair that fails is reported and the others go on. The reports
index is written once at the end.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ..errors import BilateralError, ParameterError


@dataclass
class Outcome:
    pair: str
    ok: bool
    seconds: float
    detail: str            # the published HTML/PDF path, or the error
    skipped: bool = False


def read_pairs(pairs: str | None, pairs_file: str | None) -> list[str]:
    """The pairs of ``--pairs A-B,C-D`` or of a file (one per line, # comments), in order, once each."""
    if bool(pairs) == bool(pairs_file):
        raise ParameterError("parameter 'pairs': give either --pairs A-B,C-D or --pairs-file FILE")
    if pairs_file:
        path = Path(pairs_file)
        if not path.is_file():
            raise ParameterError(f"parameter 'pairs-file': {pairs_file!r} is not a file")
        items = [ln.split("#", 1)[0].strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    else:
        items = [p.strip() for p in pairs.split(",")]
    out = list(dict.fromkeys(p for p in items if p))
    if not out:
        raise ParameterError("parameter 'pairs': no pair given")
    return out


def _render_one(pair: str, options: dict, rows=None) -> Outcome:
    from .plan import render

    t = time.perf_counter()
    try:
        result = render(pair, progress=False, write_index=False, rows=rows, **options)
    except BilateralError as exc:
        return Outcome(pair, False, time.perf_counter() - t, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - one pair's bug must not stop the batch
        return Outcome(pair, False, time.perf_counter() - t, f"{type(exc).__name__}: {exc}")
    main = result.files.get("html") or result.files.get("pdf") or result.files["json"]
    return Outcome(pair, True, time.perf_counter() - t, str(main), result.skipped)


def _warm_up() -> None:
    """Import what every render needs once, before the workers fork from this process."""
    import nbconvert.exporters.html  # noqa: F401
    import papermill  # noqa: F401
    import weasyprint  # noqa: F401

    from ..briefing import notebook as briefing
    from . import plan as render  # noqa: F401


def run(pairs: list[str], jobs: int | None = None, progress: bool = True, **options) -> list[Outcome]:
    """Render every pair, ``jobs`` at a time; return one outcome per pair, in the given order."""
    from ..briefing import params
    from ..dataset.load import load
    from .index import write_index
    from ..paths import reports_dir

    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    if jobs < 1:
        raise ParameterError(f"parameter 'jobs': {jobs} must be 1 or more")
    out_root = Path(options.get("out") or reports_dir())
    params.check_out_dir(out_root)
    # Options and dataset are shared: check them once, before any work (a bad dataset
    # would fail every pair). A bad pair fails only itself, in its worker.
    *_, folder, _ = params.check_options(options.get("start"), options.get("end"), options.get("as_of"),
                                         options.get("data"), options.get("min_sources", 0))
    params.parse_formats(options.get("formats", params.FORMATS))
    params.parse_timeout(options.get("timeout", 300))
    engine, master = params.check_engine(options.get("store_engine"), options.get("spark_master"))
    options = {**options, "votes": params.check_votes(options.get("votes"))}  # every pair's store of UN votes
    preloaded, failed = {}, {}
    from .. import store

    if store.is_store(folder):  # checked by its manifest: a store of millions of rows is not loaded here
        from ..store.validate import validate_store

        validate_store(folder)
        if engine == "spark":
            # Every pair's rows read here, in one Spark session, stopped before the workers fork:
            # a worker gets its pair's rows and never starts a JVM of its own.
            preloaded, failed = _read_on_spark(pairs, folder, options, master)
    else:
        load(folder)

    _warm_up()
    outcomes: dict[str, Outcome] = {}
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    from tqdm import tqdm

    outcomes.update(failed)
    todo = [p for p in pairs if p not in failed]
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo))), mp_context=context) as pool:
        futures = {pool.submit(_render_one, pair, options, preloaded.get(pair)): pair for pair in todo}
        # The bar only now: tqdm starts a monitor thread, and the pool has forked its
        # workers at the first submit; a thread alive at a fork can deadlock the child.
        bar = tqdm(total=len(pairs), unit="pair", desc="briefings", disable=not progress, file=sys.stderr)
        for future in as_completed(futures):
            outcome = future.result()
            outcomes[outcome.pair] = outcome
            status = "up to date" if outcome.skipped else ("ok" if outcome.ok else "FAILED")
            bar.write(f"{status:10} {outcome.pair}  {outcome.seconds:5.1f}s  {outcome.detail}", file=sys.stderr)
            bar.update(1)
    bar.close()
    write_index(out_root)
    return [outcomes[p] for p in pairs]


def _read_on_spark(pairs: list[str], folder: Path, options: dict, master: str) -> tuple[dict, dict]:
    """Each pair's validated rows (``dataset.for_pair``) read on Spark; a pair that fails is an outcome."""
    from ..dataset.load import for_pair
    from ..store import engines

    rows, failed = {}, {}
    with engines.open("spark", master) as session:
        for pair in pairs:
            t = time.perf_counter()
            try:
                rows[pair] = for_pair(folder, pair, int(options.get("min_sources") or 0), session)
            except BilateralError as exc:
                failed[pair] = Outcome(pair, False, time.perf_counter() - t, str(exc).splitlines()[0])
    return rows, failed


def table(outcomes: list[Outcome]) -> str:
    """The closing table: every pair, its status, time and file or error."""
    width = max(len(o.pair) for o in outcomes)
    lines = [f"{'pair':{width}}  status      seconds  file or error"]
    for o in outcomes:
        status = "up to date" if o.skipped else ("ok" if o.ok else "FAILED")
        lines.append(f"{o.pair:{width}}  {status:10}  {o.seconds:7.1f}  {o.detail}")
    failed = sum(not o.ok for o in outcomes)
    lines.append(f"{len(outcomes) - failed} published, {failed} failed")
    return "\n".join(lines)
