"""What every section is computed from: the dataset, the pair, the window and the summary figures."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from .. import engagement
from ..dataset import Dataset
from ..engagement import Window
from ..names import country_name
from .text import day_text, number


@dataclass
class Inputs:
    ds: Dataset
    pair: tuple[str, str]
    window: Window
    summary: dict
    min_sources: int = 0

    @cached_property
    def names(self) -> dict[str, str]:
        return {c: country_name(c) for c in self.pair}

    @property
    def title(self) -> str:
        a, b = self.pair
        return f"{self.names[a]}–{self.names[b]} relations"

    @property
    def source_line(self) -> str:
        n = len(self.ds.sources)
        return (f"{self.ds.path.name} dataset ({number(n, 'source')}); "
                f"bilateral, as of {day_text(self.window.as_of)}")

    @cached_property
    def pair_events(self) -> pd.DataFrame:
        return engagement.timeline(self.ds.events, self.pair, self.window)

    def position(self, position_id):
        """The row of positions.csv with this id, or None."""
        if position_id is None or (not isinstance(position_id, str) and pd.isna(position_id)):
            return None
        return self.ds.positions.loc[self.ds.positions["position_id"] == position_id].iloc[0]
