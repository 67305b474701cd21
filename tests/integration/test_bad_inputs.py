"""The bad-input corpus (tests/bad_inputs/): every case through the command line gives
exit 1, its exact line, no traceback, and writes nothing; odd-but-valid inputs load."""
import shutil
from pathlib import Path

import pytest
from conftest import run_cli, tree

from bilateral import load

CORPUS = Path(__file__).resolve().parents[1] / "bad_inputs"
BIG = "@@10MB@@"
DATA_CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "files").is_dir() and not p.name.startswith("ok-"))
PARAM_CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "args").is_file())
OK_CASES = sorted(p.name for p in CORPUS.iterdir() if p.name.startswith("ok-"))


def dataset_for(case: str, tmp_path: Path) -> Path:
    ds = tmp_path / "ds"
    shutil.copytree(CORPUS / "_base", ds)
    for f in (CORPUS / case / "files").rglob("*"):
        if f.is_dir():
            continue
        rel = f.relative_to(CORPUS / case / "files")
        if rel.name.endswith(".delete"):
            (ds / rel.with_name(rel.name[: -len(".delete")])).unlink()
            continue
        data = f.read_bytes()
        if BIG.encode() in data:
            data = data.replace(BIG.encode(), b"x" * 10_000_000)
        (ds / rel).write_bytes(data)
    return ds


def test_the_corpus_is_large_enough():
    assert len(DATA_CASES) + len(PARAM_CASES) >= 40 and len(OK_CASES) >= 5


@pytest.mark.parametrize("case", DATA_CASES)
def test_bad_dataset(case, tmp_path):
    ds = dataset_for(case, tmp_path)
    out = tmp_path / "out"
    expected = (CORPUS / case / "expected").read_text(encoding="utf-8").strip().replace("{dataset}", str(ds))
    code, stdout, err = run_cli("render", "--pair", "IND-BLR", "--data", str(ds), "--out", str(out))
    assert code == 1
    assert expected in err.splitlines(), err
    assert "Traceback" not in err
    assert tree(out) == {} and tree(tmp_path / "reports") == {}


@pytest.mark.parametrize("case", PARAM_CASES)
def test_bad_parameters(case, tmp_path):
    folder = CORPUS / case
    out = tmp_path / "out"
    args = [a.replace("{case}", str(folder)).replace("{out}", str(out))
            for a in (folder / "args").read_text(encoding="utf-8").splitlines()]
    expected = (folder / "expected").read_text(encoding="utf-8").strip().replace("{case}", str(folder))
    before = tree(folder)
    code, _, err = run_cli(*args)
    assert code == 1
    assert err.strip().splitlines() == [expected]
    assert tree(tmp_path / "reports") == {} and tree(out) == {} and tree(folder) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no import scratch left


@pytest.mark.parametrize("case", OK_CASES)
def test_odd_but_valid(case, tmp_path):
    ds = load(dataset_for(case, tmp_path))
    expected = (CORPUS / case / "expected").read_text(encoding="utf-8").rstrip("\n")
    key, value = expected.split("=", 1)
    if key.startswith("summary["):
        event = key[len("summary["):-1]
        got = ds.events.set_index("event_id").loc[event, "summary"].replace("\r\n", "\n")
        assert got == value.replace("\\n", "\n")
    else:
        assert str(len(getattr(ds, key))) == value
