"""The explorer on an importer's store: pairs from the store, the minimum number of
sources shown and applied, figures equal to `bilateral summary` (its store fast path)."""
import re

import pytest
from bilateral.explorer import drilldown, widgets as explorer
from bilateral import store
from bilateral.briefing import params
from bilateral import source
from bilateral.figures import summary

pytestmark = pytest.mark.integration


def shown(ex) -> dict[str, str]:
    return {b.tooltip: b.description.rsplit(": ", 1)[1] for row in ex.figures.children for b in row.children[1:]}


def expected(data, pair, min_sources=0) -> dict[str, str]:
    figures = source.summary(params.check(pair, None, None, None, data, min_sources))
    return {f.key: str(f.value) for f in drilldown.figure_list(figures)}


def test_explorer_on_a_store(gdelt_store):
    ex = explorer.Explorer(data=gdelt_store)
    present = [p for p in store.pairs_present(gdelt_store) if p[:3] != p[4:]]  # no domestic "USA-USA"
    offered = [v for _, v in ex.pair.options]
    assert offered[:2] == [present[0], "-".join(reversed(present[0].split("-")))]
    assert len(offered) == 2 * len(present)
    assert ex.min_sources.layout.display is None                 # shown for a store
    assert shown(ex) == expected(gdelt_store, ex.pair.value)
    ex.min_sources.value = 3
    assert shown(ex) == expected(gdelt_store, ex.pair.value, 3)
    assert int(shown(ex)["total"]) < int(expected(gdelt_store, ex.pair.value)["total"])
    figure = next(b for row in ex.figures.children for b in row.children[1:] if b.tooltip.startswith("type:"))
    figure.click()
    html = ex.table.outputs[0]["data"]["text/html"]
    total = int(re.search(r"— ([\d,]+) rows?", html).group(1).replace(",", ""))
    assert total == int(figure.description.rsplit(": ", 1)[1])
    assert len(re.findall(r"data-row-id=", html)) == min(total, explorer.ROW_LIMIT)


def test_the_curated_explorer_hides_min_sources(curated_path):
    assert explorer.Explorer(data=curated_path).min_sources.layout.display == "none"
