"""The explorer without a browser: the options it offers, the rows each figure counts,
and the widgets' figures against the command line's (``source.summary``)."""
import datetime as dt
import re

import pytest
from builders import event, position, write_dataset

from bilateral.explorer import drilldown, widgets as explorer
from bilateral.briefing import params
from bilateral import source
from bilateral.figures import summary
from bilateral.dataset.load import for_pair, load
from bilateral.figures.engagement import Window


@pytest.fixture
def two_pairs(tmp_path):
    """IND-BLR over two quarters (visits both ways, talks within a visit, a month-dated
    call, a multilateral meeting) and one IND-RUS meeting."""
    return write_dataset(tmp_path / "ds", events=[
        event("v1", "2024-01-10", event_type="visit", actor1_country="IND", actor2_country="BLR", topics="trade"),
        event("t1", "2024-01-11", part_of="v1", topics="defence"),
        event("v2", "2024-05-02", event_type="visit", actor1_country="BLR", actor2_country="IND",
              level="head_of_state"),
        event("v3", "2024-05-20", event_type="visit", actor1_country="BLR", actor2_country="IND",
              level="official"),
        event("c1", "2024-02", event_type="call", level="official"),
        event("m1", "2024-06-01", venue="UNGA"),
        event("r1", "2024-03-01", actor2_country="RUS"),
    ], positions=[
        position("p1", "2024-01-10", "BLR", "unsc_reform", "support", "IND"),
        position("p2", "2024-01-10", "IND", "unsc_reform", "interest", "IND"),
        position("p3", "2024-05-02", "BLR", "sco_membership", "interest", "BLR"),
    ])


def counted_rows(ds, pair, window, fig):
    return drilldown.rows_for(ds.events, ds.positions, pair, window, fig.kind, fig.value_key)


@pytest.mark.parametrize("pair", [("IND", "BLR"), ("BLR", "IND")])
@pytest.mark.parametrize("start,end", [(None, None), (dt.date(2024, 2, 1), dt.date(2024, 5, 31))])
def test_every_count_is_the_number_of_rows_it_shows(two_pairs, pair, start, end):
    ds = load(two_pairs)
    figures = summary.build(ds, pair, start, end)
    window = Window(*(dt.date.fromisoformat(figures[k]) for k in ("start", "end", "as_of")))
    shown = drilldown.figure_list(figures)
    assert {f.kind for f in shown} >= {"total", "type", "level", "quarter", "visits", "venue", "undated"}
    for fig in shown:
        rows = counted_rows(ds, pair, window, fig)
        if fig.kind == "status":  # a count of topics: the rows are the stances behind them
            assert rows["topic"].nunique() == fig.value, fig
        elif isinstance(fig.value, int):
            assert len(rows) == fig.value, fig
        if fig.kind in ("type", "level"):
            assert set(rows["event_type" if fig.kind == "type" else "level"]) <= {fig.value_key}


def test_rows_of_figures_by_hand(two_pairs):
    ds = load(two_pairs)
    pair, window = ("IND", "BLR"), Window(dt.date(2024, 1, 1), dt.date(2024, 6, 30), dt.date(2024, 6, 30))

    def ids(kind, value=""):
        frame = drilldown.rows_for(ds.events, ds.positions, pair, window, kind, value)
        return list(frame["position_id" if "position_id" in frame else "event_id"])

    assert ids("type", "visit") == ["v1", "v2", "v3"]
    assert ids("visits", "BLR->IND") == ["v2", "v3"]
    assert ids("visits", "IND->BLR") == ["v1"]
    assert ids("quarter", "2024Q1") == ["v1", "c1"]          # t1 is within v1: not counted
    assert ids("quarter", "2024Q2") == ["v2", "v3", "m1"]
    assert ids("high_level") == ["v1", "v2", "m1"]
    assert ids("undated") == ["c1"]
    assert ids("venue", "multilateral") == ["m1"]
    assert ids("topic", "unsc_reform") == ["p1", "p2"]        # the stances behind "aligned"
    assert ids("status", "one-sided") == ["p3"]
    assert ids("discussed", "defence") == ["t1"]              # said during the visit, no stance
    assert "r1" not in ids("all") and "t1" in ids("all")      # the table: the pair's timeline only


def test_table_rows_carry_quote_and_a_link_to_the_source(two_pairs, tmp_path):
    ds = load(two_pairs)
    frame = drilldown.rows_for(ds.events, ds.positions, ("IND", "BLR"),
                               Window(dt.date(2024, 1, 1), dt.date(2024, 1, 31), dt.date(2024, 1, 31)), "all")
    rows = drilldown.table_rows(frame, ds.sources, two_pairs, tmp_path / "notebooks")
    assert [r["id"] for r in rows] == ["v1", "t1"]
    assert all(r["quote"] == "The ministers met in the capital." for r in rows)
    assert rows[0]["href"] == "../ds/sources/doc.txt"          # relative to the notebook's folder
    assert "within v1" in rows[1]["what"]


def test_pairs_offered_are_those_present_in_both_orders(two_pairs):
    offered = [v for _, v in drilldown.pair_options(explorer.Data().pairs(two_pairs))]
    assert sorted(offered) == ["BLR-IND", "IND-BLR", "IND-RUS", "RUS-IND"]
    assert offered[:2] == ["BLR-IND", "IND-BLR"] or offered[:2] == ["IND-BLR", "BLR-IND"]  # most events first


