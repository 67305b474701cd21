"""`bilateral draft` and `bilateral accept` end to end (issue 17)."""
import csv
import json
import shutil
import subprocess
import sys

import pytest
from conftest import CURATED, ROOT, run_main, tree

from bilateral import load

# the frozen two-article dataset: the figures compared must not move when data/ grows
SEED_000 = CURATED / "sources" / "000_0c560d0c96b9e648.txt"
SEED_003 = CURATED / "sources" / "003_bf969e30d86153ce.txt"
ID_000 = "press-2024-03-11-aleinik-arrives"
ID_003 = "press-2024-03-14-belarus-backs-unsc-bid"


def _draft(article, published, source_id, out, *extra):
    code, stdout, err = run_main("draft", str(article), "--pair", "IND-BLR", "--published", published,
                                "--source-id", source_id, "--out", str(out), *extra)
    assert code == 0, err
    return stdout


def _canonical(figures: dict, data) -> dict:
    """The summary with ids replaced by what they name (draft ids differ from curated ids)."""
    ds = load(data)
    positions = {r.position_id: f"{r.actor_country}/{r.topic}/{r.stance}/{r.target_country}" for r in ds.positions.itertuples()}
    events = {r.event_id: f"{r.event_type}/{r.date}" for r in ds.events.itertuples()}

    def walk(x):
        if isinstance(x, dict):
            return {k: walk(v) for k, v in x.items()}
        if isinstance(x, list):
            return [walk(v) for v in x]
        if isinstance(x, str):
            return positions.get(x, events.get(x, x))
        return x

    return walk(figures)


@pytest.fixture(scope="module")
def accepted(tmp_path_factory):
    """The two seeds drafted and accepted into an empty dataset, as an analyst would."""
    work = tmp_path_factory.mktemp("drafts")
    dataset = work / "dataset"
    _draft(SEED_000, "2024-03-11", ID_000, work / "d000")
    code, out, err = run_main("accept", str(work / "d000"), "--into", str(dataset))
    assert code == 0, err
    _draft(SEED_003, "2024-03-14", ID_003, work / "d003", "--dataset", str(dataset))
    code, out003, err = run_main("accept", str(work / "d003"), "--into", str(dataset))
    assert code == 0, err
    return work, dataset, out003


def test_drafts_pass_the_loader_and_quote_their_sentences(accepted):
    work, _, _ = accepted
    ds = load(work / "d000")
    assert set(ds.events["event_type"]) == {"visit", "meeting", "statement"}
    assert ds.sources.iloc[0]["sha256"] and ds.sources.iloc[0]["file"] == "sources/000_0c560d0c96b9e648.txt"
    assert {"confidence", "rule"} <= set(ds.events.columns)
    text = " ".join(SEED_000.read_text(encoding="utf-8").split())
    for quote in ds.events["source_quote"]:
        assert all(part in text for part in quote.split(" … "))


def test_accept_then_summary_equals_the_curated_figures(accepted):
    _, dataset, out003 = accepted
    assert "duplicate, not added: positions" in out003  # India's UNSC interest and Belarus's support, told twice
    assert "topics added to ind-blr-2024-03-12-meeting: multipolar_order, sco_membership, trade, development_partnership, defence" in out003
    figures = {}
    for data in (CURATED, dataset):
        code, out, err = run_main("summary", "--pair", "IND-BLR", "--data", str(data), "--json")
        assert code == 0, err
        figures[data] = _canonical(json.loads(out), data)
    curated, drafted = figures[CURATED], figures[dataset]
    # The second article's agenda for the talks (trade, defence, development partnership) reached
    # the talks accepted from the first: topics discussed without positions are the curated ones.
    assert drafted["alignment"]["discussed_without_positions"] == ["ukraine_conflict", "trade", "defence", "development_partnership"]
    assert drafted == curated


