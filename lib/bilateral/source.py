"""Where a pair's figures come from, decided once: straight from an importer's intact store
where its own queries vouch for them (``store.summary``), else from the pair's loaded rows
(``figures.summary.build``, the reference definition); its UN General Assembly figures from
the briefing's store of votes (``votes_summary``)."""
from __future__ import annotations

from . import store
from .dataset.load import for_pair as rows_for_pair, missing_pair
from .figures import summary as figures_summary


def summary(p) -> dict:
    """The figures of checked parameters ``p`` (``params.check``): straight from an
    importer's intact store where it vouches for them, else from the loaded dataset."""
    if store.is_store(p.data):
        from .store import engines, summary as store_summary  # Ibis: only for a store

        with engines.open(p.engine, p.spark_master) as s:  # one session for every read of the store
            if not store.pair_has_rows(p.data, p.pair, s):
                raise missing_pair(p.data, p.pair_text, store.pairs_present(p.data, s))
            figures = store_summary.build(p.data, p.pair, p.start, p.end, p.as_of, min_sources=p.min_sources,
                                          engine=s)
            if figures is not None:
                return figures
            rows = rows_for_pair(p.data, p.pair_text, p.min_sources, s)
        return figures_summary.build(rows, p.pair, p.start, p.end, p.as_of)
    return figures_summary.build(rows_for_pair(p.data, p.pair_text, p.min_sources), p.pair, p.start, p.end, p.as_of)


def votes_summary(pair, end: str, votes) -> dict | None:
    """The pair's UN General Assembly figures for the briefing's default window (ten years
    with votes up to the summary's ``end``), shaped as votes.schema.json but for the pair
    (the summary names it once, at its top); None without a store of votes (``votes``: the
    checked parameter, ``params.check``). The summary (``bilateral summary --json``) and the
    sidecar carry them, so editions compare them."""
    if votes is None:
        return None
    from .store import votes as votes_store

    with votes_store.open(votes) as s:
        return s.summary_figures(pair, end)
