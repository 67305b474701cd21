"""The fork engine gives the outputs a Jupyter kernel gives, cell for cell."""
import nbformat
import papermill as pm
import pytest

from bilateral.render import fork_engine

pytestmark = pytest.mark.integration

CELLS = [
    ("markdown", "# A notebook with every kind of output"),
    ("code", "x = 41\nprint('to stdout')\nprint('more', 'stdout')"),
    ("code", "import sys\nprint('a warning', file=sys.stderr)"),
    ("code", "from IPython.display import HTML, Markdown, display\ndisplay(HTML('<b>bold</b>'))\n"
             "display(Markdown('*md*'))"),
    ("code", "x + 1"),
    ("code", "import pandas as pd\npd.DataFrame({'a': [1, 2]})"),
    ("code", "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(2, 1))\nax.plot([1, 2]);"),
    ("code", "y = x * 2  # no output"),
    ("code", "y"),
]


def _notebook(tmp_path, extra=None):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for kind, source in CELLS + (extra or []):
        nb.cells.append(nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source))
    path = tmp_path / "kinds.ipynb"
    nbformat.write(nb, path)
    return path


def _outputs(nb):
    return [(c.get("execution_count"), [{k: v for k, v in o.items() if k != "metadata"} for o in c.get("outputs", [])])
            for c in nb.cells if c.cell_type == "code"]


@pytest.mark.skipif(not fork_engine.available(), reason="the fork engine needs os.fork")
def test_every_kind_of_output_matches_a_kernel(tmp_path):
    path = _notebook(tmp_path)
    kernel = pm.execute_notebook(str(path), str(tmp_path / "k.ipynb"), kernel_name="python3", progress_bar=False)
    forked = pm.execute_notebook(str(path), str(tmp_path / "f.ipynb"), kernel_name="python3", progress_bar=False,
                                 engine_name=fork_engine.NAME)
    got, want = _outputs(forked), _outputs(kernel)
    assert got == want
    # the comparison covers what matters: streams, rich displays, results and the inline figure
    kinds = {o["output_type"] for _, outs in want for o in outs}
    assert kinds == {"stream", "display_data", "execute_result"}
    assert any("image/png" in o.get("data", {}) for _, outs in want for o in outs)
    assert forked.metadata["language_info"]["name"] == kernel.metadata["language_info"]["name"] == "python"


@pytest.mark.skipif(not fork_engine.available(), reason="the fork engine needs os.fork")
def test_an_error_stops_the_run_as_in_a_kernel(tmp_path):
    path = _notebook(tmp_path, [("code", "1 / 0"), ("code", "print('never runs')")])
    results = {}
    for name, engine in (("kernel", None), ("fork", fork_engine.NAME)):
        with pytest.raises(pm.PapermillExecutionError) as info:
            pm.execute_notebook(str(path), str(tmp_path / f"{name}.ipynb"), kernel_name="python3",
                                progress_bar=False, engine_name=engine)
        nb = nbformat.read(tmp_path / f"{name}.ipynb", as_version=4)
        results[name] = (info.value.ename, info.value.evalue, info.value.cell_index,
                         [c.get("execution_count") for c in nb.cells if c.cell_type == "code"])
    assert results["fork"] == results["kernel"]
    assert results["fork"][0] == "ZeroDivisionError" and results["fork"][3][-1] is None


@pytest.mark.skipif(not fork_engine.available(), reason="the fork engine needs os.fork")
def test_inside_an_ipython_shell_the_render_is_not_forked(tmp_path):
    # An IPython shell runs a history thread (a Jupyter kernel, ZMQ threads too): forking
    # it could deadlock the child. The engine refuses, naming the thread; the render's
    # engine choice takes a kernel instead.
    import subprocess
    import sys

    path = _notebook(tmp_path)
    code = ("import sys; from IPython.core.interactiveshell import InteractiveShell; InteractiveShell.instance(); "
            "import papermill as pm; from bilateral.render import execute, fork_engine; print(execute.engine_choice(None)); "
            f"nb = pm.execute_notebook({str(path)!r}, {str(tmp_path / 'o.ipynb')!r}, kernel_name='python3', "
            "progress_bar=False, engine_name=fork_engine.NAME)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "kernel"
    assert out.returncode != 0
    assert "does not fork while other threads run (IPythonHistorySavingThread)" in out.stderr


def test_inside_a_jupyter_kernel_the_kernel_engine_is_chosen(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(
        "from bilateral.render import execute\nprint(execute.in_jupyter_kernel(), execute.engine_choice(None))"))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "k.ipynb")
    ran = pm.execute_notebook(str(tmp_path / "k.ipynb"), str(tmp_path / "k-out.ipynb"), kernel_name="python3",
                              progress_bar=False)
    assert ran.cells[0].outputs[0]["text"].strip() == "True kernel"


