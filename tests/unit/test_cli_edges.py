"""Edges of the command line that need no render: the version, and a batch's --jobs."""
import pytest

from bilateral import __version__
from bilateral.cli.main import main


def test_version_prints_the_package_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"bilateral {__version__}"


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_batch_refuses_fewer_than_one_job(jobs, capsys, tmp_path):
    assert main(["batch", "--pairs", "IND-BLR", "--jobs", jobs, "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == f"bilateral: error: parameter 'jobs': {jobs} must be 1 or more"
    assert not any(tmp_path.iterdir())  # nothing rendered, nothing written


@pytest.mark.parametrize("args, message", [
    (["--end", "2023-01-01"], "parameter 'end': 2023-01-01 is before the pair's first row (2024-01-19); the window "
                              "would hold none (give --start too for a window with no rows)"),
    (["--as-of", "2023-01-01"], "parameter 'as_of': 2023-01-01 is before the pair's first row (2024-01-19); the "
                                "window would hold none (give --start too for a window with no rows)"),
    (["--start", "2030-01-01"], "parameter 'start': 2030-01-01 is after the pair's last row (2024-03-13); the window "
                                "would hold none (give --end too for a window with no rows)"),
])
def test_a_window_that_misses_every_row_is_one_line_before_anything_runs(args, message, capsys, tmp_path):
    assert main(["render", "--pair", "IND-BLR", *args, "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == f"bilateral: error: {message}"
    assert not any(tmp_path.iterdir())


def test_a_window_given_at_both_ends_may_hold_no_rows(capsys):
    # A pair whose contacts stopped is still briefed: "none in this window, down from N".
    assert main(["summary", "--pair", "IND-BLR", "--start", "2030-01-01", "--end", "2030-12-31", "--json"]) == 0
    assert '"total": 0' in capsys.readouterr().out
