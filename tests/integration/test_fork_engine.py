"""The fork engine gives the outputs a Jupyter kernel gives, cell for cell."""
import nbformat
import papermill as pm
import pytest

from bilateral import fork_engine

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
def test_a_render_started_inside_an_ipython_shell_works(tmp_path):
    # JupyterLab users may call bilateral.render.render() from a notebook: the fork then
    # starts from a process that already has a (kernel's) shell.
    import subprocess
    import sys

    path = _notebook(tmp_path)
    code = ("import sys; from IPython.core.interactiveshell import InteractiveShell; InteractiveShell.instance(); "
            "import papermill as pm; from bilateral import fork_engine; "
            f"nb = pm.execute_notebook({str(path)!r}, {str(tmp_path / 'o.ipynb')!r}, kernel_name='python3', "
            "progress_bar=False, engine_name=fork_engine.NAME); print(nb.cells[4].outputs[0]['data']['text/plain'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "42"