def _record_threads_at_fork(monkeypatch, log):
    """Wrap os.fork: every fork, in this process or a forked worker, appends its thread count."""
    import os
    import threading

    real_fork = os.fork

    def fork():
        with open(log, "a") as f:
            f.write(f"{threading.active_count()}\n")
        return real_fork()

    monkeypatch.setattr(os, "fork", fork)


@pytest.mark.skipif(not fork_engine.available(), reason="the fork engine needs os.fork")
def test_no_thread_is_alive_at_the_fork_of_a_render_with_progress(tmp_path, monkeypatch):
    from bilateral.render.plan import render

    log = tmp_path / "forks.txt"
    _record_threads_at_fork(monkeypatch, log)
    render("IND-BLR", out=tmp_path / "r", formats="html", progress=True, engine="fork")
    counts = log.read_text().split()
    assert counts and set(counts) == {"1"}


@pytest.mark.skipif(not fork_engine.available(), reason="the fork engine needs os.fork")
def test_no_thread_is_alive_at_any_fork_of_a_batch_with_its_bar(tmp_path, monkeypatch):
    from bilateral.render import batch
    from bilateral.dataset.synthetic import make

    data = make(tmp_path / "multi", pairs=[("IND", "BLR"), ("IND", "RUS"), ("BLR", "RUS")], seed=3)
    log = tmp_path / "forks.txt"
    _record_threads_at_fork(monkeypatch, log)
    outcomes = batch.run(["IND-BLR", "IND-RUS", "BLR-RUS"], jobs=2, progress=True, data=data,
                         out=tmp_path / "r", formats="html")
    assert all(o.ok for o in outcomes), [o.detail for o in outcomes]
    counts = log.read_text().split()
    assert len(counts) >= 2 + 3  # the pool's two workers, then one notebook fork per pair
    assert set(counts) == {"1"}


@pytest.mark.skipif(not fork_engine.available(), reason="the fork engine needs os.fork")
def test_killing_the_render_leaves_no_notebook_running(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    pid_file = tmp_path / "child.pid"
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_code_cell(
        f"import os, time\nopen({str(pid_file)!r}, 'w').write(str(os.getpid()))\ntime.sleep(120)"))
    nbformat.write(nb, tmp_path / "sleep.ipynb")
    code = ("import papermill as pm; from bilateral.render import fork_engine; "
            f"pm.execute_notebook({str(tmp_path / 'sleep.ipynb')!r}, {str(tmp_path / 'o.ipynb')!r}, "
            "kernel_name='python3', progress_bar=False, engine_name=fork_engine.NAME)")
    parent = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 60
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.1)
    child = int(pid_file.read_text())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()

    def alive(pid):
        try:
            with open(f"/proc/{pid}/stat") as f:
                return f.read().split()[2] != "Z"
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 10
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    still = alive(child)
    if still:
        os.kill(child, signal.SIGKILL)
    assert not still, "the notebook's process outlived the render that forked it"


@pytest.mark.skipif(not fork_engine.available(), reason="the fork engine needs os.fork")
def test_papermills_command_line_runs_the_engine_by_its_entry_point(tmp_path):
    # With papermill's progress bar on (its default): the engine closes it before forking.
    import subprocess
    import sys
    from pathlib import Path

    path = _notebook(tmp_path)
    papermill = Path(sys.executable).parent / "papermill"
    out = subprocess.run([str(papermill), str(path), str(tmp_path / "cli.ipynb"), "--engine", "bilateral-fork",
                          "-k", "python3"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    kernel = pm.execute_notebook(str(path), str(tmp_path / "k.ipynb"), kernel_name="python3", progress_bar=False)
    assert _outputs(nbformat.read(tmp_path / "cli.ipynb", as_version=4)) == _outputs(kernel)
