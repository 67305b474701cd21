"""Committed notebooks stay reviewable: no outputs, no execution counts, no widget state
(their diffs read as code). Check here; strip with `jupyter nbconvert --clear-output --inplace`."""
import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").rglob("*.ipynb"))


def test_there_are_notebooks_to_check():
    assert {p.name for p in NOTEBOOKS} >= {"briefing.ipynb", "explore.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_has_no_outputs_and_no_widget_state(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
             and (c.get("outputs") or c.get("execution_count") is not None)]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs or execution counts (clear them before committing)"
    assert "widgets" not in nb.get("metadata", {}), f"{path.name}: notebook metadata holds widget state"
    assert not [i for i, c in enumerate(nb["cells"]) if "widgets" in c.get("metadata", {})]
