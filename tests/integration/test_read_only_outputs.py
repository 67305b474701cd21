"""Every command that writes, pointed at a folder that cannot be written (a read-only tmpfs, which
refuses root too, so the test runs in CI as root): one line naming the parameter and the folder,
exit 1, no traceback, and nothing left behind in the folder the command could write."""
import shutil
import subprocess
from pathlib import Path

import pytest

from bilateral.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "003_bf969e30d86153ce.txt"
ARTICLE = SEED if SEED.is_file() else next((ROOT / "tests" / "drafting" / "articles").glob("*.txt"))


def _mount(folder: Path, options: str) -> None:
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size=2m,{options}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot mount a read-only tmpfs (needs root): {done.stderr.strip()}")


@pytest.fixture
def read_only(tmp_path):
    """A read-only folder holding a copy of the example dataset (for accept --into)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    _mount(folder, "rw")
    try:
        shutil.copytree(ROOT / "tests" / "fixtures" / "india-belarus", folder / "india-belarus")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


@pytest.fixture
def draft(tmp_path, capsys):
    out = tmp_path / "draft"
    assert main(["draft", str(ARTICLE), "--pair", "IND-BLR", "--published", "2024-03-14", "--out", str(out)]) == 0
    capsys.readouterr()
    return out


def _one_line(capsys, parameter: str, folder: Path) -> None:
    err = capsys.readouterr().err
    assert err.strip() == (f"bilateral: error: parameter {parameter!r}: cannot write in {str(folder)!r}: "
                           "Read-only file system"), err
    assert "Traceback" not in err


def test_draft_out(read_only, capsys):
    before = sorted(p.name for p in read_only.iterdir())
    assert main(["draft", str(ARTICLE), "--pair", "IND-BLR", "--published", "2024-03-14",
                 "--out", str(read_only / "drafts" / "x")]) == 1
    _one_line(capsys, "out", read_only)
    assert sorted(p.name for p in read_only.iterdir()) == before


@pytest.mark.parametrize("into", ["india-belarus", "new-dataset"])
def test_accept_into(read_only, draft, capsys, into):
    target = read_only / into
    assert main(["accept", str(draft), "--into", str(target)]) == 1
    _one_line(capsys, "into", target if target.exists() else read_only)


def test_import_out(read_only, capsys):
    rda = sorted((ROOT / "data" / "unga").glob("*.rda"))
    assert main(["import", "unvotes", *map(str, rda), "--out", str(read_only / "votes")]) == 1
    _one_line(capsys, "out", read_only)
    assert not (read_only / "votes").exists()
