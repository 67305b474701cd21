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


@pytest.mark.parametrize("command", [["votes"], ["render"], ["summary", "--json"]])
def test_one_message_for_a_code_that_is_no_country(command, capsys, tmp_path):
    assert main([command[0], "--pair", "XXX-IND", *command[1:]] + (["--out", str(tmp_path)] if command == ["render"] else [])) == 1
    assert capsys.readouterr().err.strip() == ("bilateral: error: parameter 'pair': 'XXX' is not an ISO 3166-1 "
                                               "alpha-3 country code")


def test_every_committed_notebook_is_valid_nbformat_4_5():
    import nbformat

    from bilateral import paths

    notebooks = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    assert len(notebooks) >= 2
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        assert (nb.nbformat, nb.nbformat_minor) >= (4, 5), path.name
        nbformat.validate(nb)  # raises on a cell id in a 4.4 notebook, or any other schema error
