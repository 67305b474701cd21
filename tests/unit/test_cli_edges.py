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
