import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parents[1]
# Figures are tested on a frozen copy of the two-article dataset (tests/fixtures/README.md),
# made the session's default dataset before the library is imported: data/ may grow.
CURATED = Path(__file__).resolve().parent / "fixtures" / "india-belarus"
os.environ["BILATERAL_DATASET"] = str(CURATED)


@pytest.fixture
def curated_path() -> Path:
    return CURATED
