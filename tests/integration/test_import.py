"""Importers on the real GDELT and ICEWS samples in ../shared/data/real/, and on bad files."""
import csv
import datetime as dt
import json
import zipfile
from pathlib import Path

import jsonschema
import pandas as pd
import pycountry
import pytest
from conftest import CURATED, ROOT, run_main, tree

from bilateral.figures import engagement, summary
from bilateral import importers, load
from bilateral.contract.checksums import sha256_of
from bilateral.importers import cameo, manifest as manifest_writer

REAL = ROOT.parent / "shared" / "data" / "real"
GDELT2 = REAL / "gdelt2-20170701234500-sample.export.CSV"
GDELT1 = REAL / "gdelt1-daily-2016-sample.export.CSV"
BACKFILE = REAL / "gdelt1-backfile-1982-sample.CSV"
ICEWS = REAL / "icews-events-2018-06-01_02-sample.tab"
D = dt.date.fromisoformat
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"the real samples are not here ({REAL} is absent)")
MANIFEST_SCHEMA = json.loads(manifest_writer.SCHEMA.read_text(encoding="utf-8"))


@needs_real
def test_gdelt_layouts_import_and_every_row_is_accounted_for(tmp_path):
    report = importers.run("gdelt", [str(GDELT2), str(GDELT1), str(BACKFILE)], str(tmp_path / "store"))
    assert report.read == 50 + 509 + 201
    assert report.kept + sum(report.skipped.values()) == report.read
    assert [kind for _, kind in report.files] == ["GDELT 2.0 event export", "GDELT 1.0 daily event file",
                                                  "GDELT 1.0 historical backfile"]
    assert sorted(p.name for p in (tmp_path / "store").iterdir()) == ["events.parquet", "manifest.json", "sources.parquet"]
    manifest = json.loads((tmp_path / "store" / "manifest.json").read_text(encoding="utf-8"))
    jsonschema.validate(manifest, MANIFEST_SCHEMA)  # the one shape every importer writes
    assert manifest["importer"] == "gdelt" and manifest["layout"] == "flat"
    assert [(i["file"], i["format"]) for i in manifest["inputs"]] == [
        (GDELT2.name, "GDELT 2.0 event export"), (GDELT1.name, "GDELT 1.0 daily event file"),
        (BACKFILE.name, "GDELT 1.0 historical backfile")]
    assert manifest["rows"]["events"] == report.kept and manifest["skipped"] == report.skipped


@needs_real
def test_gdelt_pair_figures_checked_by_reading_the_rows(tmp_path):
    importers.run("gdelt", [str(GDELT2)], str(tmp_path / "s"))
    # The six SAU/EGY rows of the sample: 043 (Egypt hosts a Saudi visit) and 042 (Saudi visits
    # Egypt), two 014 statements, two 172 (other). Goldstein 2.8, 0, 0, -5, -5, 1.9; quads 1 1 1 4 4 1.
    s = summary.build(load(tmp_path / "s", pair="SAU-EGY"), ("SAU", "EGY"))
    e = s["engagement"]
    assert e["total"] == 4  # the two 172 rows (quad class 4, material conflict) are friction, not engagements
    assert e["by_type"] == {"visit": 2, "statement": 2}
    assert e["friction"] == {"start": e["start"], "end": e["end"], "total": 2, "by_quad_class": {"3": 0, "4": 2},
                             "by_cameo_root": {"17": 2}, "previous": e["friction"]["previous"]}
    assert e["friction"]["previous"]["total"] == 0
    assert e["visits"] == {"SAU->EGY": 2, "EGY->SAU": 0}
    assert e["high_level"] is None and e["venues"] is None
    assert e["cooperation"]["2016-07"] == {"events": 6, "goldstein_mean": -0.883, "cooperative_share": 0.667}
    assert s["machine_coded"] is True


@needs_real
def test_043_puts_the_traveller_first(tmp_path):
    importers.run("gdelt", [str(GDELT2)], str(tmp_path / "s"))
    ev = load(tmp_path / "s").events.set_index("event_id")
    hosted, made = ev.loc["gdelt:669666359"], ev.loc["gdelt:669666369"]
    assert (hosted["actor1_country"], hosted["actor2_country"], hosted["cameo_code"]) == ("SAU", "EGY", "043")
    assert (made["actor1_country"], made["actor2_country"], made["cameo_code"]) == ("SAU", "EGY", "042")
    assert hosted["event_type"] == made["event_type"] == "visit"


