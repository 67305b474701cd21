import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parents[1]
CURATED = ROOT / "data" / "india-belarus"


@pytest.fixture
def curated_path() -> Path:
    return CURATED
