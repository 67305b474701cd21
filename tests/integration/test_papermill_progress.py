"""papermill's progress bar counts every cell, markdown included, with the fork engine as with
its own: a run that completes ends at N/N, not part way (the bar counted code cells only)."""
import re
import subprocess
import sys

import nbformat


def test_the_fork_engines_progress_bar_completes(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A title"),
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_markdown_cell("Between the code cells"),
        nbformat.v4.new_code_cell("print(x + 1)"),
        nbformat.v4.new_markdown_cell("After the last code cell"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "in.ipynb")
    proc = subprocess.run([sys.executable, "-m", "papermill", str(tmp_path / "in.ipynb"), str(tmp_path / "out.ipynb"),
                           "-p", "x", "41", "--engine", "bilateral-fork"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    counts = re.findall(r"(\d+)/(\d+) \[", proc.stderr)
    assert counts, proc.stderr  # the bar was drawn
    done, total = map(int, counts[-1])
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert total == len(out.cells) == 6  # papermill injected a parameters cell
    assert done == total
    assert out.cells[-2].outputs[0]["text"] == "42\n"
    assert all(c.metadata["papermill"]["status"] == "completed" for c in out.cells)