@needs_real
@pytest.mark.parametrize("sample", [GDELT2, GDELT1, BACKFILE], ids=["61 columns", "58 columns", "57 columns"])
def test_every_layout_zipped_gives_the_same_rows_as_plain(tmp_path, sample):
    archive = tmp_path / (sample.name + ".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(sample, sample.name)
    plain = importers.run("gdelt", [str(sample)], str(tmp_path / "plain"))
    zipped = importers.run("gdelt", [str(archive)], str(tmp_path / "zipped"))
    assert (plain.read, plain.kept, plain.skipped) == (zipped.read, zipped.kept, zipped.skipped)
    assert plain.kept > 0


def test_a_curated_briefing_never_imports_ibis():
    import subprocess
    import sys

    code = ("import sys; from bilateral.briefing import notebook as briefing; briefing.prepare(); "
            "print('ibis' in sys.modules, 'duckdb' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


@needs_real
def test_zipped_and_plain_give_the_same_store_and_duplicates_are_kept_once(tmp_path):
    archive = tmp_path / "20170701234500.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(GDELT2, "20170701234500.export.CSV")
    plain = importers.run("gdelt", [str(GDELT2)], str(tmp_path / "plain"))
    zipped = importers.run("gdelt", [str(archive)], str(tmp_path / "zipped"))
    assert plain.kept == zipped.kept
    a = load(tmp_path / "plain").events.drop(columns="source_id")
    b = load(tmp_path / "zipped").events.drop(columns="source_id")
    pd.testing.assert_frame_equal(a, b)
    both = importers.run("gdelt", [str(GDELT2), str(archive)], str(tmp_path / "both"))
    assert both.kept == plain.kept
    assert both.skipped["the same GLOBALEVENTID in an earlier row or file"] == 50


@needs_real
def test_pair_order_and_csv_versus_parquet(tmp_path):
    importers.run("gdelt", [str(GDELT2), str(GDELT1)], str(tmp_path / "s"))
    ab = load(tmp_path / "s", pair="SAU-EGY").events
    ba = load(tmp_path / "s", pair="EGY-SAU").events
    pd.testing.assert_frame_equal(ab, ba)
    # The same rows as CSV give the same summary.
    csv_dir = tmp_path / "csv"
    csv_dir.mkdir()
    pd.read_parquet(tmp_path / "s" / "events.parquet").to_csv(csv_dir / "events.csv", index=False)
    pd.read_parquet(tmp_path / "s" / "sources.parquet").to_csv(csv_dir / "sources.csv", index=False)
    from_csv = summary.build(load(csv_dir, pair="SAU-EGY"), ("SAU", "EGY"))
    from_parquet = summary.build(load(tmp_path / "s", pair="SAU-EGY"), ("SAU", "EGY"))
    assert from_csv["engagement"] == from_parquet["engagement"]


@needs_real
def test_icews_sample(tmp_path):
    report = importers.run("icews", [str(ICEWS)], str(tmp_path / "s"))
    assert report.read == 3705
    manifest = json.loads((tmp_path / "s" / "manifest.json").read_text(encoding="utf-8"))
    jsonschema.validate(manifest, MANIFEST_SCHEMA)
    assert manifest["importer"] == "icews" and manifest["inputs"][0]["sha256"] == sha256_of(ICEWS)
    assert report.kept + sum(v for k, v in report.skipped.items() if not k.startswith("(kept")) == report.read
    assert report.unmapped == {}  # every name in the sample maps (NA is no name)
    ds = load(tmp_path / "s", pair="USA-PRK")
    window = engagement.default_window(ds.events, ("USA", "PRK"))
    f = engagement.figures(ds.events, ("USA", "PRK"), window)
    # 312 rows with United States and North Korea as source and target, either way; 4 of them have a
    # CAMEO root of 09-20 (conflict, quad class 3 or 4 from the root), counted as friction
    assert f["total"] == 308
    assert f["friction"]["total"] == 4
    assert sum(f["friction"]["by_quad_class"].values()) == 4
    assert sum(f["friction"]["by_cameo_root"].values()) == 4
    assert all(9 <= int(root) <= 20 for root in f["friction"]["by_cameo_root"])
    quads = dict(zip(ds.events["cameo_code"], ds.events["quad_class"]))
    assert all(quads[c] == cameo.quad_class(c) for c in quads)  # the SQL and the Python rules agree
    assert sum(f["visits"].values()) == 42  # 21 rows of 042 and 21 of 043
    assert f["by_type"]["meeting"] == 130 and f["by_type"]["negotiation"] == 60


def test_cameo_country_table_entry_by_entry():
    with open(cameo.COUNTRY_TABLE, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) == 261 and len({r["cameo_code"] for r in rows}) == 261
    differs = {}
    for r in rows:
        if r["iso3"]:
            assert pycountry.countries.get(alpha_3=r["iso3"]), r
            if r["iso3"] != r["cameo_code"]:
                differs[r["cameo_code"]] = r["iso3"]
                assert "differs" in r["note"], r
        else:
            assert r["note"], r  # every code that names no country says why
    assert differs == {"ROM": "ROU", "TMP": "TLS", "IMY": "IMN", "MTN": "MNE"}
    assert {"AFR", "EUR", "WSB", "BAG"} <= {r["cameo_code"] for r in rows if not r["iso3"]}
    assert cameo.countries()["IND"] == "IND" and cameo.countries()["BLR"] == "BLR"


@pytest.mark.parametrize("code,expected", [
    ("042", "visit"), ("043", "visit"), ("040", "meeting"), ("044", "meeting"), ("045", "meeting"),
    ("041", "call"), ("046", "negotiation"), ("057", "agreement"), ("051", "statement"), ("010", "statement"),
    ("036", "intent"), ("0311", "intent"), ("020", "other"), ("172", "other"), ("1721", "other"),
])
def test_event_codes_map_to_types(code, expected, tmp_path):
    assert cameo.event_type(code) == expected


def _gdelt_lines(n=3):
    return GDELT2.read_text(encoding="utf-8").splitlines(keepends=True)[:n]


def _bad(tmp_path, name, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


@needs_real
@pytest.mark.parametrize("case", ["short row", "bad date", "bad code", "bad country", "empty", "other format",
                                  "truncated zip", "missing"])
def test_bad_gdelt_files_name_file_line_and_column_and_write_nothing(tmp_path, case):
    lines = _gdelt_lines()
    if case == "short row":
        cells = lines[1].rstrip("\n").split("\t")
        path = _bad(tmp_path, "x.export.CSV", lines[0] + "\t".join(cells[:60]) + "\n" + lines[2])
        expected = f"{path}:2:61: 60 columns where the file's first line has 61"
    elif case == "bad date":
        cells = lines[1].split("\t")
        cells[1] = "20170231"
        path = _bad(tmp_path, "x.export.CSV", lines[0] + "\t".join(cells) + lines[2])
        expected = f"{path}:2:2: '20170231' is not a date (SQLDATE is YYYYMMDD)"
    elif case == "bad code":
        cells = lines[2].split("\t")
        cells[26] = "4X"
        path = _bad(tmp_path, "x.export.CSV", lines[0] + lines[1] + "\t".join(cells))
        expected = f"{path}:3:27: '4X' is not a CAMEO event code (2 to 4 digits)"
    elif case == "bad country":
        cells = lines[0].split("\t")
        cells[7] = "usa"
        path = _bad(tmp_path, "x.export.CSV", "\t".join(cells) + lines[1])
        expected = f"{path}:1:8: 'usa' is not a CAMEO country code (3 capital letters)"
    elif case == "empty":
        path = _bad(tmp_path, "x.export.CSV", "")
        expected = f"{path}:1:1: empty file: not a GDELT event export"
    elif case == "other format":
        path = CURATED / "events.csv"
        fields = path.read_text(encoding="utf-8").splitlines()[0].count(",") + 1
        expected = (f"{path}:1:1: a comma-separated file ({fields} comma-separated fields, no tab); "
                    "a GDELT event export is tab-separated text (or a zip of one)")
    elif case == "truncated zip":
        good = tmp_path / "good.zip"
        with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(GDELT2, "20170701234500.export.CSV")
        path = _bad(tmp_path, "20170701234500.export.CSV.zip", good.read_bytes()[: good.stat().st_size // 2])
        expected = f"{path}:1:1: not a readable zip archive (truncated or corrupt)"
    else:
        path = tmp_path / "nowhere.CSV"
        expected = f"{path}:1:1: no such file"
    out = tmp_path / "out"
    code, stdout, err = run_main("import", "gdelt", str(path), "--out", str(out))
    assert code == 1
    assert err.strip().splitlines() == [f"bilateral: error: {expected}"]
    assert tree(out) == {} and not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


@needs_real
def test_out_must_be_new_or_empty_unless_replace(tmp_path):
    out = tmp_path / "out"
    importers.run("gdelt", [str(GDELT2)], str(out))
    before = tree(out)
    code, _, err = run_main("import", "gdelt", str(GDELT1), "--out", str(out))
    assert code == 1 and "is not empty (use --replace to overwrite it)" in err
    assert tree(out) == before
    code, _, err = run_main("import", "gdelt", str(GDELT1), "--out", str(out), "--replace")
    assert code == 0, err
    assert tree(out) != before


@needs_real
def test_bad_icews_header(tmp_path):
    path = _bad(tmp_path, "x.tab", "Event ID\tDate\n1\t2018-01-01\n")
    code, _, err = run_main("import", "icews", str(path), "--out", str(tmp_path / "out"))
    assert code == 1
    assert err.strip() == (f"bilateral: error: {path}:1:2: not an ICEWS event file: the header found is "
                           "'Event ID | Date' (2 tab-separated fields); an ICEWS file's is the 20 columns "
                           "Event ID, Event Date, Source Name, …")


@needs_real
def test_an_icews_file_with_a_byte_order_mark_imports_as_without(tmp_path):
    bom = tmp_path / "bom.tab"
    bom.write_bytes(b"\xef\xbb\xbf" + ICEWS.read_bytes())
    with_bom = importers.run("icews", [str(bom)], str(tmp_path / "a"))
    plain = importers.run("icews", [str(ICEWS)], str(tmp_path / "b"))
    assert with_bom.read == plain.read == 3705 and with_bom.kept == plain.kept
    a, b = (pd.read_parquet(tmp_path / d / "events.parquet").drop(columns=["source_id"]) for d in ("a", "b"))
    pd.testing.assert_frame_equal(a, b)


MENTIONS_ROW = "1\t20191024143000\t20191024144500\t1\tbbc.co.uk\thttps://bbc.co.uk/a\t1\t-1\t-1\t10\t1\t50\t900\t-2.1\t\t\n"
GKG_ROW = "20191024143000-12\t20191024143000\t1\tbbc.co.uk\thttps://bbc.co.uk/a" + "\t" * 22 + "\n"


@pytest.mark.parametrize("name,content,importer,message", [
    ("20191024143000.mentions.CSV", MENTIONS_ROW, "gdelt", "this is a GDELT mentions file, not an event export"),
    ("renamed.txt", MENTIONS_ROW, "gdelt", "this is a GDELT mentions file, not an event export"),
    ("20191024143000.gkg.csv", GKG_ROW, "gdelt", "this is a GDELT GKG (Global Knowledge Graph) file, not an event export"),
    ("renamed-gkg.txt", GKG_ROW, "gdelt", "this is a GDELT GKG (Global Knowledge Graph) file, not an event export"),
    ("events.csv", "1,20190101,201901,2019\n", "gdelt", "a comma-separated file (4 comma-separated fields, no tab)"),
    ("events.csv", "Event ID,Event Date,Source Name\n", "icews", "a comma-separated file (3 comma-separated fields, no tab)"),
], ids=["mentions by name", "mentions by content", "gkg by name", "gkg by content", "gdelt csv", "icews csv"])
def test_other_files_are_named_in_one_line(tmp_path, name, content, importer, message):
    path = _bad(tmp_path, name, content)
    code, _, err = run_main("import", importer, str(path), "--out", str(tmp_path / "out"))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"bilateral: error: {path}:1:1: {message}")


@pytest.mark.parametrize("importer", ["gdelt", "icews"])
def test_a_gzip_file_is_named_in_one_line(tmp_path, importer):
    import gzip

    path = tmp_path / "20191024143000.export.CSV.gz"
    path.write_bytes(gzip.compress(b"1\t2\t3\n"))
    code, _, err = run_main("import", importer, str(path), "--out", str(tmp_path / "out"))
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"bilateral: error: {path}:1:1: a gzip-compressed file: unpack it first (gunzip)")


@needs_real
def test_validate_a_store_by_its_manifest(tmp_path):
    store = tmp_path / "s"
    importers.run("gdelt", [str(GDELT2)], str(store))
    code, out, err = run_main("validate", str(store))
    assert code == 0 and "valid Parquet store" in out and "checksums match the manifest" in out
    with open(store / "sources.parquet", "ab") as fh:
        fh.write(b"tampered")
    code, out, err = run_main("validate", str(store))
    assert code == 1 and "Traceback" not in err
    assert f"{store}/sources.parquet:1:1: checksum does not match the manifest" in err
    code, _, err = run_main("summary", "--pair", "SAU-EGY", "--data", str(store), "--json")
    assert code == 1 and "not a readable Parquet table of the contract" in err and "Traceback" not in err


@needs_real
def test_which_copy_of_a_repeated_record_is_kept_does_not_depend_on_row_order(tmp_path):
    """Two rows of one file share a GLOBALEVENTID, DATEADDED and SOURCEURL but differ in
    NumMentions: whichever order they come in, the same one is kept."""
    line = next(r for r in (x.rstrip("\n").split("\t") for x in _gdelt_lines(50))
                if r[7] in cameo.countries() and r[26] not in ("043",))  # a real row with actor1's country
    low, high = list(line), list(line)
    low[31], high[31] = "1", "9"  # NumMentions
    for name, rows in (("low-first", [low, high]), ("high-first", [high, low])):
        path = tmp_path / f"{name}.export.CSV"
        path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
        report = importers.run("gdelt", [str(path)], str(tmp_path / name))
        assert report.kept == 1 and report.skipped["the same GLOBALEVENTID in an earlier row or file"] == 1
    kept = {name: load(tmp_path / name).events["num_mentions"].tolist() for name in ("low-first", "high-first")}
    assert kept["low-first"] == kept["high-first"] == [1]


@needs_real
def test_a_folder_named_with_a_quote_and_a_space_imports(tmp_path):
    # Paths go to DuckDB as values, never pasted into SQL text.
    folder = tmp_path / "analyst's data"
    folder.mkdir()
    sample = folder / "o'brien export.CSV"
    sample.write_bytes(GDELT2.read_bytes())
    report = importers.run("gdelt", [str(sample)], str(folder / "the store"))
    assert report.read > 0
    plain = importers.run("gdelt", [str(GDELT2)], str(tmp_path / "plain"))
    assert report.read == plain.read
    assert len(load(folder / "the store").events) == len(load(tmp_path / "plain").events)


@needs_real
def test_coverage_is_what_the_files_cover_the_same_for_every_pair(tmp_path):
    """Two GDELT exports (a 2.0 quarter-hour, collected 1 July 2017 23:45; a 1.0 day, 28 July 2016),
    read from their DATEADDED columns: the store covers those spans, whatever a pair's rows hold."""
    import json

    importers.run("gdelt", [str(GDELT2), str(GDELT1)], str(tmp_path / "s"))
    manifest = json.loads((tmp_path / "s" / "manifest.json").read_text(encoding="utf-8"))["coverage"]
    assert [(f["file"], f["start"], f["end"]) for f in manifest["files"]] == [
        (GDELT2.name, "2017-07-01T23:45:00", "2017-07-02T00:00:00"),
        (GDELT1.name, "2016-07-28T00:00:00", "2016-07-29T00:00:00")]
    assert manifest["gaps"] == [{"start": "2016-07-29T00:00:00", "end": "2017-07-01T23:45:00"}]

    def cov(pair, start, end):
        s = summary.build(load(tmp_path / "s", pair=pair), tuple(pair.split("-")), D(start), D(end))
        return s["coverage"], s["engagement"]["covered"], s["engagement"]["total"]

    rus = cov("RUS-USA", "2016-07-28", "2016-07-28")
    sau = cov("SAU-EGY", "2016-07-28", "2016-07-28")
    assert rus[0] == sau[0] and rus[1] == sau[1] == "full"       # one store, one coverage
    assert rus[2] == 2 and sau[2] == 0  # ... whatever each pair holds (RUS-USA: 051 and 020; 163 is friction)
    september = cov("RUS-USA", "2019-09-01", "2019-09-30")
    assert september[1] == "none" and september[0]["share_of_window"] == 0.0
    quarter_hour = cov("SAU-EGY", "2017-07-01", "2017-07-01")  # the day of the 2.0 file: 15 of 1,440 minutes
    assert quarter_hour[1] == "partial" and quarter_hour[0]["share_of_window"] == round(15 / 1440, 4)


@needs_real
def test_an_icews_window_is_covered_by_the_file_even_where_a_pair_has_no_rows(tmp_path):
    importers.run("icews", [str(ICEWS)], str(tmp_path / "s"))
    s = summary.build(load(tmp_path / "s", pair="IND-BLR"), ("IND", "BLR"), D("2018-06-01"), D("2018-06-02"))
    assert s["engagement"]["total"] == 0 and s["engagement"]["covered"] == "full"
    assert s["coverage"]["spans"] == [{"start": "2018-06-01T00:00:00", "end": "2018-06-03T00:00:00",
                                       "kind": "ICEWS event dates"}]
