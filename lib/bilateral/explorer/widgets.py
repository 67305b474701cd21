"""The explorer at the top of ``notebooks/explore.ipynb``: pick a dataset, a pair and a
window with ipywidgets, see the headline figures, the briefing's charts and the window's
events; click a figure to see the rows it counts, with their quotes and source links;
render the briefing for the selection in the background.

The figures are ``summary.build``'s (``source.summary`` on a store): the numbers
``bilateral summary --json`` prints for the same selection. Which rows a figure counts,
and the options of the controls, are plain functions in ``drilldown``. Without a widget
frontend (nbconvert, papermill, a notebook viewer) the same display carries a static
HTML copy of the figures, charts and table.
"""
from __future__ import annotations

import datetime as dt
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import drilldown
from .. import paths, store
from ..dataset.load import Dataset, facts_as_of, for_pair, load, pairs_present, restrict_to_pair, with_min_sources
from ..figures.engagement import Window
from ..errors import BilateralError

RENDER_STEPS = 4  # render's "[1/4]" to "[4/4]"


def _templates():
    from ..html import environment

    return environment("explorer", strict=False, trim=False)


@dataclass
class Selection:
    """The figures and rows of one selection of the controls."""
    data: Path
    pair: tuple[str, str]
    rows: Dataset
    window: Window
    summary: dict
    min_sources: int
    votes: Path | None = None  # the store of UN votes a render of the selection reads (params.check)


def pair_rows(full: Dataset, pair: tuple[str, str], min_sources: int = 0) -> Dataset:
    """A loaded curated dataset as ``dataset.for_pair`` gives it for one pair, without loading it again."""
    return with_min_sources(restrict_to_pair(full, pair), min_sources)


class Data:
    """Datasets loaded once per folder (reloaded when a file in it changes)."""

    def __init__(self):
        self._loaded: dict = {}

    @staticmethod
    def _stamp(folder: Path) -> tuple:
        return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()))

    def _cached(self, key, folder: Path, make):
        stamp = self._stamp(folder)
        hit = self._loaded.get(key)
        if hit is None or hit[0] != stamp:
            hit = (stamp, make())
            self._loaded[key] = hit
        return hit[1]

    def pairs(self, folder: Path) -> list[str]:
        if store.is_store(folder):
            return self._cached(("pairs", folder), folder, lambda: store.pairs_present(folder))
        return pairs_present(self._cached(("full", folder), folder, lambda: load(folder)))

    def select(self, data, pair, start=None, end=None, as_of=None, min_sources=0) -> Selection:
        """Check the selection as the command line does and compute its figures (raises BilateralError)."""
        from ..briefing import params
        from .. import source
        from ..figures import summary

        p = params.check(pair, start, end, as_of, data, min_sources)
        folder = Path(p.data)
        if store.is_store(folder):
            figures = source.summary(p)
            rows = self._cached(("rows", folder, p.pair_text, p.min_sources), folder,
                                lambda: for_pair(folder, p.pair_text, p.min_sources))
        else:
            rows = self._cached(("rows", folder, p.pair_text, p.min_sources), folder, lambda: pair_rows(
                self._cached(("full", folder), folder, lambda: load(folder)), p.pair, p.min_sources))
            figures = summary.build(rows, p.pair, p.start, p.end, p.as_of)
        day = dt.date.fromisoformat
        window = Window(day(figures["start"]), day(figures["end"]), day(figures["as_of"]))
        return Selection(folder, p.pair, facts_as_of(rows, window.as_of), window, figures, p.min_sources, p.votes)


def charts_html(sel: Selection) -> str:
    """The briefing's house-style charts for the selection (the briefing's own chart sections)."""
    from ..briefing.notebook import Briefing

    b = Briefing(sel.rows, sel.pair, sel.window, sel.summary, sel.min_sources)
    parts = [b.timeline_chart(), b.frequency_chart(), b.visits_chart(), b.topics_chart()]
    if sel.rows.machine_coded:
        parts.append(b.cooperation_chart())
    return "\n".join(part.data for part in parts if part.data)


ROW_LIMIT = 300  # a store's window can hold thousands of events: the table shows the first ones


def rows_html(sel: Selection, caption: str, kind: str = "all", value: str = "") -> str:
    frame = drilldown.rows_for(sel.rows.events, sel.rows.positions, sel.pair, sel.window, kind, value)
    rows = drilldown.table_rows(frame.head(ROW_LIMIT), sel.rows.sources, sel.data, paths.NOTEBOOKS_DIR)
    return _templates().get_template("rows.html.j2").render(caption=caption, rows=rows, total=len(frame))


