"""Where a pair's figures come from, decided once: straight from an importer's intact store
where its own queries vouch for them (``store.summary``), else from the pair's loaded rows
(``figures.summary.build``, the reference definition)."""
from __future__ import annotations

from . import store
from .dataset.load import for_pair as rows_for_pair, missing_pair
from .figures import summary as figures_summary
from .store import engines, summary as store_summary


def summary(p) -> dict:
    """The figures of checked parameters ``p`` (``params.check``): straight from an
    importer's intact store where it vouches for them, else from the loaded dataset."""
    engine, master = getattr(p, "engine", "duckdb"), getattr(p, "spark_master", None)
    if store.is_store(p.data):
        with engines.session_for(engine, master):  # on Spark: one session for every read
            if not store.pair_has_rows(p.data, p.pair, engine, master):
                raise missing_pair(p.data, p.pair_text, store.pairs_present(p.data, engine, master))
            figures = store_summary.build(p.data, p.pair, p.start, p.end, p.as_of, min_sources=p.min_sources,
                                          engine=engine, master=master)
            if figures is not None:
                return figures
            rows = rows_for_pair(p.data, p.pair_text, p.min_sources, engine, master)
        return figures_summary.build(rows, p.pair, p.start, p.end, p.as_of)
    return figures_summary.build(rows_for_pair(p.data, p.pair_text, p.min_sources), p.pair, p.start, p.end, p.as_of)
