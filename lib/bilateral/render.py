"""The render pipeline: check → execute (papermill) → HTML (nbconvert) → PDF
(WeasyPrint) → publish atomically, with a JSON sidecar.

Nothing reaches ``reports/`` until every step has succeeded: the files are made
in a private folder under ``build/`` and moved into place with ``os.replace``
(the sidecar last, so a complete sidecar means a complete report). A failed run
keeps its executed notebook under ``build/failed/`` and raises ``RenderError``
naming the cell and the error; papermill's output notebook is never trusted
after a failure (a timeout leaves no banner and marks unrun cells completed).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, params, paths
from . import summary as summary_mod
from .dataset import load
from .errors import ParameterError, RenderError

KERNEL_NAME = "python3"  # pinned: papermill would otherwise trust the notebook's metadata
REMOVE_CELL_TAGS = {"remove-cell", "injected-parameters", "papermill-error-cell-tag"}
REMOVE_INPUT_TAGS = {"remove-input"}


@dataclass
class RenderResult:
    pair: str
    files: dict[str, Path]
    seconds: dict[str, float] = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    skipped: bool = False  # up to date: nothing was rendered


def _say(progress: bool, message: str) -> None:
    if progress:
        print(message, file=sys.stderr, flush=True)


def git_commit() -> str | None:
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=paths.PROJECT_ROOT, capture_output=True,
                              text=True, timeout=10)
        if head.returncode != 0:
            return None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=paths.PROJECT_ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return head.stdout.strip() + ("-dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return None


def _failure(exc: BaseException, notebook: Path | None) -> str:
    """One line: which cell failed and how."""
    import nbclient.exceptions as nbx
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        what = f"cell {exc.cell_index} (execution {exc.exec_count}) raised {exc.ename}: {exc.evalue}"
    elif isinstance(exc, nbx.CellTimeoutError):
        what = f"a cell exceeded the execution timeout ({exc})".replace("\n", " ")
    elif isinstance(exc, nbx.DeadKernelError):
        what = f"the kernel died while executing ({exc})"
    else:
        what = f"{type(exc).__name__}: {exc}"
    where = f"; executed notebook kept at {notebook}" if notebook else ""
    return " ".join(f"briefing failed: {what}{where}".split())


def _keep_failed(executed: Path, name: str) -> Path | None:
    if not executed.exists():
        return None
    failed = paths.build_dir() / "failed"
    failed.mkdir(parents=True, exist_ok=True)
    target = failed / f"{name}_{time.strftime('%Y%m%dT%H%M%S')}_{os.getpid()}.ipynb"
    shutil.copyfile(executed, target)
    return target


def _clean_outputs(nb) -> None:
    """Drop stderr streams (warnings) from the briefing; they are not for the reader."""
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]


def _errors_in(nb) -> str | None:
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            if o.get("output_type") == "error":
                return f"cell {i} raised {o.get('ename')}: {o.get('evalue')}"
    return None


def defer_rfc3987_syntax() -> None:
    """Make ``rfc3987_syntax`` load on first use instead of at import.

    jsonschema imports it when it is installed (JupyterLab's dependencies install it)
    only to offer an ``iri`` format check; importing it builds a Lark grammar, measured
    at 0.9 s, and nbformat (so papermill and nbconvert) pays that on every render
    without ever checking an IRI. A stand-in module loads the real one the first
    time anything calls it, so behaviour is unchanged.
    """
    import importlib
    import importlib.util
    import types

    name = "rfc3987_syntax"
    if name in sys.modules or importlib.util.find_spec(name) is None:
        return
    stub = types.ModuleType(name)

    def is_valid_syntax(*args, **kwargs):
        if sys.modules.get(name) is stub:
            del sys.modules[name]
            importlib.import_module(name)
        return sys.modules[name].is_valid_syntax(*args, **kwargs)

    stub.is_valid_syntax = is_valid_syntax
    stub.__bilateral_stub__ = True
    sys.modules[name] = stub


def _import_renderers(formats) -> None:
    try:
        import nbconvert.exporters.html  # noqa: F401

        if "pdf" in formats:
            import weasyprint  # noqa: F401
    except Exception:  # noqa: BLE001 - the real import after execution reports any problem
        pass


def to_html(nb, title: str) -> str:
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    c = Config()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = REMOVE_CELL_TAGS
    c.TagRemovePreprocessor.remove_input_tags = REMOVE_INPUT_TAGS
    c.TemplateExporter.exclude_input = True
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    exporter = HTMLExporter(config=c, template_name="briefing",
                            extra_template_basedirs=[str(paths.TEMPLATES_DIR)])
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb)
    return body


def to_pdf(html_text: str, target: Path) -> None:
    import logging

    from weasyprint import HTML

    # WeasyPrint warns about CSS it ignores (JupyterLab's, say); not the reader's business.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    HTML(string=html_text, base_url=str(target.parent)).write_pdf(target)


ENGINES = ("fork", "kernel")


def engine_choice(engine: str | None) -> str:
    """``fork`` (the default where the OS can fork) or ``kernel``; ``BILATERAL_ENGINE`` overrides the default."""
    from . import fork_engine

    choice = engine or os.environ.get("BILATERAL_ENGINE") or ("fork" if fork_engine.available() else "kernel")
    if choice not in ENGINES:
        raise ParameterError(f"parameter 'engine' (BILATERAL_ENGINE): {choice!r} is not one of {', '.join(ENGINES)}")
    if choice == "fork" and not fork_engine.available():
        raise ParameterError("parameter 'engine': 'fork' needs an OS with fork(); use 'kernel'")
    return choice


def _execute(notebook: Path, executed: Path, parameters: dict, timeout: float, progress: bool, stem: str,
             engine: str = "kernel", on_started=None):
    """Run the notebook with papermill; any failure becomes a RenderError naming the cell.

    ``on_started`` is called once the notebook runs (in the fork engine, after the
    fork: a thread started before a fork would not exist in the child).
    """
    import papermill as pm
    from traitlets.config import Config

    if engine == "fork":
        from . import fork_engine

        try:
            nb = pm.execute_notebook(str(notebook), str(executed), parameters=parameters,
                                     engine_name=fork_engine.NAME, kernel_name=KERNEL_NAME, execution_timeout=timeout,
                                     progress_bar=progress, log_output=False, on_started=on_started)
        except Exception as exc:  # noqa: BLE001 - every failure of the run is reported the same way
            raise RenderError(_failure(exc, _keep_failed(executed, stem))) from exc
        problem = _errors_in(nb)
        if problem:
            raise RenderError(_failure(RuntimeError(problem), _keep_failed(executed, stem)))
        return nb
    if on_started:
        on_started()

    # IPC sockets in a folder of this run's own: no TCP port to clash with a parallel run
    # (papermill #511) and no unencrypted-TCP warning. The folder is short because a socket
    # path may not exceed ~100 characters. Set by config, not by handing nbclient a kernel
    # manager: with one of ours it stops noticing timeouts and dead kernels.
    sockets = Path(tempfile.mkdtemp(prefix="bilateral-"))
    kernel_config = Config()
    kernel_config.KernelManager.transport = "ipc"
    kernel_config.KernelManager.ip = str(sockets / "k")
    try:
        nb = pm.execute_notebook(str(notebook), str(executed), parameters=parameters, config=kernel_config,
                                 kernel_name=KERNEL_NAME, execution_timeout=timeout, progress_bar=progress,
                                 log_output=False, request_save_on_cell_execute=True)
    except Exception as exc:  # noqa: BLE001 - every failure of the run is reported the same way
        raise RenderError(_failure(exc, _keep_failed(executed, stem))) from exc
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
    # papermill's notebook is trusted only after a clean run, and checked even then
    problem = _errors_in(nb)
    if problem:
        raise RenderError(_failure(RuntimeError(problem), _keep_failed(executed, stem)))
    return nb


def render(pair: str, start=None, end=None, as_of=None, data=None, out=None, formats=params.FORMATS,
           min_sources=0, timeout: float = 300, force: bool = False, progress: bool = True,
           notebook: Path | None = None, write_index: bool = True, engine: str | None = None) -> RenderResult:
    """Render one briefing; raise ParameterError, ValidationError or RenderError.

    ``engine``: ``fork`` runs the notebook in a fork of this process (fast: nothing
    is imported or validated twice), ``kernel`` in a Jupyter kernel; see fork_engine.
    """
    t0 = time.perf_counter()
    defer_rfc3987_syntax()
    engine = engine_choice(engine)
    p = params.check(pair, start, end, as_of, data, min_sources)
    formats = params.parse_formats(formats)
    timeout = params.parse_timeout(timeout)
    out_root = Path(out) if out else paths.reports_dir()
    params.check_out_dir(out_root)
    notebook = Path(notebook) if notebook else paths.BRIEFING_NOTEBOOK

    _say(progress, f"[1/4] checking {p.pair_text} and the dataset {p.data}")
    ds = load(p.data, pair=p.pair_text, min_sources=p.min_sources)
    # The window is fixed here and passed explicitly, so the notebook never reads the clock.
    figures = summary_mod.build(ds, p.pair, p.start, p.end, p.as_of)
    start_s, end_s, as_of_s = figures["start"], figures["end"], figures["as_of"]
    stem = f"{p.pair_text}_{start_s}_{end_s}"
    target_dir = out_root / p.pair_text
    targets = {fmt: target_dir / f"{stem}.{fmt}" for fmt in formats}
    targets["json"] = target_dir / f"{stem}.json"
    seconds = {"check": time.perf_counter() - t0}

    parameters = {"pair": p.pair_text, "start": start_s, "end": end_s, "as_of": as_of_s,
                  "data": str(p.data.resolve()), "min_sources": p.min_sources}
    # What the output depends on. Unchanged inputs and existing files: nothing to do.
    notebook_sha = _sha256(notebook)
    inputs = {"parameters": {k: v for k, v in parameters.items() if k != "data"}, "formats": list(formats),
              "data_checksum": ds.checksum, "notebook_sha256": notebook_sha, "code_sha256": code_checksum()}
    inputs_key = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
    if not force and _up_to_date(targets, inputs_key):
        _say(progress, f"up to date: {targets['json']} (same data, notebook, code and parameters; --force renders again)")
        if write_index:
            from .index import write_index as _write_index

            _write_index(out_root)
        return RenderResult(p.pair_text, targets, {"total": time.perf_counter() - t0}, figures, skipped=True)

    sidecar = {
        "pair": p.pair_text,
        "inputs_key": inputs_key,
        "parameters": {**parameters, "data": str(p.data)},
        "formats": list(formats),
        "files": {k: v.name for k, v in targets.items()},
        "data": {"path": str(p.data), "checksum": ds.checksum},
        "notebook": {"path": notebook.name, "sha256": notebook_sha},
        "git_commit": git_commit(),
        "versions": _versions(),
        "summary": figures,
    }

    build = paths.build_dir()
    build.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"render-{stem}-", dir=build))
    executed = work / f"{stem}.ipynb"
    try:
        # nbconvert and WeasyPrint take ~2 s to import; do it on the other core while
        # the kernel runs the notebook instead of after it (measured: benchmarks/render.py).
        warm = threading.Thread(target=_import_renderers, args=(formats,), daemon=True)
        _say(progress, f"[2/4] executing the briefing notebook ({start_s} to {end_s}, as of {as_of_s})")
        t = time.perf_counter()
        nb = _execute(notebook, executed, parameters, timeout, progress, stem, engine, on_started=warm.start)
        seconds["execute"] = time.perf_counter() - t

        warm.join()
        _say(progress, "[3/4] rendering " + " and ".join(f.upper() for f in formats))
        _clean_outputs(nb)
        t = time.perf_counter()
        a, b = p.pair
        from .names import country_name

        html_text = to_html(nb, f"{country_name(a)}–{country_name(b)} briefing, {start_s} to {end_s}")
        seconds["html"] = time.perf_counter() - t
        staged = {}
        if "html" in formats:
            staged["html"] = work / targets["html"].name
            staged["html"].write_text(html_text, encoding="utf-8")
        if "pdf" in formats:
            t = time.perf_counter()
            staged["pdf"] = work / targets["pdf"].name
            to_pdf(html_text, staged["pdf"])
            seconds["pdf"] = time.perf_counter() - t
        staged["json"] = work / targets["json"].name
        staged["json"].write_text(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

        _say(progress, f"[4/4] publishing to {target_dir}")
        _publish(staged, targets)
    except OSError as exc:  # a full disk, a folder that turned read-only: nothing was published
        kept = _keep_failed(executed, stem)
        where = f"; executed notebook kept at {kept}" if kept else ""
        raise RenderError(" ".join(f"could not write the briefing, nothing was published: {exc}{where}".split())) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if write_index:
        from .index import write_index as _write_index

        _write_index(out_root)
    seconds["total"] = time.perf_counter() - t0
    return RenderResult(p.pair_text, targets, seconds, figures)


def _publish(staged: dict[str, Path], targets: dict[str, Path]) -> None:
    """Move the finished files into place, the sidecar last.

    Each file is first copied next to its target (same filesystem), then renamed
    over it: a reader sees the old file or the new one, never half of one.
    """
    target_dir = next(iter(targets.values())).parent
    target_dir.mkdir(parents=True, exist_ok=True)
    ready = {}
    try:
        for kind, src in staged.items():
            tmp = target_dir / f".{targets[kind].name}.partial-{os.getpid()}"
            ready[kind] = tmp  # before the copy: a copy that fails half-way is removed too
            shutil.copyfile(src, tmp)
        for kind in [k for k in ready if k != "json"] + ["json"]:
            os.replace(ready[kind], targets[kind])
    finally:
        for tmp in ready.values():
            if tmp.exists():
                tmp.unlink()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def code_checksum() -> str:
    """SHA-256 over the library's code and templates: a change to them re-renders."""
    digest = hashlib.sha256()
    for f in sorted(paths.PACKAGE_DIR.rglob("*")):
        if f.is_file() and f.suffix in {".py", ".j2", ".css", ".json"}:
            digest.update(f.relative_to(paths.PACKAGE_DIR).as_posix().encode())
            digest.update(hashlib.sha256(f.read_bytes()).digest())
    return digest.hexdigest()


def _up_to_date(targets: dict[str, Path], inputs_key: str) -> bool:
    if not all(f.exists() for f in targets.values()):
        return False
    try:
        return json.loads(targets["json"].read_text(encoding="utf-8")).get("inputs_key") == inputs_key
    except (OSError, ValueError):
        return False


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"bilateral": __version__}
    for name in ("papermill", "nbconvert", "weasyprint", "pandas", "matplotlib"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    return out
