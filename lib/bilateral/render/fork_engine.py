"""A papermill engine that runs the notebook in a fork of the render process.

Why: a Jupyter kernel is a fresh Python that starts, connects over ZMQ and imports
pandas, matplotlib and bilateral again, then loads and validates the dataset the
render had just validated. Measured on the India–Belarus briefing (2 cores):
kernel start ≈1.2 s, the first cell (imports and the second validation) ≈1.1 s.
A fork of the render process already holds all of that (and the render hands the
notebook the rows it validated and the figures it computed, see ``handoff``), so
the same cells run in a fraction of the time.

Fork-safe: a fork copies no thread but every lock a thread held, so no thread may
run at the fork. papermill's progress bar starts tqdm's monitor thread: the render
runs this engine without one, and run from papermill's command line the engine
stops that thread (the bar goes on without it) before it forks; any other thread
alive makes it refuse, naming the kernel engine. The child dies with its parent (Linux's
parent-death signal, elsewhere a watchdog thread in the child), so killing a render
leaves no notebook running. Registered as papermill's ``bilateral-fork`` engine
through the ``papermill.engine`` entry point: ``papermill --engine bilateral-fork``.

What stays the same: papermill still parameterises the notebook, records each
cell's metadata and raises ``PapermillExecutionError`` for a failing cell; the
cells run in an IPython shell (the kernel's shell without ZMQ) whose display hook,
display publisher and streams produce the outputs a kernel would, with the
matplotlib inline backend a kernel uses. The parent enforces the per-cell
timeout and notices a child that dies, raising the errors nbclient raises, so the
render reports them the same way. ``BILATERAL_RUNNER=kernel`` (or
``render(runner="kernel")``) runs a real kernel instead; a test renders with both
and compares the HTML byte for byte.
"""
from __future__ import annotations

import io
import os
import pickle
import platform
import select
import signal
import struct
import sys
import threading
import time
import traceback

from papermill.engines import Engine, papermill_engines

from .papermill_entry import KernelNames

NAME = "bilateral-fork"
_HEADER = struct.Struct("!I")

# What ipykernel reports for Python; nbconvert reads it from the notebook metadata.
LANGUAGE_INFO = {
    "name": "python",
    "version": platform.python_version(),
    "mimetype": "text/x-python",
    "file_extension": ".py",
    "pygments_lexer": "ipython3",
    "codemirror_mode": {"name": "ipython", "version": 3},
    "nbconvert_exporter": "python",
}


def available() -> bool:
    return hasattr(os, "fork")


# --------------------------------------------------------------------------- #
# The child: an IPython shell whose outputs are collected as nbformat outputs
# --------------------------------------------------------------------------- #
def _send(fd: int, message) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


class _Stream(io.TextIOBase):
    """``sys.stdout``/``sys.stderr`` of the child: text becomes stream outputs, in order."""

    def __init__(self, name: str, outputs: list):
        self.name, self.outputs = name, outputs

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if text:
            last = self.outputs[-1] if self.outputs else None
            if last and last["output_type"] == "stream" and last["name"] == self.name:
                last["text"] += text
            else:
                self.outputs.append({"output_type": "stream", "name": self.name, "text": text})
        return len(text)


def _shell(outputs: list):
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets import Type

    class Hook(DisplayHook):
        """The value of a cell's last expression, as a kernel's ``execute_result``."""

        def start_displayhook(self):
            pass

        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            outputs.append({"output_type": "execute_result", "execution_count": self.prompt_count,
                            "data": format_dict, "metadata": md_dict or {}})

        def finish_displayhook(self):
            pass

    class Publisher(DisplayPublisher):
        """``display(...)`` calls (and inline figures), as ``display_data``."""

        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
            outputs.append({"output_type": "display_data", "data": data, "metadata": metadata or {}})

        def clear_output(self, wait=False):
            outputs.clear()

    class Shell(InteractiveShell):
        displayhook_class = Type(Hook)
        display_pub_class = Type(Publisher)

        def enable_gui(self, gui=None):
            pass  # no event loop to integrate: the inline backend draws nothing interactive

        def _showtraceback(self, etype, evalue, stb):
            outputs.append({"output_type": "error", "ename": etype.__name__, "evalue": str(evalue),
                            "traceback": list(stb)})

    # A render called from inside a kernel (JupyterLab) forks that kernel's shell: this
    # child gets a shell of its own.
    InteractiveShell.clear_instance()
    shell = Shell.instance(colors="nocolor")
    shell.enable_matplotlib("inline")  # as ipykernel: figures left open are shown
    return shell