def test_datasets_are_found_not_typed(tmp_path, two_pairs):
    data, stores = tmp_path / "data", tmp_path / "stores"
    write_dataset(data / "curated-one")
    (data / "notes").mkdir()                                   # not a dataset
    (stores / "gdelt").mkdir(parents=True)
    (stores / "gdelt" / "events.parquet").write_bytes(b"")     # a store is a folder with events.parquet
    options = drilldown.dataset_options(data, stores, default=two_pairs)
    folders = [f for _, f in options]
    assert folders == [two_pairs, data / "curated-one", stores / "gdelt"]
    assert options[2][0].endswith("(imported store)") and options[1][0].endswith("(curated)")


def test_pair_rows_are_for_pairs_rows(two_pairs):
    mine = explorer.pair_rows(load(two_pairs), ("BLR", "IND"))
    theirs = for_pair(two_pairs, "BLR-IND")
    assert list(mine.events["event_id"]) == list(theirs.events["event_id"])
    assert list(mine.positions["position_id"]) == list(theirs.positions["position_id"])


def shown_figures(ex) -> dict[str, str]:
    return {b.tooltip: b.description.rsplit(": ", 1)[1] for row in ex.figures.children for b in row.children[1:]}


def expected(data, pair, start=None, end=None, as_of=None) -> dict[str, str]:
    figures = source.summary(params.check(pair, start, end, as_of, data, 0))
    return {f.key: str(f.value) for f in drilldown.figure_list(figures)}


def test_the_widgets_show_the_command_lines_figures_and_follow_the_controls(two_pairs):
    ex = explorer.Explorer(data=two_pairs)
    assert shown_figures(ex) == expected(two_pairs, ex.pair.value)
    e = shown_figures(ex)
    assert e["total"] == "5" and e["type:visit"] == "3"      # by hand: v1 v2 v3 c1 m1 counted
    ex.pair.value = "RUS-IND"
    assert shown_figures(ex) == expected(two_pairs, "RUS-IND") and shown_figures(ex)["total"] == "1"
    ex.pair.value = "IND-BLR"
    ex.start.value, ex.end.value = dt.date(2024, 2, 1), dt.date(2024, 5, 31)
    assert shown_figures(ex) == expected(two_pairs, "IND-BLR", "2024-02-01", "2024-05-31")
    assert shown_figures(ex)["total"] == "3"                  # c1, v2, v3
    assert "2024-02-01 to 2024-05-31" in ex.status.value


def test_clicking_a_figure_shows_its_rows(two_pairs):
    ex = explorer.Explorer(data=two_pairs, pair="IND-BLR")
    buttons = {b.tooltip: b for row in ex.figures.children for b in row.children[1:]}
    buttons["visits:BLR->IND"].click()
    html = ex.table.outputs[0]["data"]["text/html"]
    assert re.findall(r'data-row-id="([^"]+)"', html) == ["v2", "v3"]
    buttons["topic:unsc_reform"].click()
    html = ex.table.outputs[0]["data"]["text/html"]
    assert re.findall(r'data-row-id="([^"]+)"', html) == ["p1", "p2"]
    assert "The ministers met in the capital." in html and 'href="' in html
    ex.show_all.click()
    assert len(re.findall(r"data-row-id=", ex.table.outputs[0]["data"]["text/html"])) == 6


def test_a_bad_window_is_one_line_not_a_traceback(two_pairs):
    ex = explorer.Explorer(data=two_pairs, pair="IND-BLR")
    ex.end.value, ex.as_of.value = dt.date(2024, 5, 31), dt.date(2024, 5, 1)
    assert "as-of" in ex.status.value.lower() or "as_of" in ex.status.value.lower()
    assert ex.figures.children == () and ex.selection is None


def test_without_widgets_the_display_carries_the_figures_as_html(two_pairs):
    bundle = explorer.Explorer(data=two_pairs, pair="BLR-IND")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    html = bundle["text/html"]
    figures = expected(two_pairs, "BLR-IND")
    assert len(figures) >= 10  # the loop below checks something
    for key, value in figures.items():
        assert re.search(rf'data-figure="{re.escape(key)}"><td>[^<]*</td><td>[^<]*</td><td>{re.escape(value)}</td>',
                         html.replace("&gt;", ">")), key
    assert html.count('<figure class="chart">') >= 3        # timeline, frequency, visits (+ topics)


def test_a_domestic_pair_of_machine_coded_data_is_not_offered():
    assert [v for _, v in drilldown.pair_options(["USA-USA", "CHN-USA"])] == ["CHN-USA", "USA-CHN"]


def test_an_edited_dataset_is_read_again(tmp_path):
    folder = write_dataset(tmp_path / "ds", events=[event("e1", "2024-01-10")])
    ex = explorer.Explorer(data=folder, pair="IND-BLR")
    assert shown_figures(ex)["total"] == "1"
    write_dataset(folder, events=[event("e1", "2024-01-10"), event("e2", "2024-01-20")])
    import os
    os.utime(folder / "events.csv", ns=(1, 1))             # a different stamp whatever the clock's resolution
    ex.start.value = dt.date(2024, 1, 1)
    assert shown_figures(ex)["total"] == "2" == expected(folder, "IND-BLR", "2024-01-01")["total"]
