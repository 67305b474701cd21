"""``--votes`` is a briefing parameter: a render with another store of UN votes is another
briefing (its manifest checksum is part of the up-to-date key), its figures come from that
store, and the sidecar records which store it read. The command is called in-process."""
import json
import re

import pandas as pd
import pytest
from test_unvotes import SMALL, small_csvs

from bilateral.cli.main import main
from bilateral.contract.checksums import sha256_of

pytestmark = pytest.mark.integration

STEM = "IND-BLR_india-belarus_2024-01-19_2024-03-13_as-of_2024-03-13"
N = 12  # roll calls in 2019 on which India and Belarus both vote, and vote alike


@pytest.fixture(scope="module")
def other_store(tmp_path_factory):
    """A small store of its own: India and Belarus voting alike on every one of twelve roll calls."""
    tmp = tmp_path_factory.mktemp("votes")
    calls = pd.DataFrame({"rcid": range(1, N + 1), "session": 74, "importantvote": 0,
                          "date": [f"2019-{1 + i % 12:02d}-15" for i in range(N)],
                          "unres": [f"R/74/{i}" for i in range(1, N + 1)], "amend": 0, "para": 0,
                          "short": "s", "descr": "d"})
    votes = pd.DataFrame([(r, name, code, "yes" if r % 3 else "no")
                          for r in range(1, N + 1) for name, code in (("India", "IN"), ("Belarus", "BY"))],
                         columns=list(SMALL["un_votes"].columns))
    issues = pd.DataFrame({"rcid": [1], "short_name": ["hr"], "issue": ["Human rights"]})
    files = small_csvs(tmp / "in", un_votes=votes, un_roll_calls=calls, un_roll_call_issues=issues)
    assert main(["import", "unvotes", *files, "--out", str(tmp / "store")]) == 0
    return tmp / "store"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _render(capsys, *extra):
    code = main(["render", "--pair", "IND-BLR", "--format", "html", "--quiet", *extra])
    err = capsys.readouterr().err
    assert code == 0, err
    return err


def test_another_votes_store_renders_again_with_its_figures_and_is_recorded(other_store, tmp_path, capsys):
    reports = tmp_path / "reports"  # BILATERAL_REPORTS (conftest)
    side_file, html_file = reports / "IND-BLR" / f"{STEM}.json", reports / "IND-BLR" / f"{STEM}.html"

    err = _render(capsys)
    assert "up to date" not in err
    first, first_html = json.loads(side_file.read_text()), html_file.read_text()
    assert first["summary"]["unga"]["joint"] > 500  # the shipped store: India and Belarus since 2011
    assert first["votes"]["path"].endswith("data/unga/store")

    err = _render(capsys, "--votes", str(other_store))
    assert "up to date" not in err  # another store of votes is another briefing
    second, second_html = json.loads(side_file.read_text()), html_file.read_text()
    unga = second["summary"]["unga"]
    assert (unga["joint"], unga["agree"], unga["agreement"]) == (N, N, 1.0)
    assert unga["start"] == "2019-01-01" and unga["record"] == {"first": "2019-01-15", "last": "2019-12-15"}
    assert second["votes"] == {"path": str(other_store.resolve()),
                               "checksum": sha256_of(other_store / "manifest.json")}
    assert second["parameters"]["votes"] == str(other_store.resolve())
    assert second["inputs_key"] != first["inputs_key"]
    # the notebook read the same store: the section's figures and the at-a-glance sentence
    text = _text(second_html)
    assert f"cast the same vote on {N} of the {N} General Assembly roll calls on which both voted (100%)" in text
    assert f"voted alike on 100% of the {N} roll calls" in text
    before = f"cast the same vote on {first['summary']['unga']['agree']:,} of the {first['summary']['unga']['joint']:,}"
    assert before in _text(first_html) and before not in text

    err = _render(capsys, "--votes", str(other_store))
    assert "up to date, not rendered again" in err  # the same store again: nothing to do
    assert json.loads(side_file.read_text())["rendered_at"] == second["rendered_at"]


def test_a_votes_store_that_is_none_is_one_line(tmp_path, capsys):
    code = main(["render", "--pair", "IND-BLR", "--format", "html", "--quiet", "--votes", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1, err
    assert err.startswith("bilateral: error: parameter 'votes':") and "is not a store of UN votes" in err
    assert not (tmp_path / "reports" / "IND-BLR").exists()