def _die_with_parent(parent: int) -> None:
    """Make the child end when the process that forked it ends (killed or not)."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:  # no parent-death signal: a thread watches for the parent to go
        def watch():
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # gone before the signal was set
        os._exit(1)


def _no_threads_at_fork() -> None:
    """Stop tqdm's monitor thread (papermill's progress bar starts it; the bar goes on
    without it), then refuse to fork if any other thread runs."""
    try:
        from tqdm._monitor import TMonitor
    except ImportError:  # pragma: no cover - papermill depends on tqdm
        TMonitor = ()
    for thread in threading.enumerate():
        if TMonitor and isinstance(thread, TMonitor):
            thread.exit()  # sets its stop flag and joins it; the next bar starts a new one
    if threading.active_count() > 1:
        names = ", ".join(sorted(t.name for t in threading.enumerate() if t is not threading.current_thread()))
        raise RuntimeError(f"the {NAME} engine does not fork while other threads run ({names}): "
                           "forking could deadlock the notebook; use the kernel engine")


def _child(sources: list[tuple[int, str]], fd: int) -> None:
    """Run the code cells in order, sending each one's outputs; stop at the first error."""
    outputs: list = []
    sys.stdin = io.StringIO()  # no one to answer input(): EOFError, not a hang
    sys.stdout, sys.stderr = _Stream("stdout", outputs), _Stream("stderr", outputs)
    shell = _shell(outputs)
    for index, source in sources:
        _send(fd, ("start", index))
        outputs.clear()
        result = shell.run_cell(source, store_history=True)
        failed = not result.success
        _send(fd, ("done", index, list(outputs), result.execution_count, failed))
        if failed:
            return
    _send(fd, ("end",))


# --------------------------------------------------------------------------- #
# The parent: papermill's engine interface
# --------------------------------------------------------------------------- #
class _Reader:
    def __init__(self, fd: int):
        self.fd, self.buffer = fd, b""

    def read(self, deadline: float | None):
        """The next message, ``None`` at end of file; ``TimeoutError`` past the deadline."""
        while True:
            if len(self.buffer) >= _HEADER.size:
                (size,) = _HEADER.unpack_from(self.buffer)
                if len(self.buffer) >= _HEADER.size + size:
                    data = self.buffer[_HEADER.size:_HEADER.size + size]
                    self.buffer = self.buffer[_HEADER.size + size:]
                    return pickle.loads(data)
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self.fd], [], [], wait)
            if not ready:
                raise TimeoutError
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                return None
            self.buffer += chunk


class ForkEngine(KernelNames, Engine):
    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, execution_timeout=None, on_started=None, **kwargs):
        import nbformat
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        nb = nb_man.nb
        nb.metadata["language_info"] = dict(LANGUAGE_INFO)
        code = [(i, c.source) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
        _no_threads_at_fork()
        read_fd, write_fd = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child never returns into the caller's code
            status = 0
            try:
                _die_with_parent(parent)
                os.close(read_fd)
                _child(code, write_fd)
            except BaseException:  # noqa: BLE001 - reported to the parent, which raises
                status = 1
                try:
                    _send(write_fd, ("crash", traceback.format_exc()))
                except OSError:
                    pass
            finally:
                os._exit(status)
        os.close(write_fd)
        if on_started:
            on_started()  # work for the parent while the child runs (threads only after the fork)
        reader = _Reader(read_fd)
        finished = False
        passed = 0  # cells before this one are started and completed

        def pass_through(upto: int) -> None:
            """Start and complete the markdown and raw cells before ``upto``, as papermill's own
            engine does for every cell: its progress bar counts them all."""
            nonlocal passed
            for j in range(passed, upto):
                if nb.cells[j].cell_type != "code":
                    nb_man.cell_start(nb.cells[j], j)
                    nb_man.cell_complete(nb.cells[j], j)
            passed = max(passed, upto)

        try:
            deadline = None
            while not finished:
                try:
                    message = reader.read(deadline)
                except TimeoutError:
                    raise CellTimeoutError(
                        f"A cell timed out while it was being executed, after {execution_timeout} seconds.") from None
                if message is None:
                    raise DeadKernelError("Kernel died (the forked notebook process exited unexpectedly)")
                if message[0] == "start":
                    index = message[1]
                    pass_through(index)
                    nb_man.cell_start(nb.cells[index], index)
                    deadline = time.monotonic() + execution_timeout if execution_timeout else None
                elif message[0] == "done":
                    _, index, outputs, count, failed = message
                    cell = nb.cells[index]
                    cell.outputs = [nbformat.from_dict(o) for o in outputs]
                    cell.execution_count = count
                    if failed:
                        nb_man.cell_exception(cell, index)
                    nb_man.cell_complete(cell, index)
                    passed = index + 1
                    deadline = None
                    finished = failed
                elif message[0] == "end":
                    pass_through(len(nb.cells))
                    finished = True
                elif message[0] == "crash":
                    raise DeadKernelError(f"Kernel died: {message[1].strip().splitlines()[-1]}")
        finally:
            os.close(read_fd)
            _reap(pid, kill=not finished)
        return nb


def _reap(pid: int, kill: bool) -> None:
    """Wait for the child, killing it first when it is still running a cell (a timeout)."""
    if not kill:
        for _ in range(100):  # it exits right after its last message
            if os.waitpid(pid, os.WNOHANG)[0]:
                return
            time.sleep(0.01)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


papermill_engines.register(NAME, ForkEngine)
