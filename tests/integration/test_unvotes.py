"""`bilateral import unvotes` on the real tables in ../shared/data/real/unvotes/, as CSV,
on bad files; the shipped store; `bilateral votes` and the all-pairs percentile."""
import datetime as dt
import itertools
import json
import re
from pathlib import Path

import jsonschema
import pandas as pd
import pyarrow.parquet as pq
import pycountry
import pytest
from conftest import ROOT, run_main, tree

from bilateral.figures import votes as unga
from bilateral.store import votes as unga_store
from bilateral.importers import manifest as manifest_writer, unvotes

REAL = ROOT.parent / "shared" / "data" / "real" / "unvotes"
TABLES = ["un_votes", "un_roll_calls", "un_roll_call_issues"]
RDA = [REAL / f"{t}.rda" for t in TABLES]
SHIPPED = ROOT / "data" / "unga"
needs_real = pytest.mark.skipif(not all(p.is_file() for p in RDA),
                                reason=f"the real unvotes tables are not here ({REAL} is absent)")


def r_csv(frame: pd.DataFrame, path: Path) -> Path:
    """A table written as R's write.csv writes it: row names first, text quoted, numbers
    bare, missing values as a bare NA (so Namibia's code is the quoted "NA")."""
    def cell(v):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return "NA"
        if isinstance(v, bool):
            return "TRUE" if v else "FALSE"
        if isinstance(v, (int, float)):
            return str(int(v)) if float(v).is_integer() else repr(float(v))
        if isinstance(v, (dt.date, pd.Timestamp)):
            return f'"{v:%Y-%m-%d}"'
        return '"' + str(v).replace('"', '""') + '"'
    lines = ['"",' + ",".join(f'"{c}"' for c in frame.columns)]
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        lines.append(f'"{i}",' + ",".join(cell(v) for v in row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def tables(store: Path) -> dict[str, object]:
    return {f.name: pq.read_table(f) for f in sorted(store.glob("*.parquet"))}


# --------------------------------------------------------------------------- #
# The real tables
# --------------------------------------------------------------------------- #
@needs_real
def test_real_tables_import_with_every_name_mapped_but_one(tmp_path):
    report = unvotes.run([str(p) for p in RDA], str(tmp_path / "store"))
    assert (report.read, report.kept, report.roll_calls, report.issue_tags) == (870109, 870107, 6203, 5745)
    assert report.skipped == {"no country code, and the code table has no row for the name 'Zanzibar'": 2}
    assert (report.first_vote, report.last_vote) == ("1946-01-01", "2020-01-14")
    m = json.loads((tmp_path / "store" / "manifest.json").read_text())
    jsonschema.validate(m, json.loads(manifest_writer.SCHEMA.read_text()))  # the one shape every importer writes
    assert [(i["table"], i["file"], i["rows"]) for i in m["inputs"]] == [
        ("un_votes", "un_votes.rda", 870109), ("un_roll_calls", "un_roll_calls.rda", 6203),
        ("un_roll_call_issues", "un_roll_call_issues.rda", 5745)]
    assert m["rows"] == {"votes": 870107, "roll_calls": 6203, "issues": 5745, "countries": 199,
                         "yearly_median": 74}  # 1964 has no recorded vote
    assert m["first_vote"] == "1946-01-01" and m["last_vote"] == "2020-01-14"
    countries = pq.read_table(tmp_path / "store" / "countries.parquet").to_pandas()
    by = countries.set_index("source_name")["country"]
    assert by["Namibia"] == "NAM" and by["Czechoslovakia"] == "CSK"
    assert by["Federal Republic of Germany"] == "DEU" and by["Yemen Arab Republic"] == "YEM"
    assert by["German Democratic Republic"] == "DDR" and by["Yugoslavia"] == "YUG"
    assert by["Yemen People's Republic"] == "YMD"
    assert "Zanzibar" not in by.index
    for code in countries["country"]:  # every code is ISO 3166-1, current or withdrawn (ISO 3166-3)
        assert pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code), code
    votes = pq.read_table(tmp_path / "store" / "votes.parquet").to_pandas()
    assert (votes["country"] == "NAM").sum() == 2455 and (votes["country"] == "CSK").sum() == 3752
    assert (votes["country"] == "DEU").sum() == 2151 + 2552  # the Federal Republic and unified Germany
    # the import's report: one line per skip reason, the skipped name listed
    assert "Zanzibar" in report.text(tmp_path / "store")


@needs_real
def test_csv_written_from_the_same_tables_imports_to_the_same_store(tmp_path):
    import pyreadr

    csvs = []
    for name, path in zip(TABLES, RDA):
        frame = pyreadr.read_r(str(path))[name]
        frame = frame.astype(object).where(frame.notna(), None)
        csvs.append(str(r_csv(frame, tmp_path / f"{name}.csv")))
    assert '"NA","' in Path(csvs[0]).read_text() or ',"NA",' in Path(csvs[0]).read_text()  # Namibia, quoted
    assert ",NA," in Path(csvs[0]).read_text()  # a missing code, bare
    from_rda = unvotes.run([str(p) for p in RDA], str(tmp_path / "rda"))
    from_csv = unvotes.run(csvs[::-1], str(tmp_path / "csv"))  # any order of the files
    assert (from_csv.read, from_csv.kept, from_csv.skipped) == (from_rda.read, from_rda.kept, from_rda.skipped)
    a, b = tables(tmp_path / "rda"), tables(tmp_path / "csv")
    assert list(a) == list(b) and len(a) == 5
    for name in a:
        assert a[name].equals(b[name]), name


def test_the_shipped_store_is_what_the_importer_makes_of_the_shipped_files(tmp_path):
    """data/unga/store is committed; re-importing data/unga/*.rda reproduces it (every
    table value and type, and the manifest; Parquet bytes may differ with the writer's version)."""
    files = [str(SHIPPED / f"{t}.rda") for t in TABLES]
    unvotes.run(files, str(tmp_path / "store"))
    shipped, again = tables(SHIPPED / "store"), tables(tmp_path / "store")
    assert list(shipped) == list(again) == [f"{n}.parquet" for n in sorted(
        ("votes", "roll_calls", "issues", "countries", "yearly_median"))]
    for name in shipped:
        assert shipped[name].schema.equals(again[name].schema), name
        assert shipped[name].equals(again[name]), name
    m1 = json.loads((SHIPPED / "store" / "manifest.json").read_text())
    m2 = json.loads((tmp_path / "store" / "manifest.json").read_text())
    assert {k: v for k, v in m1.items() if k != "files"} == {k: v for k, v in m2.items() if k != "files"}
    assert set(m1["files"]) == set(m2["files"])
    # the shipped files are the ones SOURCE.md lists
    text = (SHIPPED / "SOURCE.md").read_text()
    jsonschema.validate(m1, json.loads(manifest_writer.SCHEMA.read_text()))
    assert len(m1["inputs"]) == 3  # the three .rda files
    for entry in m1["inputs"]:
        assert entry["sha256"] in text and entry["file"] in text
    assert sum(f.stat().st_size for f in (SHIPPED / "store").iterdir()) <= 5_000_000


# --------------------------------------------------------------------------- #
# Bad files: one line, exit 1, nothing written, the previous store untouched
# --------------------------------------------------------------------------- #
SMALL = {
    "un_votes": pd.DataFrame({"rcid": [1, 1, 2], "country": ["India", "Namibia", "India"],
                              "country_code": ["IN", "NA", "IN"], "vote": ["yes", "no", "abstain"]}),
    "un_roll_calls": pd.DataFrame({"rcid": [1, 2], "session": [70, 70], "importantvote": [0, None],
                                   "date": ["2015-10-01", "2015-11-02"], "unres": ["R/70/1", "R/70/2"],
                                   "amend": [0, 1], "para": [None, 0], "short": ["a", "b"], "descr": ["A", "B"]}),
    "un_roll_call_issues": pd.DataFrame({"rcid": [2], "short_name": ["hr"], "issue": ["Human rights"]}),
}


def small_csvs(folder: Path, **changes) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, frame in SMALL.items():
        frame = changes.get(name, frame)
        out.append(str(r_csv(frame.astype(object).where(frame.notna(), None), folder / f"{name}.csv")))
    return out


def test_small_csv_imports_with_namibia_and_flags(tmp_path):
    code, out, err = run_main("import", "unvotes", *small_csvs(tmp_path / "in"), "--out", str(tmp_path / "store"))
    assert code == 0, err
    assert re.search(r"^votes kept +3$", out, re.M) and re.search(r"^roll calls +2$", out, re.M), out
    m = json.loads((tmp_path / "store" / "manifest.json").read_text())
    jsonschema.validate(m, json.loads(manifest_writer.SCHEMA.read_text()))
    assert (m["importer"], m["layout"], m["rows"]["votes"], [i["format"] for i in m["inputs"]]) == (
        "unvotes", "flat", 3, ["CSV"] * 3)
    votes = pq.read_table(tmp_path / "store" / "votes.parquet").to_pandas()
    assert sorted(votes["country"]) == ["IND", "IND", "NAM"]
    calls = pq.read_table(tmp_path / "store" / "roll_calls.parquet").to_pandas()
    assert list(calls["amend"]) == [False, True] and calls["importantvote"].isna().tolist() == [False, True]
    issues = pq.read_table(tmp_path / "store" / "issues.parquet").to_pandas()
    assert list(issues["issue"]) == ["human_rights"]


def _previous_store(tmp_path) -> Path:
    store = tmp_path / "store"
    assert run_main("import", "unvotes", *small_csvs(tmp_path / "good"), "--out", str(store))[0] == 0
    return store


def _truncated(tmp_path):
    src = (SHIPPED / "un_roll_call_issues.rda").read_bytes()
    bad = tmp_path / "un_roll_call_issues.rda"
    bad.write_bytes(src[: len(src) // 2])
    files = small_csvs(tmp_path / "in")
    return [files[0], files[1], str(bad)], f"{bad}:1: unreadable as an R data file"


def _other_table(tmp_path):
    import pyreadr

    other = tmp_path / "mtcars.rda"
    pyreadr.write_rdata(str(other), pd.DataFrame({"mpg": [21.0, 22.8]}), df_name="mtcars", compress="gzip")
    files = small_csvs(tmp_path / "in")
    return [files[0], files[1], str(other)], f"{other}:1: holds mtcars, not one of the tables"


def _maybe(tmp_path):
    votes = SMALL["un_votes"].copy()
    votes.loc[1, "vote"] = "maybe"
    files = small_csvs(tmp_path / "in", un_votes=votes)
    return files, f"{files[0]}:3: vote 'maybe' is not yes, abstain or no"


def _no_date(tmp_path):
    calls = SMALL["un_roll_calls"].copy()
    calls.loc[1, "date"] = None
    files = small_csvs(tmp_path / "in", un_roll_calls=calls)
    return files, f"{files[1]}:3: roll call 2 has no date"


def _not_a_roll_call(tmp_path):
    votes = SMALL["un_votes"].copy()
    votes.loc[2, "rcid"] = 99
    files = small_csvs(tmp_path / "in", un_votes=votes)
    return files, f"{files[0]}:4: rcid 99 is not a roll call in {files[1]}"


def _missing_table(tmp_path):
    files = small_csvs(tmp_path / "in")
    return files[:2], "parameter 'files': the table un_roll_call_issues is missing"


@pytest.mark.parametrize("case", [_truncated, _other_table, _maybe, _no_date, _not_a_roll_call, _missing_table])
def test_bad_files_give_one_line_and_leave_the_previous_store_untouched(tmp_path, case):
    store = _previous_store(tmp_path)
    before = tree(store)
    files, expected = case(tmp_path)
    code, out, err = run_main("import", "unvotes", *files, "--out", str(store), "--replace")
    assert code == 1
    assert err.strip().splitlines() == [f"bilateral: error: {err.strip().split('error: ', 1)[1]}"]
    assert expected in err, err
    assert "Traceback" not in err and out == ""
    assert tree(store) == before
    assert not [p for p in store.parent.iterdir() if p.name.startswith(".store.")]  # no scratch left behind


# --------------------------------------------------------------------------- #
# The figures from a store
# --------------------------------------------------------------------------- #
def test_all_pairs_percentile_matches_a_loop_over_pairs(tmp_path):
    """The one DuckDB query against a plain loop over every pair, on a small store."""
    import random

    rng = random.Random(13)
    states = [("IN", "India"), ("BY", "Belarus"), ("US", "United States"), ("CN", "China"), ("FR", "France"),
              ("NA", "Namibia"), ("BR", "Brazil"), ("JP", "Japan")]
    calls = pd.DataFrame({"rcid": range(1, 41), "session": 70, "importantvote": 0,
                          "date": [f"2015-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(40)],
                          "unres": "R", "amend": 0, "para": 0, "short": "s", "descr": "d"})
    rows = [(r, name, code, rng.choice(["yes", "yes", "abstain", "no"]))
            for r in range(1, 41) for code, name in states if rng.random() < 0.85]
    votes = pd.DataFrame(rows, columns=["rcid", "country", "country_code", "vote"])
    files = small_csvs(tmp_path / "in", un_votes=votes, un_roll_calls=calls)
    unvotes.run(files, str(tmp_path / "store"))
    got = unga_store.all_pairs(("IND", "BLR"), dt.date(2015, 1, 1), dt.date(2015, 12, 31), tmp_path / "store",
                               min_joint=25)
    v = unga_store.read_votes(tmp_path / "store")
    shares = {}
    for a, b in itertools.combinations(sorted(v["country"].unique()), 2):
        j = unga.joint_votes(v, (a, b))
        if len(j) >= 25:
            shares[(a, b)] = (j[a] == j[b]).mean()
    mine = shares[("BLR", "IND")]
    assert got["pairs"] == len(shares)
    assert got["percentile"] == pytest.approx(100 * sum(s <= mine for s in shares.values()) / len(shares))
    assert got["median_agreement"] == pytest.approx(pd.Series(list(shares.values())).median())


def test_votes_command_json_follows_its_schema_and_pair_order_changes_no_figure(tmp_path):
    import jsonschema

    schema = json.loads((ROOT / "lib" / "bilateral" / "votes.schema.json").read_text())
    code, out, err = run_main("votes", "--pair", "IND-BLR", "--start", "2010-01-01", "--end", "2019-12-31", "--json")
    assert code == 0, err
    ab = json.loads(out)
    jsonschema.validate(ab, schema)
    ba = json.loads(run_main("votes", "--pair", "BLR-IND", "--start", "2010-01-01", "--end", "2019-12-31",
                            "--json")[1])
    assert {k: v for k, v in ab.items() if k != "pair"} == {k: v for k, v in ba.items() if k != "pair"}
    assert ab["joint"] > 500 and ab["context"]["percentile"] is not None
    code, out, err = run_main("votes", "--pair", "IND-BLR")
    assert code == 0 and "India–Belarus" in out and "percentile" in out


def test_summary_has_the_unga_figures_of_the_briefing_window():
    import jsonschema

    code, out, err = run_main("summary", "--pair", "IND-BLR", "--json")
    assert code == 0, err
    s = json.loads(out)
    schema = json.loads((ROOT / "lib" / "bilateral" / "votes.schema.json").read_text())
    assert "pair" not in s["unga"]  # named once, at the summary's top
    jsonschema.validate({**s["unga"], "pair": s["pair"]}, schema)
    # ten calendar years with votes up to the briefing's end, which is after the record's last vote
    assert s["unga"]["end"] == s["end"] and s["unga"]["covered"] == "partial"
    assert s["unga"]["start"] == "2011-01-01"


@pytest.mark.parametrize("args, message", [
    (["--pair", "XXX-USA"], "parameter 'pair': 'XXX' is not an ISO 3166-1 alpha-3 country code"),
    (["--pair", "ATA-USA"], "parameter 'pair': 'ATA' cast no vote"),
    (["--pair", "IND-BLR", "--votes", "nowhere"], "parameter 'votes': 'nowhere' is not a store of UN votes"),
    (["--pair", "IND-BLR", "--start", "2019-13-01"], "parameter 'start'"),
    (["--pair", "IND-BLR", "--start", "2019-01-01", "--end", "2018-01-01"], "parameter 'end'"),
])
def test_votes_command_bad_parameters(args, message):
    code, out, err = run_main("votes", *args)
    assert code == 1 and len(err.strip().splitlines()) == 1 and message in err, err
