"""End to end: the briefing executed through papermill and rendered to HTML and PDF."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import CURATED, ROOT, tree
from pypdf import PdfReader

from bilateral import ParameterError, RenderError, load
from bilateral import source
from bilateral.figures import summary
from bilateral.render.plan import render
from bilateral.dataset.synthetic import make as make_synthetic


pytestmark = pytest.mark.integration

# Facts the seed articles give, each of which the briefing must state.
FACTS = [
    "11–13 March 2024", "Kampala", "NAM Summit", "19 January 2024", "A useful meeting with Belarusian FM Sergei Aleinik",
    "permanent seat", "first country to ratify", "BRICS", "strategic", "multipolar", "Ukraine",
    "Foreign Office Consultations", "Inter-governmental Commission", "agriculture", "Defence", "85", "476", "1991",
    "Earlier this month",
]
CHART_TITLES = ["Two engagements in the window", "Two engagements this window", "Belarus visited India once",
                "Stances on five topics"]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    os.environ["BILATERAL_BUILD"] = str(tmp_path_factory.mktemp("build"))
    result = render("IND-BLR", out=out, progress=False)
    return result, out


def test_files_are_published_under_the_pair(published):
    result, out = published
    names = sorted(p.name for p in (out / "IND-BLR").iterdir())
    stem = "IND-BLR_india-belarus_2024-01-19_2024-03-13_as-of_2024-03-13"
    assert names == [f"{stem}.html", f"{stem}.json", f"{stem}.pdf", "editions"]
    kept = sorted(p.suffix for p in (out / "IND-BLR" / "editions" / stem).iterdir())
    assert kept == [".html", ".json", ".pdf"]  # this edition, kept for good beside the report


def test_html_states_every_fact_and_no_code(published):
    result, _ = published
    html = result.files["html"].read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", html)
    for fact in FACTS:
        assert fact in text or fact in html, fact
    for leak in ("briefing.prepare", "import ", "In&nbsp;[", "Traceback", "papermill", "Error:", "jp-CodeMirrorEditor", "class=\"highlight"):
        assert leak not in html, leak


def test_html_is_self_contained(published):
    html = published[0].files["html"].read_text(encoding="utf-8")
    assert not re.search(r"<script", html, re.I)
    assert not re.search(r"""(src|href)\s*=\s*["'](https?:)?//""", html, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", html, re.I)
    images = re.findall(r"<img\b[^>]*>", html)
    assert len(images) == 6  # four charts of the dataset, two of the UN General Assembly votes
    for img in images:
        assert re.search(r'src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+"', img)
        assert re.search(r'alt="[^"]{10,}"', img)


def test_pdf_is_a4_numbered_and_has_every_chart(published):
    reader = PdfReader(published[0].files["pdf"])
    first = reader.pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (595, 842)  # A4 in points
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert f"Page 1 of {len(reader.pages)}" in text
    folded = " ".join(text.split())
    for title in CHART_TITLES:  # chart text is real text in the SVG, so it is in the PDF
        assert title in folded, title
    for fact in ("476", "Foreign Office Consultations", "Kampala"):
        assert fact in folded


def test_sidecar_has_parameters_checksum_commit_and_the_summary(published):
    result, _ = published
    side = json.loads(result.files["json"].read_text(encoding="utf-8"))
    ds = load(CURATED)
    assert side["data"]["checksum"] == ds.checksum
    assert side["parameters"]["pair"] == "IND-BLR" and side["parameters"]["start"] == "2024-01-19"
    figures = dict(side["summary"])
    figures.pop("unga")  # UN General Assembly votes, beside the dataset's figures (as `bilateral summary` gives them)
    assert figures == summary.build(ds, ("IND", "BLR"))
    assert "git_commit" in side
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(side["summary"], summary.schema())


def test_same_inputs_give_byte_identical_html_and_identical_figures(published, tmp_path):
    again = render("IND-BLR", out=tmp_path, formats="html", progress=False)
    assert again.files["html"].read_bytes() == published[0].files["html"].read_bytes()
    first, second = (json.loads(r.files["json"].read_text(encoding="utf-8")) for r in (published[0], again))
    assert first["summary"] == second["summary"] and first["data"] == second["data"]


def _notebook_with(tmp_path: Path, source: str) -> Path:
    nb = nbformat.read(ROOT / "notebooks" / "briefing.ipynb", as_version=4)
    nb.cells.insert(5, nbformat.v4.new_code_cell(source))
    path = tmp_path / "briefing.ipynb"
    nbformat.write(nb, path)
    return path


def test_a_kernel_renders_the_same_briefing_as_the_fork_runner(published, tmp_path):
    # The default runner runs the notebook in a fork of the render process; a real
    # Jupyter kernel must give the very same report.
    kernel = render("IND-BLR", out=tmp_path, formats="html", progress=False, runner="kernel")
    assert kernel.files["html"].read_bytes() == published[0].files["html"].read_bytes()


def test_an_unknown_runner_is_a_parameter_error(tmp_path, monkeypatch):
    with pytest.raises(ParameterError, match="parameter 'runner'.*'zmq' is not one of fork, kernel"):
        render("IND-BLR", out=tmp_path, progress=False, runner="zmq")
    monkeypatch.setenv("BILATERAL_RUNNER", "thread")
    with pytest.raises(ParameterError, match="BILATERAL_RUNNER.*'thread'"):
        render("IND-BLR", out=tmp_path, progress=False)


@pytest.mark.parametrize("runner", ["fork", "kernel"])
@pytest.mark.parametrize("source,timeout,cause", [
    ("raise RuntimeError('injected failure')", 60, "raised RuntimeError: injected failure"),
    ("import time; time.sleep(60)", 3, "exceeded the execution timeout"),
    ("import os; os._exit(1)", 60, "kernel died"),
])
def test_a_failed_run_publishes_nothing_and_keeps_its_notebook(published, tmp_path, source, timeout, cause, runner):
    out = tmp_path / "reports"
    (out / "IND-BLR").mkdir(parents=True)
    for f in published[0].files.values():  # a previously published report
        (out / "IND-BLR" / f.name).write_bytes(f.read_bytes())
    before = tree(out)
    build = Path(os.environ["BILATERAL_BUILD"])
    failed_before = set((build / "failed").glob("*.ipynb")) if (build / "failed").exists() else set()
    with pytest.raises(RenderError, match=cause) as info:
        render("IND-BLR", out=out, notebook=_notebook_with(tmp_path, source), timeout=timeout, progress=False,
               runner=runner)
    assert tree(out) == before
    kept = set((build / "failed").glob("*.ipynb")) - failed_before
    assert len(kept) == 1 and str(kept.pop()) in str(info.value)


def test_a_full_disk_loses_no_report(published, tmp_path):
    import subprocess

    out = tmp_path / "full"
    out.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(out)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {mounted.stderr.decode().strip()}")
    try:
        (out / "IND-BLR").mkdir()
        for f in published[0].files.values():  # the previously published report
            (out / "IND-BLR" / f.name).write_bytes(f.read_bytes())
        with open(out / "filler", "wb", buffering=0) as fh:  # fill the disk ...
            try:
                while True:
                    fh.write(b"\0" * 4096)
            except OSError:
                pass
        os.truncate(out / "filler", (out / "filler").stat().st_size - 8192)  # ... but for 8 KB
        before = tree(out)
        with pytest.raises(RenderError, match="No space left on device") as info:
            render("IND-BLR", out=out, force=True, progress=False)
        assert tree(out) == before
        assert "executed notebook kept at" in str(info.value)
    finally:
        subprocess.run(["umount", str(out)], check=False)


def test_an_unwritable_out_is_a_parameter_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write to a read-only folder; the check cannot fail here")
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o500)
    with pytest.raises(ParameterError, match="not writable"):
        render("IND-BLR", out=out, progress=False)