def status_html(sel: Selection | None, error: str | None = None) -> str:
    if sel is None:
        return _templates().get_template("status.html.j2").render(error=error)
    s = sel.summary
    return _templates().get_template("status.html.j2").render(
        title=s["pair"], start=s["start"], end=s["end"], as_of=s["as_of"], machine_coded=s["machine_coded"])


def static_html(sel: Selection) -> str:
    """Figures, charts and the window's events as one static HTML (no widgets needed)."""
    from markupsafe import Markup

    return _templates().get_template("static.html.j2").render(
        status=Markup(status_html(sel)), figures=drilldown.figure_list(sel.summary),
        charts=Markup(charts_html(sel)),  # the briefing's chart sections: escaped there
        rows=Markup(rows_html(sel, "The window's events")))


def _date_text(value) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


class Explorer:
    """The controls and views; ``display(Explorer())`` or leave it as a cell's last value."""

    def __init__(self, data=None, pair: str | None = None, start=None, end=None, as_of=None, min_sources: int = 0):
        import ipywidgets as w

        self.data = Data()
        self.options = drilldown.dataset_options()
        chosen = Path(data) if data else (self.options[0][1] if self.options else paths.DEFAULT_DATASET)
        if all(Path(f).resolve() != chosen.resolve() for _, f in self.options):
            self.options.insert(0, (drilldown.dataset_label(chosen), chosen))
        wide = w.Layout(width="auto")
        self.dataset = w.Dropdown(options=[(label, str(f)) for label, f in self.options], value=str(chosen),
                                  description="Dataset", layout=wide)
        self.pair = w.Dropdown(options=[], description="Pair", layout=wide)
        self.start = w.DatePicker(description="Start", value=_as_date(start))
        self.end = w.DatePicker(description="End", value=_as_date(end))
        self.as_of = w.DatePicker(description="As of", value=_as_date(as_of))
        self.min_sources = w.BoundedIntText(value=int(min_sources), min=0, max=10_000, description="Min sources")
        self.status = w.HTML()
        self.figures = w.VBox()
        self.charts = w.HTML()
        self.table = w.Output()
        self.show_all = w.Button(description="Show all events")
        self.render_button = w.Button(description="Render briefing", button_style="primary", icon="file")
        self.progress = w.IntProgress(value=0, min=0, max=RENDER_STEPS, description="Render")
        self.progress_text = w.Label()
        self.link = w.Output()
        for name in ("dataset", "pair", "start", "end", "as_of", "min_sources", "status", "figures", "charts",
                     "table", "show_all", "render_button", "progress", "link"):
            getattr(self, name).add_class(f"bilateral-{name.replace('_', '-')}")
        self.selection: Selection | None = None
        self.chosen = ("all", "", "The window's events")
        self._busy = False
        self._render_thread: threading.Thread | None = None
        self._fill_pairs(pair)
        self.dataset.observe(self._on_dataset, names="value")
        for control in (self.pair, self.start, self.end, self.as_of, self.min_sources):
            control.observe(lambda _change: self.refresh(), names="value")
        self.show_all.on_click(lambda _b: self.choose("all", "", "The window's events"))
        self.render_button.on_click(lambda _b: self.render())
        self.widget = w.VBox([
            w.HBox([self.dataset, self.pair, self.min_sources]),
            w.HBox([self.start, self.end, self.as_of]),
            self.status, self.figures, self.charts, self.show_all, self.table,
            w.HBox([self.render_button, self.progress, self.progress_text]), self.link,
        ])
        self.widget.add_class("bilateral-explorer")
        self.refresh()

    # -- controls -------------------------------------------------------------
    def _fill_pairs(self, wanted: str | None = None) -> None:
        folder = Path(self.dataset.value)
        self.min_sources.layout.display = None if store.is_store(folder) else "none"
        try:
            options = drilldown.pair_options(self.data.pairs(folder))
        except BilateralError as exc:
            options, self._error = [], str(exc)
        self._busy = True
        try:
            self.pair.options = options
            values = [v for _, v in options]
            self.pair.value = wanted if wanted in values else (values[0] if values else None)
        finally:
            self._busy = False

    def _on_dataset(self, _change) -> None:
        self._fill_pairs()
        self.refresh()

    def refresh(self) -> None:
        """Recompute the figures, charts and table for the controls' values."""
        if self._busy:
            return
        import ipywidgets as w

        if self.pair.value is None:
            self.selection = None
            self.status.value = status_html(None, getattr(self, "_error", "the dataset holds no pairs"))
            return
        try:
            self.selection = self.data.select(self.dataset.value, self.pair.value, _date_text(self.start.value),
                                              _date_text(self.end.value), _date_text(self.as_of.value),
                                              self.min_sources.value if store.is_store(Path(self.dataset.value)) else 0)
        except BilateralError as exc:
            self.selection = None
            self.status.value = status_html(None, str(exc))
            self.figures.children, self.charts.value = (), ""
            self.table.outputs = ()
            return
        sel = self.selection
        self.status.value = status_html(sel)
        groups: dict[str, list] = {}
        for fig in drilldown.figure_list(sel.summary):
            button = w.Button(description=f"{fig.label}: {fig.value}", tooltip=fig.key,
                              layout=w.Layout(width="auto"))
            button.add_class("bilateral-figure")
            button.on_click(lambda _b, f=fig: self.choose(f.kind, f.value_key, f"{f.group}: {f.label}"))
            groups.setdefault(fig.group, []).append(button)
        self.figures.children = [w.HBox([w.Label(group, layout=w.Layout(width="150px")), *buttons],
                                        layout=w.Layout(flex_flow="row wrap"))
                                 for group, buttons in groups.items()]
        self.charts.value = charts_html(sel)
        self.choose("all", "", "The window's events")

    def choose(self, kind: str, value: str = "", caption: str = "") -> None:
        """Show the rows a figure counts (``all``: the window's events)."""
        self.chosen = (kind, value, caption)
        if self.selection is None:
            return
        self.table.outputs = (_html_output(rows_html(self.selection, caption or kind, kind, value)),)

    # -- render ---------------------------------------------------------------
    def render(self, wait: bool = False) -> threading.Thread | None:
        """Render the briefing of the selection in a background thread (the command line's render)."""
        if self.selection is None or (self._render_thread and self._render_thread.is_alive()):
            return None
        s, sel = self.selection.summary, self.selection
        args = dict(pair=s["pair"], start=s["start"], end=s["end"], as_of=s["as_of"], data=str(sel.data),
                    min_sources=sel.min_sources, votes=sel.votes)
        self.render_button.disabled = True
        self.progress.value, self.progress_text.value = 0, "starting"
        self.link.outputs = ()
        self._render_thread = threading.Thread(target=self._render, args=(args,), daemon=True)
        self._render_thread.start()
        if wait:
            self._render_thread.join()
        return self._render_thread

    def _step(self, message: str) -> None:
        if message.startswith("[") and "/" in message[:6]:
            self.progress.value = int(message[1])
        self.progress_text.value = message

    def _render(self, args: dict) -> None:
        from ..render.plan import render

        template = _templates().get_template("link.html.j2")
        try:
            result = render(**args, progress=self._step)
            html_file = result.files["html"]
            href = Path(os.path.relpath(html_file, paths.NOTEBOOKS_DIR)).as_posix()
            self.progress.value, self.progress_text.value = RENDER_STEPS, "done"
            page = template.render(href=href, name=html_file.name, skipped=result.skipped)
        except Exception as exc:  # noqa: BLE001 - shown beside the button, the explorer stays usable
            self.progress_text.value = "failed"
            page = template.render(error=" ".join(str(exc).split()) or type(exc).__name__)
        finally:
            self.render_button.disabled = False
        self.link.outputs = (_html_output(page),)

    # -- display --------------------------------------------------------------
    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        if self.selection is not None:  # what a frontend without widgets shows
            bundle = {**bundle, "text/html": static_html(self.selection)}
        return bundle


def _html_output(html: str) -> dict:
    """An Output widget's display: its HTML goes through the notebook's renderer, so
    relative links (a source document, the rendered briefing) resolve from the notebook."""
    return {"output_type": "display_data", "data": {"text/html": html, "text/plain": "(HTML)"}, "metadata": {}}


def _as_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def explore(**kwargs) -> Explorer:
    """The explorer, for a notebook cell: ``explore()`` (keyword arguments: see ``Explorer``)."""
    return Explorer(**kwargs)
