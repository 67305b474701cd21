"""Executing the briefing notebook with papermill, by one of two runners.

``fork`` runs the cells in a fork of the render process (``fork_engine``: nothing is
imported twice); ``kernel`` in a Jupyter kernel on IPC sockets. Both go through
``run``, which turns every way a run can fail (a cell's exception, a timeout, a
kernel that died) into one ``CellError`` naming the cell, and keeps the executed
notebook under ``build/failed/`` for the user to look at.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from .. import paths
from ..errors import CellError, ParameterError

KERNEL_NAME = "python3"  # pinned: papermill would otherwise trust the notebook's metadata
RUNNERS = ("fork", "kernel")  # what runs the notebook (a store's engine, duckdb or spark, is another thing)
RUNNER_ENV = "BILATERAL_RUNNER"


def in_jupyter_kernel() -> bool:
    """True inside an IPython kernel (JupyterLab, a notebook): its ZMQ threads must not be forked."""
    if "ipykernel" not in sys.modules or "IPython" not in sys.modules:
        return False
    shell = sys.modules["IPython"].get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def runner_choice(runner: str | None) -> str:
    """``fork`` (the default where the OS can fork) or ``kernel``; ``BILATERAL_RUNNER`` overrides the default.

    Inside a Jupyter kernel, or with other threads running, the render is not forked:
    a fork copies no thread but every lock those threads held.
    """
    from . import fork_engine

    choice = runner or os.environ.get(RUNNER_ENV) or "fork"
    if choice not in RUNNERS:
        raise ParameterError(f"parameter 'runner' ({RUNNER_ENV}): {choice!r} is not one of {', '.join(RUNNERS)}")
    if choice == "fork" and not fork_engine.available():
        if runner == "fork":
            raise ParameterError("parameter 'runner': 'fork' needs an OS with fork(); use 'kernel'")
        return "kernel"
    if choice == "fork" and (in_jupyter_kernel() or threading.active_count() > 1):
        return "kernel"
    return choice


def keep_failed(executed: Path, name: str) -> Path | None:
    """Copy a failed run's notebook under ``build/failed/`` (named by time and process)."""
    if not executed.exists():
        return None
    failed = paths.build_dir() / "failed"
    failed.mkdir(parents=True, exist_ok=True)
    target = failed / f"{name}_{time.strftime('%Y%m%dT%H%M%S')}_{os.getpid()}.ipynb"
    shutil.copyfile(executed, target)
    return target


def first_error(nb) -> tuple[int, str, str] | None:
    """The first error output: (cell index, name, value); ``SystemExit(0)`` is a clean stop, as in papermill."""
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            if o.get("output_type") == "error":
                if o.get("ename") == "SystemExit" and o.get("evalue") in ("", "0"):
                    continue
                return i, o.get("ename", ""), o.get("evalue", "")
    return None


def _running_cell(executed: Path) -> int | None:
    """The cell papermill marked as running in the saved notebook (a timeout or a dead kernel)."""
    try:
        import nbformat

        nb = nbformat.read(executed, as_version=4)
    except Exception:  # noqa: BLE001 - nothing saved yet
        return None
    for i, cell in enumerate(nb.cells):
        if cell.get("metadata", {}).get("papermill", {}).get("status") == "running":
            return i
    return None


def _cell_error(exc: BaseException, executed: Path, stem: str) -> CellError:
    import nbclient.exceptions as nbx
    from papermill.exceptions import PapermillExecutionError

    index, ename, evalue = None, type(exc).__name__, str(exc)
    if isinstance(exc, PapermillExecutionError):
        index, ename, evalue = exc.cell_index, exc.ename, exc.evalue
        what = f"cell {exc.cell_index} (execution {exc.exec_count}) raised {exc.ename}: {exc.evalue}"
    elif isinstance(exc, nbx.CellTimeoutError):
        index = _running_cell(executed)
        what = f"a cell exceeded the execution timeout ({exc})"
    elif isinstance(exc, nbx.DeadKernelError):
        index = _running_cell(executed)
        what = f"the kernel died while executing ({exc})"
    elif isinstance(exc, _ErrorOutput):
        index, ename, evalue = exc.args
        what = f"cell {index} raised {ename}: {evalue}"
    else:
        what = f"{type(exc).__name__}: {exc}"
    kept = keep_failed(executed, stem)
    where = f"; executed notebook kept at {kept}" if kept else ""
    return CellError(" ".join(f"briefing failed: {what}{where}".split()), index, ename, evalue)


class _ErrorOutput(Exception):
    """An error output papermill let through; never trusted as a clean run."""


def run(notebook: Path, executed: Path, parameters: dict, timeout: float, runner: str, stem: str,
        progress: bool = False, on_started=None):
    """Execute the notebook; return it, or raise ``CellError``.

    ``on_started`` is called once the notebook runs (with the fork runner, after the
    fork: a thread started before a fork would not exist in the child). The fork
    runner never shows papermill's progress bar: tqdm's bar starts a monitor thread.
    """
    import papermill as pm

    sockets = None
    try:
        if runner == "fork":
            from . import fork_engine

            nb = pm.execute_notebook(str(notebook), str(executed), parameters=parameters,
                                     engine_name=fork_engine.NAME, kernel_name=KERNEL_NAME,
                                     execution_timeout=timeout, progress_bar=False, log_output=False,
                                     on_started=on_started)
        else:
            if on_started:
                on_started()
            sockets, config = _ipc_config()
            nb = pm.execute_notebook(str(notebook), str(executed), parameters=parameters, config=config,
                                     kernel_name=KERNEL_NAME, execution_timeout=timeout, progress_bar=progress,
                                     log_output=False, request_save_on_cell_execute=True)
        # papermill's notebook is trusted only after a clean run, and checked even then
        problem = first_error(nb)
        if problem:
            raise _ErrorOutput(*problem)
    except Exception as exc:  # noqa: BLE001 - every failure of the run is reported the same way
        raise _cell_error(exc, executed, stem) from exc
    finally:
        if sockets:
            shutil.rmtree(sockets, ignore_errors=True)
    return nb


def _ipc_config():
    """IPC sockets in a folder of this run's own: no TCP port to clash with a parallel run
    (papermill #511) and no unencrypted-TCP warning. The folder is short because a socket
    path may not exceed ~100 characters. Set by config, not by handing nbclient a kernel
    manager: with one of ours it stops noticing timeouts and dead kernels."""
    from traitlets.config import Config

    sockets = Path(tempfile.mkdtemp(prefix="bilateral-"))
    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(sockets / "k")
    return sockets, config
