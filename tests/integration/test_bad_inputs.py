"""The bad-input corpus (tests/bad_inputs/): every case through the command line gives
exit 1, its exact line, no traceback, and writes nothing; odd-but-valid inputs load.

The cases run the command's dispatcher in this process (``cli_main``: the function the
console script calls); the smoke tests at the end run the installed console script on a
bad file, a bad parameter and --help, proving it behaves as the dispatcher does.
The parameter messages the command checks before reading anything are checked once,
in tests/unit/test_params.py; the parameter cases here are those that need the command."""
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
def test_bad_dataset(case, tmp_path, cli_main):
    ds = dataset_for(case, tmp_path)
    out = tmp_path / "out"
    expected = (CORPUS / case / "expected").read_text(encoding="utf-8").strip().replace("{dataset}", str(ds))
    code, stdout, err = cli_main("render", "--pair", "IND-BLR", "--data", str(ds), "--out", str(out))
    assert code == 1
    assert err.splitlines() == [expected, "bilateral: error: the dataset is invalid (1 problem)"], err
    assert "Traceback" not in err
    assert tree(out) == {} and tree(tmp_path / "reports") == {}


@pytest.mark.parametrize("case", PARAM_CASES)
def test_bad_parameters(case, tmp_path, cli_main):
    folder = CORPUS / case
    out = tmp_path / "out"
    args = [a.replace("{case}", str(folder)).replace("{out}", str(out))
            for a in (folder / "args").read_text(encoding="utf-8").splitlines()]
    expected = (folder / "expected").read_text(encoding="utf-8").strip().replace("{case}", str(folder))
    before = tree(folder)
    code, _, err = cli_main(*args)
    assert code == 1
    assert err.strip().splitlines() == [expected]
    assert "Traceback" not in err
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


# --------------------------------------------------------------------------- #
# The installed console script behaves as the dispatcher the cases above call
# --------------------------------------------------------------------------- #
def test_the_console_script_names_a_bad_file_as_the_dispatcher_does(tmp_path, cli_main):
    ds = dataset_for("date-feb-30", tmp_path)
    args = ("render", "--pair", "IND-BLR", "--data", str(ds), "--out", str(tmp_path / "out"))
    code, out, err = run_cli(*args)
    assert (code, out, err) == cli_main(*args)
    assert code == 1 and f"{ds}/events.csv:4:2: '2024-02-30' is not a date: February 2024 has 29 days" in err
    assert "Traceback" not in err and tree(tmp_path / "out") == {}


def test_the_console_script_names_a_bad_parameter_as_the_dispatcher_does(tmp_path, cli_main):
    args = ("summary", "--pair", "IND-PAK", "--json")
    code, out, err = run_cli(*args)
    assert (code, out, err) == cli_main(*args)
    assert code == 1 and out == ""
    assert err == ("bilateral: error: parameter 'pair': tests/fixtures/india-belarus holds no rows of IND-PAK; "
                   "the pairs it holds: IND-BLR\n")


def test_the_console_script_help_and_a_usage_error(cli_main):
    code, out, err = run_cli("--help")
    assert (code, out, err) == cli_main("--help")
    assert code == 0 and err == "" and out.startswith("usage: bilateral")
    for command in ("render", "batch", "summary", "import", "validate", "pairs", "votes"):
        assert command in out
    code, out, err = run_cli("render", "--pair", "IND-BLR", "--colour", "red")
    assert (code, out, err) == cli_main("render", "--pair", "IND-BLR", "--colour", "red")
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert "unrecognized arguments: --colour red" in err and "Traceback" not in err