@pytest.mark.parametrize("engine", [None, "bilateral-fork"])
def test_the_papermill_path_gives_the_same_briefing_and_checks_its_parameters(published, tmp_path, engine):
    # The README's two commands: papermill, then nbconvert's `briefing` exporter.
    bin_dir = Path(sys.executable).parent
    out_nb = tmp_path / "out.ipynb"
    extra = ["--engine", engine] if engine else []
    ok = subprocess.run([str(bin_dir / "papermill"), str(ROOT / "notebooks" / "briefing.ipynb"), str(out_nb),
                         "-p", "pair", "IND-BLR", "--no-progress-bar", *extra], capture_output=True, text=True,
                        cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    if engine:
        assert "without encryption" not in ok.stderr  # no kernel, so no TCP warning
    conv = subprocess.run([str(bin_dir / "jupyter"), "nbconvert", "--to", "briefing", str(out_nb)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert conv.returncode == 0, conv.stderr
    assert (tmp_path / "out.html").read_bytes() == published[0].files["html"].read_bytes()
    bad = subprocess.run([str(bin_dir / "papermill"), str(ROOT / "notebooks" / "briefing.ipynb"), str(tmp_path / "bad.ipynb"),
                          "-p", "pair", "IND-IND", "--no-progress-bar", *extra], capture_output=True, text=True,
                         cwd=tmp_path)
    assert bad.returncode != 0
    assert "parameter 'pair': 'IND-IND' names the same country twice" in bad.stderr


def test_the_html_opens_with_a_table_of_contents_and_the_pdf_has_bookmarks(published):
    page = published[0].files["html"].read_text(encoding="utf-8")
    nav = re.search(r'<nav aria-label="Contents" class="contents">(.*?)</nav>', page).group(1)
    targets = re.findall(r'href="#([^"]+)"', nav)
    assert targets[:3] == ["At-a-glance", "What-changed-since-the-last-briefing", "Timeline-of-engagements"]
    assert "Sources-and-method" in targets
    assert all(f'id="{t}"' in page for t in targets)
    assert page.index("<nav") < page.index('id="At-a-glance"')
    outline = [o.title for o in PdfReader(published[0].files["pdf"]).outline if not isinstance(o, list)]
    titles = [o.title for o in PdfReader(published[0].files["pdf"]).outline[1] if not isinstance(o, list)]
    assert outline == ["India–Belarus relations"]
    assert titles[:3] == ["At a glance", "What changed since the last briefing", "Timeline of engagements"]


def test_synthetic_multi_year_dataset_exercises_every_chart(tmp_path):
    data = make_synthetic(tmp_path / "synthetic", pairs=[("IND", "BLR")], first_year=2017, last_year=2024, seed=3)
    result = render("IND-BLR", data=data, out=tmp_path / "out", formats="html", progress=False)
    html = result.files["html"].read_text(encoding="utf-8")
    assert "Synthetic data, generated for tests" in html
    # four charts of the dataset, two of the (real) UN General Assembly votes of the pair
    assert len(re.findall(r'<img\b[^>]*src="data:image/svg\+xml', html)) == 6
    assert result.summary["engagement"]["total"] > 50


def test_a_declared_pair_without_events_says_so_and_an_undeclared_one_is_refused(tmp_path):
    import shutil

    data = tmp_path / "declared"
    shutil.copytree(CURATED, data)
    (data / "dataset.json").write_text('{"title": "Test", "pairs": ["IND-BLR", "FRA-DEU"]}', encoding="utf-8")
    result = render("FRA-DEU", data=data, as_of="2024-03-13", out=tmp_path / "r", formats="html", progress=False)
    html = result.files["html"].read_text(encoding="utf-8")
    assert "No engagements or stances of France and Germany are recorded" in html
    # no empty charts: the only ones are the two of the pair's UN General Assembly votes
    assert [alt[:15] for alt in re.findall(r'<img\b[^>]*\balt="([^"]*)"', html)] == ["Identical votes"] * 2
    assert "Belarus" not in html and "Aleinik" not in html  # nothing of the dataset's other pair
    # no events: the window is the 365 days up to as_of
    assert result.files["html"].name == "FRA-DEU_declared_2023-03-15_2024-03-13_as-of_2024-03-13.html"
    with pytest.raises(ParameterError, match="holds no rows of FRA-DEU; the pairs it holds: IND-BLR"):
        render("FRA-DEU", as_of="2024-03-13", out=tmp_path / "r", formats="html", progress=False)


def test_explore_notebook_runs_top_to_bottom(tmp_path):
    import papermill as pm

    nb = pm.execute_notebook(str(ROOT / "notebooks" / "explore.ipynb"), str(tmp_path / "explore.ipynb"),
                             kernel_name="python3", progress_bar=False, cwd=str(tmp_path))
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("Earlier this month" in o.get("text", "") for o in outputs)
    # The explorer, first: a widget, and for a frontend without widgets the default pair's
    # figures, charts and events as static HTML, the numbers of `bilateral summary`.
    from bilateral.explorer import drilldown
    from bilateral.briefing import params
    from bilateral.figures import summary

    explorer_out = nb.cells[1].outputs
    assert [o.output_type for o in explorer_out] == ["execute_result"]
    data = explorer_out[0]["data"]
    assert "application/vnd.jupyter.widget-view+json" in data
    figures = source.summary(params.check("IND-BLR"))
    listed = drilldown.figure_list(figures)
    assert len(listed) >= 10  # the loop below checks something
    for fig in listed:
        assert f'data-figure="{fig.key.replace(">", "&gt;")}"' in data["text/html"]
    assert data["text/html"].count('<figure class="chart">') >= 3 and "Earlier this month" in data["text/html"]


@pytest.mark.parametrize("runner", ["fork", "kernel"])
def test_a_notebook_ending_in_system_exit_0_renders_as_papermill_allows(tmp_path, runner):
    nb = nbformat.read(ROOT / "notebooks" / "briefing.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise SystemExit(0)"))
    nbformat.write(nb, tmp_path / "exits.ipynb")
    ok = render("IND-BLR", out=tmp_path / "ok", formats="html", notebook=tmp_path / "exits.ipynb",
                progress=False, runner=runner)
    assert "Sources and method" in ok.files["html"].read_text(encoding="utf-8")
    nb.cells[-1] = nbformat.v4.new_code_cell("raise SystemExit(3)")
    nbformat.write(nb, tmp_path / "fails.ipynb")
    with pytest.raises(RenderError, match="raised SystemExit: 3"):
        render("IND-BLR", out=tmp_path / "bad", formats="html", notebook=tmp_path / "fails.ipynb",
               progress=False, runner=runner)


def test_a_failing_cell_is_named_by_index_name_and_value(tmp_path):
    from bilateral.errors import CellError

    with pytest.raises(CellError) as info:
        render("IND-BLR", out=tmp_path, notebook=_notebook_with(tmp_path, "raise KeyError('gone')"), progress=False)
    # inserted at 5; papermill's injected-parameters cell (after the parameters cell) makes it 6
    assert (info.value.cell_index, info.value.ename, info.value.evalue) == (6, "KeyError", "'gone'")
    assert "cell 6" in str(info.value)
