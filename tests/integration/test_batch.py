"""Many briefings: batch, the reports index, incremental re-rendering."""
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, run_cli

from bilateral.render import batch, index
from bilateral.render.plan import render
from bilateral.dataset.synthetic import make as make_synthetic

pytestmark = pytest.mark.integration
PAIRS = ["IND-BLR", "IND-RUS", "BLR-RUS"]


@pytest.fixture(scope="module")
def multi(tmp_path_factory):
    return make_synthetic(tmp_path_factory.mktemp("multi") / "data", pairs=[tuple(p.split("-")) for p in PAIRS],
                          first_year=2022, last_year=2024, seed=5)


def failing_for(pair: str, tmp_path: Path) -> Path:
    nb = nbformat.read(ROOT / "notebooks" / "briefing.ipynb", as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(f"if pair == {pair!r}:\n    raise RuntimeError('deliberate failure')"))
    path = tmp_path / "briefing.ipynb"
    nbformat.write(nb, path)
    return path


def test_one_failing_pair_does_not_stop_the_others(multi, tmp_path):
    out = tmp_path / "reports"
    outcomes = batch.run(PAIRS, jobs=2, progress=False, data=multi, out=out, formats="html",
                         notebook=failing_for("IND-RUS", tmp_path))
    status = {o.pair: o.ok for o in outcomes}
    assert status == {"IND-BLR": True, "IND-RUS": False, "BLR-RUS": True}
    failed = next(o for o in outcomes if not o.ok)
    assert "raised RuntimeError: deliberate failure" in failed.detail and "cell" in failed.detail
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["BLR-RUS", "IND-BLR"]
    table = batch.table(outcomes)
    assert "IND-RUS  FAILED" in table and "2 published, 1 failed" in table


def test_cli_batch_exit_code_and_table(multi, tmp_path):
    code, out, err = run_cli("batch", "--pairs", "IND-BLR,IND-XXX", "--data", str(multi), "--out",
                             str(tmp_path), "--format", "html", "--jobs", "2", "--quiet")
    assert code == 1
    assert re.search(r"^IND-XXX\s+FAILED\s+[\d.]+\s+parameter 'pair': 'XXX' is not an ISO", out, re.M)
    assert re.search(r"^IND-BLR\s+ok\s", out, re.M)
    assert "Traceback" not in err


def test_two_batches_leave_an_index_of_exactly_what_is_on_disk(multi, tmp_path):
    batch.run(["IND-BLR"], jobs=1, progress=False, data=multi, out=tmp_path, formats="html")
    batch.run(["IND-RUS", "BLR-RUS"], jobs=2, progress=False, data=multi, out=tmp_path, formats="html")
    listed = {r["pair"] for r in index.briefings(tmp_path)}
    assert listed == set(PAIRS)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert all(f">{p}<" in page for p in PAIRS)
    assert "<script" not in page and not re.search(r"""(src|href)=["']https?:""", page)
    for f in (tmp_path / "IND-RUS").iterdir():  # a briefing removed by hand (its kept editions stay)
        if f.is_file():
            f.unlink()
    (tmp_path / "stray").mkdir()
    (tmp_path / "stray" / "notes.json").write_text('{"not": "a sidecar"}')
    index.write_index(tmp_path)
    assert {r["pair"] for r in index.briefings(tmp_path)} == {"IND-BLR", "BLR-RUS"}
    assert ">IND-RUS<" not in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_concurrent_renders_of_different_pairs_never_mix(multi, tmp_path):
    exe = str(Path(sys.executable).parent / "bilateral")
    procs = [subprocess.Popen([exe, "render", "--pair", p, "--data", str(multi), "--out", str(tmp_path),
                               "--format", "html", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for p in ("IND-BLR", "BLR-RUS")]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    for pair, title in (("IND-BLR", "India–Belarus relations"), ("BLR-RUS", "Belarus–Russia relations")):
        (html,) = (tmp_path / pair).glob("*.html")
        assert title in html.read_text(encoding="utf-8")
    assert {r["pair"] for r in index.briefings(tmp_path)} == {"IND-BLR", "BLR-RUS"}


def test_unchanged_inputs_are_skipped_unless_forced(multi, tmp_path):
    first = render("IND-BLR", data=multi, out=tmp_path, formats="html", progress=False)
    stamp = first.files["html"].stat().st_mtime_ns
    again = render("IND-BLR", data=multi, out=tmp_path, formats="html", progress=False)
    assert again.skipped and again.files["html"].stat().st_mtime_ns == stamp
    forced = render("IND-BLR", data=multi, out=tmp_path, formats="html", progress=False, force=True)
    assert not forced.skipped and forced.files["html"].stat().st_mtime_ns != stamp
    other_as_of = render("IND-BLR", data=multi, out=tmp_path, formats="html", progress=False, as_of="2024-12-31")
    assert not other_as_of.skipped
    code, _, err = run_cli("render", "--pair", "IND-BLR", "--data", str(multi), "--out", str(tmp_path),
                           "--format", "html", "--as-of", "2024-12-31", "--quiet")
    assert code == 0 and "up to date, not rendered again" in err


def test_a_pair_absent_from_the_data_fails_alone_and_shows_nothing(tmp_path):
    code, out, err = run_cli("batch", "--pairs", "IND-BLR,IND-RUS", "--format", "html", "--out", str(tmp_path / "r"),
                             "--quiet")
    assert code == 1
    assert "1 published, 1 failed" in out
    line = next(ln for ln in out.splitlines() if ln.startswith("IND-RUS"))
    assert "holds no rows of IND-RUS; the pairs it holds: IND-BLR" in line
    assert [p.name for p in (tmp_path / "r").iterdir() if p.is_dir()] == ["IND-BLR"]


def test_no_report_replaces_another_datasets_or_another_as_of_days(tmp_path):
    import shutil

    from conftest import CURATED

    other = tmp_path / "india-belarus-copy"
    shutil.copytree(CURATED, other)
    made = [render("IND-BLR", data=data, as_of=as_of, out=tmp_path / "r", formats="html", progress=False)
            for data in (CURATED, other) for as_of in (None, "2024-04-30")]
    files = {r.files["html"] for r in made}
    assert len(files) == 4 and all(f.exists() for f in files)
    rows = index.briefings(tmp_path / "r")
    assert {(r["dataset"], r["as_of"]) for r in rows} == {
        ("india-belarus", "2024-03-13"), ("india-belarus", "2024-04-30"),
        ("india-belarus-copy", "2024-03-13"), ("india-belarus-copy", "2024-04-30")}
