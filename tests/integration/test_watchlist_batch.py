"""``bilateral batch --data STORE --top N``: renders exactly the N pairs that changed most, and
the reports index shows them as the store's watchlist, linked to those briefings."""
import json
import re

import pytest
from conftest import ROOT, run_cli

from bilateral.store import pairs as pairs_table

pytestmark = pytest.mark.integration


@pytest.fixture
def store(gdelt_store):
    """The run's synthetic GDELT store (conftest.py), in a folder named gdelt-synthetic."""
    assert gdelt_store.name == "gdelt-synthetic"
    return gdelt_store


def test_batch_top_renders_the_pairs_that_changed_most(store, tmp_path):
    out = tmp_path / "reports"
    code, stdout, stderr = run_cli("batch", "--data", str(store), "--top", "2", "--out", str(out), "--format", "html",
                                   "--jobs", "2", "--quiet")
    assert code == 0, stderr
    table = pairs_table.compute(store)
    top = list(table["pair"][:2])
    window = (str(table["start"].iloc[0]), str(table["end"].iloc[0]))
    assert len(table) > 2 and abs(table["change"].iloc[0]) >= abs(table["change"].iloc[2])
    # exactly those pairs, for the table's window
    sidecars = sorted(out.glob("*/*_*.json"))
    assert sorted(p.parent.name for p in sidecars) == sorted(top)
    for p in sidecars:
        s = json.loads(p.read_text(encoding="utf-8"))["summary"]
        assert (s["start"], s["end"]) == window
    assert [re.match(r"^(\S+)\s+ok", line).group(1) for line in stdout.splitlines()[1:3]] == top
    # recorded beside the reports, and shown by the index with links to those briefings
    record = json.loads((out / "watchlists" / "gdelt-synthetic.json").read_text(encoding="utf-8"))
    assert [r["pair"] for r in record["rows"]] == top and (record["start"], record["end"]) == window
    assert [r["change"] for r in record["rows"]] == list(table["change"][:2])
    page = (out / "index.html").read_text(encoding="utf-8")
    watch = page[page.index('class="watchlist"'):page.index("</section>")]
    for pair in top:
        (html,) = (out / pair).glob("*.html")
        assert f'href="{pair}/{html.name}"' in watch


def test_batch_top_bad_input_writes_nothing(store, tmp_path, cli_main):
    out = tmp_path / "reports"
    for args, message in ((["--top", "0"], "parameter 'top'"), (["--top", "x"], "parameter 'top'"),
                          (["--top", "2", "--start", "2024-02-30"], "parameter 'start'")):
        code, stdout, stderr = cli_main("batch", "--data", str(store), "--out", str(out), *args)
        assert code == 1 and "Traceback" not in stderr
        assert len(stderr.strip().splitlines()) == 1 and message in stderr, stderr
        assert not out.exists()
    code, _, stderr = cli_main("batch", "--data", str(ROOT / "tests" / "fixtures" / "india-belarus"), "--top", "2",
                              "--out", str(out))
    assert code == 1 and "is not a store" in stderr and not out.exists()