def test_review_page_marks_sentences_and_escapes_text(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("SYNTHETIC ARTICLE for a test.\nIndian Foreign Minister Ravi Rao met Belarusian Foreign Minister "
                       "Oleg Lis in Minsk on Friday <script>alert(1)</script>.\n"
                       "Rao did not meet Lis on Saturday.\nLis is expected to travel to New Delhi next year.\n",
                       encoding="utf-8")
    _draft(article, "2024-03-11", "synthetic-test", tmp_path / "d")
    html = (tmp_path / "d" / "review.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'class="sentence produced"' in html
    assert ">denial<" in html and ">plan<" in html
    assert "http://" not in html and "https://" not in html  # self-contained: nothing loaded from outside
    assert load(tmp_path / "d").sources.iloc[0]["source_type"] == "synthetic"


def test_accept_writes_nothing_when_the_result_would_not_validate(tmp_path):
    draft_dir, dataset = tmp_path / "d", tmp_path / "ds"
    _draft(SEED_000, "2024-03-11", ID_000, draft_dir)
    dataset.mkdir()
    before = tree(dataset)
    # The talks without the visit they are part_of: a dangling part_of.
    code, out, err = run_main("accept", str(draft_dir), "--into", str(dataset), "--rows", "ind-blr-2024-03-12-meeting")
    assert code == 1
    assert "part_of 'ind-blr-2024-03-11-visit' is not an event_id of events.csv" in err
    assert "Traceback" not in err
    assert tree(dataset) == before


def test_accept_flags_duplicates_instead_of_adding_them(tmp_path):
    draft_dir, dataset = tmp_path / "d", tmp_path / "ds"
    _draft(SEED_000, "2024-03-11", ID_000, draft_dir)
    assert run_main("accept", str(draft_dir), "--into", str(dataset))[0] == 0
    before = tree(dataset)
    code, out, err = run_main("accept", str(draft_dir), "--into", str(dataset))
    assert code == 0, err
    assert out.count("duplicate, not added: events") == 4
    assert tree(dataset) == before
    # Against the curated rows: the drafted visit is the curated visit (same type, date and pair).
    curated = tmp_path / "curated"
    shutil.copytree(CURATED, curated)
    code, out, err = run_main("accept", str(draft_dir), "--into", str(curated))
    assert "duplicate, not added: events ind-blr-2024-03-11-visit (same as ind-blr-2024-03-11-aleinik-visit)" in out


@pytest.mark.parametrize("args,message", [
    (["no/such.txt", "--pair", "IND-BLR", "--published", "2024-03-11"], "no/such.txt:1:1: article file not found"),
    ([str(SEED_000), "--pair", "IND-BLR", "--published", "2024-02-30"], "parameter '--published' '2024-02-30' is not a day: February 2024 has 29 days"),
    ([str(SEED_000), "--pair", "IND", "--published", "2024-03-11"], "parameter 'pair': 'IND' is not two ISO 3166-1 alpha-3 codes joined by '-', like IND-BLR"),
])
def test_bad_draft_input_is_one_line(args, message, tmp_path):
    code, out, err = run_main("draft", *args, "--out", str(tmp_path / "d"))
    assert code == 1
    assert err.strip().splitlines() == [f"bilateral: error: {message}"]


def test_non_utf8_article_names_its_line_and_column(tmp_path):
    article = tmp_path / "latin1.txt"
    article.write_bytes("First line.\nCaf\xe9 talks.\n".encode("latin-1"))
    code, out, err = run_main("draft", str(article), "--pair", "IND-BLR", "--published", "2024-03-11", "--out", str(tmp_path / "d"))
    assert code == 1
    assert err.strip() == f"bilateral: error: {article}:2:4: not UTF-8 text (byte 0xE9)"


def test_quality_bars_on_the_seeds_and_the_synthetic_articles():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "draft_quality.py"), "--json"],
                          capture_output=True, text=True, timeout=600)
    result = json.loads(proc.stdout)
    assert result["ok"], proc.stdout
    by = {(r["article"], r["kind"]): r for r in result["rows"]}
    assert by[("seeds (both)", "events")]["recall"] >= 0.9 and by[("seeds (both)", "positions")]["recall"] >= 0.9
    assert by[("synthetic (all)", "positions")]["gold"] >= 13


KAZ_ARTICLE = ("SYNTHETIC ARTICLE for a test: no person or event in it is real.\n"
               "Kazakh Foreign Minister Aidar Zhumabekov arrived in New Delhi on Monday for a three-day visit.\n"
               "On Tuesday, Zhumabekov held talks with External Affairs Minister Rohan Mehta at Hyderabad House.\n"
               "Zhumabekov said Kazakhstan supports India's bid for a permanent seat on the UN Security Council.\n")


def test_accept_refuses_rows_of_a_pair_the_dataset_does_not_declare(tmp_path):
    article = tmp_path / "kaz.txt"
    article.write_text(KAZ_ARTICLE, encoding="utf-8")
    code, out, err = run_main("draft", str(article), "--pair", "IND-KAZ", "--published", "2025-10-13",
                             "--out", str(tmp_path / "d"))
    assert code == 0, err
    assert len(load(tmp_path / "d").events) >= 2  # something was drafted, so a refusal below is a refusal
    dataset = tmp_path / "india-belarus"
    shutil.copytree(CURATED, dataset)
    before = tree(dataset)
    code, out, err = run_main("accept", str(tmp_path / "d"), "--into", str(dataset))
    assert code == 1 and "Traceback" not in err
    line, = err.strip().splitlines()
    assert "declares IND-BLR, not IND-KAZ" in line and 'add "IND-KAZ" to its "pairs"' in line
    assert tree(dataset) == before


def test_validate_flags_a_position_of_an_undeclared_pair(tmp_path):
    dataset = tmp_path / "india-belarus"
    shutil.copytree(CURATED, dataset)
    path = dataset / "positions.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    first = dict(rows[0], position_id="pos-kaz-support", actor_country="KAZ", target_country="IND", stance="support")
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n").writerow(first)
    code, out, err = run_main("validate", str(dataset))
    assert code == 1
    assert f"positions.csv:{len(rows) + 2}:" in err and "a position of KAZ-IND, not of a pair dataset.json declares (BLR-IND)" in err


def test_accept_leaves_existing_lines_byte_for_byte(tmp_path):
    draft_dir = tmp_path / "d"
    _draft(SEED_003, "2024-03-14", ID_003, draft_dir)
    dataset = tmp_path / "curated"
    shutil.copytree(CURATED, dataset)
    before = {n: (dataset / f"{n}.csv").read_bytes() for n in ("events", "positions", "facts", "sources")}
    code, out, err = run_main("accept", str(draft_dir), "--into", str(dataset))
    assert code == 0, err
    grew = 0
    for name, old in before.items():
        new = (dataset / f"{name}.csv").read_bytes()
        assert new.startswith(old), f"{name}.csv: an existing line changed"
        grew += len(new) > len(old)
    assert grew >= 1  # rows were added (the source at least), so the check above compared something
    load(dataset)
