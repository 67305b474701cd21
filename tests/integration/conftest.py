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


@pytest.fixture
def cli_main(capfd, monkeypatch):
    """The `bilateral` command in this process: ``cli_main(*args) -> (exit code, stdout, stderr)``.

    The dispatcher the console script calls (``bilateral.cli.main.main``), run from the
    project root as ``run_cli`` runs it; argparse's own exits (usage errors) give their
    code as the console script would. Each call starts from this test's environment and
    leaves it as it found it (``--votes`` is passed on through os.environ)."""
    from bilateral.cli.main import main

    monkeypatch.chdir(ROOT)
    capfd.readouterr()  # what the test printed before belongs to no call

    def call(*args):
        saved = dict(os.environ)
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse: --help (0) and usage errors (1)
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            os.environ.clear()
            os.environ.update(saved)
        out, err = capfd.readouterr()
        return code, out, err

    return call


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
