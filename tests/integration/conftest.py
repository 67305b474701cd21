import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CURATED = ROOT / "tests" / "fixtures" / "india-belarus"  # the frozen two-article dataset (tests/fixtures/README.md)
BIN = Path(sys.executable).parent


def run_cli(*args, cwd=None, env=None):
    """Run the installed `bilateral` command; return (exit code, stdout, stderr)."""
    exe = shutil.which("bilateral", path=str(BIN)) or "bilateral"
    proc = subprocess.run([exe, *args], capture_output=True, text=True, cwd=cwd or ROOT,
                          env={**os.environ, **(env or {})}, timeout=600)
    return proc.returncode, proc.stdout, proc.stderr


def run_main(*args):
    """The `bilateral` command in this process: (exit code, stdout, stderr), as ``run_cli`` gives them.

    The dispatcher the console script calls (``bilateral.cli.main.main``), run from the
    project root as ``run_cli`` runs it, its output captured; argparse's own exits (usage
    errors, --help) give their code as the console script would. Each call leaves the
    environment and the working directory as it found them (``--votes`` is passed on
    through os.environ). For commands that neither render (a render forks this process)
    nor start Spark: test_bad_inputs.py checks the console script gives the same."""
    import contextlib
    import io

    from bilateral.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse: --help (0) and usage errors (1)
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def cli_main():
    """``run_main`` as a fixture (the tests that take it run the command in this process)."""
    return run_main


@pytest.fixture(autouse=True)
def _scratch(tmp_path, monkeypatch):
    """Keep every test's build output out of the working tree."""
    monkeypatch.setenv("BILATERAL_BUILD", str(tmp_path / "build"))
    monkeypatch.setenv("BILATERAL_REPORTS", str(tmp_path / "reports"))


def tree(path: Path) -> dict[str, bytes]:
    """Every file under path with its bytes (nothing if the folder is absent)."""
    if not path.exists():
        return {}
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- #
# Importers' stores, built once per run and only read by the tests (a test that
# changes one copies it first). One synthetic GDELT store serves every test of a
# store's figures; two overlapping exports serve the layout and engine comparisons.
# --------------------------------------------------------------------------- #
GDELT_ROWS, GDELT_SEED = 20_000, 11
EXPORTS = ((1, 2000), (2, 1200))  # (seed, rows): the second's ids all repeat the first's


@pytest.fixture(scope="session")
def gdelt_store(tmp_path_factory) -> Path:
    """A store imported (DuckDB, flat) from one synthetic GDELT export of 20,000 rows: ~200 pairs,
    IND-BLR, USA-CHN and RUS-UKR among them; named as a dataset's folder is (the watchlist's name)."""
    from store_builders import gdelt_store as build

    root, _ = build(tmp_path_factory.mktemp("gdelt") / "gdelt-synthetic", GDELT_ROWS, GDELT_SEED)
    return root


@pytest.fixture(scope="session")
def gdelt_exports(tmp_path_factory) -> list[Path]:
    """Two synthetic GDELT exports whose ids overlap with different contents (the repeats to de-duplicate)."""
    from store_builders import gdelt_export

    tmp = tmp_path_factory.mktemp("exports")
    return [gdelt_export(tmp / f"synthetic-{seed}.export.CSV", n, seed) for seed, n in EXPORTS]


@pytest.fixture(scope="session")
def layout_stores(gdelt_exports, tmp_path_factory):
    """``gdelt_exports`` imported on DuckDB flat and partitioned by year: (flat, year, the flat import's report)."""
    from bilateral import importers

    tmp = tmp_path_factory.mktemp("layouts")
    reports = {layout: importers.run("gdelt", [str(f) for f in gdelt_exports], str(tmp / layout), layout=layout)
               for layout in ("flat", "year")}
    return tmp / "flat", tmp / "year", reports["flat"]
