"""Every chart of the briefing, in one house style.

The house style: a title that states the finding, a source line under the chart,
the Okabe–Ito colour-blind-safe palette, DejaVu Sans, no chart junk. Each
function takes tidy tables from ``engagement``/``alignment`` and returns a
matplotlib Figure; ``to_html`` turns one into a self-contained SVG image with alt
text. Nothing here computes a figure: charts show what the analyses computed.
"""
from __future__ import annotations

import base64
import io
import textwrap

import matplotlib
import matplotlib.dates as mdates
import matplotlib.patches
from matplotlib.axes import Axes
import pandas as pd
from matplotlib.figure import Figure  # drawn without pyplot's state: works under any backend

from ..contract import vocab

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common
# form of colour-vision deficiency.
PALETTE = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
    "grey": "#8C8C8C", "light": "#E6E6E6",
}
SIDE_COLOURS = (PALETTE["blue"], PALETTE["orange"])

MARKERS = {
    "visit": "D", "meeting": "o", "call": "^", "negotiation": "s", "mechanism": "P",
    "agreement": "*", "ratification": "X", "statement": "v", "intent": "<", "other": ".",
}

WIDTH = 7.2  # inches: fits an A4 page with 18 mm margins at full width

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titlepad": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "axes.labelcolor": "#333333",
    "axes.grid": False,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "legend.frameon": False,
    "svg.fonttype": "none",       # text stays text: small files, fast PDFs, selectable and searchable
    "svg.hashsalt": "bilateral",  # stable element ids: the same input gives the same bytes
    "figure.dpi": 100,
}


NO_DATA = "No data: no file covers it"


def _no_data(ax, positions: list[float], flags: list[bool] | None, width: float = 0.8) -> None:
    """Hatch the periods no file covers, full height behind the bars: "no data", never 0."""
    first = True
    for x, flag in zip(positions, flags or []):
        if flag:
            ax.axvspan(x - width / 2, x + width / 2, facecolor="none", edgecolor=PALETTE["grey"], hatch="///",
                       linewidth=0, zorder=0, label=NO_DATA if first else None)
            first = False


def _figure(height: float) -> tuple[Figure, Axes]:
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(WIDTH, height))
        ax = fig.add_subplot()
    return fig, ax


def overflow(fig: Figure, artist) -> float:
    """How many pixels ``artist`` (a title, a legend) reaches past the figure's left or right edge."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    box = artist.get_window_extent(fig.canvas.get_renderer())
    return max(0.0, box.x1 - fig.bbox.x1, fig.bbox.x0 - box.x0)


def _fit_title(fig: Figure, ax, title: str, relayout) -> None:
    """Set the title, wrapped onto more lines only where one line would run past the figure's edge."""
    text = ax.set_title(title)  # the house style's left title (not ax.title, the centred one)
    relayout()
    width = len(title)
    while overflow(fig, text) > 0 and width > 24:
        width -= 4
        text = ax.set_title(textwrap.fill(title, width))
        relayout()


def _finish(fig: Figure, ax, title: str, source: str) -> Figure:
    with matplotlib.rc_context(STYLE):
        fig.text(0.01, 0.01, f"Source: {source}", fontsize=7, color="#555555", ha="left", va="bottom")
        _fit_title(fig, ax, title, lambda: fig.tight_layout(rect=(0, 0.05, 1, 1)))
    return fig


def svg_data_uri(fig: Figure) -> str:
    """The chart as an SVG ``data:`` URI: self-contained, no external load."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def to_html(fig: Figure, alt: str) -> str:
    """The chart as a ``<figure>`` holding its SVG, with alt text (the sections' template)."""
    from ..html import render

    return render("sections", "chart.html.j2", src=svg_data_uri(fig), alt=alt)


def show(fig: Figure, alt: str = ""):
    """Display a chart in JupyterLab exactly as the briefing shows it."""
    from IPython.display import HTML

    return HTML(to_html(fig, alt))


def timeline(events: pd.DataFrame, start, end, title: str, source: str, uncovered: list | None = None) -> Figure:
    """One lane per level (highest at the top), a marker per event type.

    Events ``part_of`` another are drawn hollow: shown, not counted. Stretches of the
    window no file covers (``uncovered``: ``(start, end)`` datetimes) are hatched as no data.
    """
    levels = [lv for lv in vocab.LEVELS if lv in set(events["level"])]
    # the event types of one day and lane, stacked across the lane's height (lanes grow to fit)
    offsets: dict = {}
    step = 0.3
    for (day, lv), types in events.groupby(["first_day", "level"], sort=True)["event_type"]:
        present = [t for t in vocab.EVENT_TYPES if t in set(types)]
        offsets[(day, lv)] = {t: (i - (len(present) - 1) / 2) * step for i, t in enumerate(present)}
    stacked = max((len(o) for o in offsets.values()), default=1)
    spacing = max(1.0, step * stacked + 0.2)
    fig, ax = _figure(1.2 + 0.45 * max(len(levels), 1) * spacing)
    lane = {lv: i * spacing for i, lv in enumerate(reversed(levels))}
    with matplotlib.rc_context(STYLE):
        for etype in vocab.EVENT_TYPES:
            sel = events[events["event_type"] == etype]
            if sel.empty:
                continue
            colour = PALETTE["blue"]
            for hollow in (False, True):
                part = sel[sel["counted"] != hollow] if "counted" in sel else sel
                if part.empty:
                    continue
                # one marker per day, lane and type, the count beside it when more than one;
                # the types of one day and lane side by side, not on top of each other
                groups = part.groupby([part["first_day"], part["level"]], sort=True).size()
                ys = [lane[lv] + offsets[(day, lv)][etype] for day, lv in groups.index]
                ax.scatter([day for day, _ in groups.index], ys,
                           marker=MARKERS[etype], s=60, zorder=3,
                           facecolors="white" if hollow else colour, edgecolors=colour,
                           linewidths=1.3,
                           label=vocab.EVENT_TYPES[etype] + (" (within another)" if hollow else ""))
                for ((day, _), n), y in zip(groups.items(), ys):
                    if n > 1:
                        ax.annotate(f"{n:,}", (day, y), xytext=(6, 0), textcoords="offset points", va="center",
                                    fontsize=7, color="#333333", zorder=4)
            # a bar for the days of a multi-day event (not for the span of a partial date)
            multi = sel[sel["end_date"].notna() & (sel["end_day"] > sel["first_day"])]
            for _, r in multi.iterrows():
                ax.plot([r["first_day"], r["end_day"]], [lane[r["level"]]] * 2, color=colour,
                        linewidth=3, alpha=0.5, solid_capstyle="round", zorder=2)
        for i, (a, b) in enumerate(uncovered or []):
            ax.axvspan(pd.Timestamp(a), pd.Timestamp(b), facecolor="none", edgecolor=PALETTE["grey"], hatch="///",
                       linewidth=0, zorder=0, label=NO_DATA if i == 0 else None)
        ax.set_yticks([lane[lv] for lv in reversed(levels)], [vocab.LEVELS[lv] for lv in reversed(levels)])
        ax.set_ylim(-0.7 * spacing, (len(levels) - 1) * spacing + 0.7 * spacing)
        pad = pd.Timedelta(days=max(2, (pd.Timestamp(end) - pd.Timestamp(start)).days // 40))
        ax.set_xlim(pd.Timestamp(start) - pad, pd.Timestamp(end) + pad)
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.grid(axis="x", color=PALETTE["light"], linewidth=0.8, zorder=0)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return _finish(fig, ax, title, source)


def frequency(periods: pd.DataFrame, previous_total: int | None, current_total: int,
              title: str, source: str, previous_label: str, no_data: list[bool] | None = None) -> Figure:
    """Engagements per period of the window, and the window against the previous one;
    periods no file covers (``no_data``) hatched as no data."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(WIDTH, 2.8))
        grid = fig.add_gridspec(1, 2, width_ratios=(4, 1.3), wspace=0.35)
        ax = fig.add_subplot(grid[0])
        labels = _period_labels(list(periods["period"]))
        xs = range(len(labels))  # positions, not categories: "Q2" recurs every year
        ax.bar(xs, periods["events"], color=PALETTE["blue"], width=0.7)
        _no_data(ax, list(xs), no_data)
        if no_data and any(no_data):
            ax.legend(loc="upper left", fontsize=7)
        ax.set_xticks(xs, labels)
        for x, v in zip(xs, periods["events"]):
            if v:
                ax.annotate(str(v), (x, v), ha="center", va="bottom", fontsize=8,
                            xytext=(0, 2), textcoords="offset points")
        ax.set_ylabel("Engagements")
        ax.yaxis.get_major_locator().set_params(integer=True)
        if len(periods) > 12:
            ax.tick_params(axis="x", labelsize=7)
            for i, tick in enumerate(ax.get_xticklabels()):
                tick.set_visible(i % max(1, len(periods) // 12) == 0)
        ax2 = fig.add_subplot(grid[1])
        labels = [previous_label, "This window"]
        values = [previous_total if previous_total is not None else 0, current_total]
        bars = ax2.bar(labels, values, color=[PALETTE["grey"], PALETTE["blue"]], width=0.6)
        if previous_total is None:
            bars[0].set_hatch("//")
            bars[0].set_facecolor("white")
            bars[0].set_edgecolor(PALETTE["grey"])
        for bar, v, known in zip(bars, values, (previous_total is not None, True)):
            ax2.annotate(str(v) if known else "not\ncovered", (bar.get_x() + bar.get_width() / 2, v),
                         ha="center", va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
        ax2.yaxis.get_major_locator().set_params(integer=True)
        ax2.set_ylim(0, max(values + [1]) * 1.3)
        ax2.tick_params(axis="x", labelsize=7)
        fig.text(0.01, 0.01, f"Source: {source}", fontsize=7, color="#555555", ha="left", va="bottom")
        _fit_title(fig, ax, title, lambda: fig.subplots_adjust(left=0.08, right=0.98,
                                                               top=0.85 - 0.07 * ax.get_title(loc="left").count("\n"),
                                                               bottom=0.25))
    return fig


def friction(periods: pd.DataFrame, title: str, source: str, no_data: list[bool] | None = None) -> Figure:
    """Engagements and friction (coded conflict: quad classes 3 and 4) per period, side by side."""
    fig, ax = _figure(2.6)
    with matplotlib.rc_context(STYLE):
        labels = _period_labels(list(periods["period"]))
        xs = list(range(len(labels)))
        for offset, column, colour, name in ((-0.2, "engagements", PALETTE["blue"], "Engagements (cooperation)"),
                                             (0.2, "friction", PALETTE["vermillion"], "Friction (conflict)")):
            ax.bar([x + offset for x in xs], periods[column], width=0.38, color=colour, label=name)
            for x, v in zip(xs, periods[column]):
                if v:
                    ax.annotate(f"{int(v):,}", (x + offset, v), ha="center", va="bottom", fontsize=7,
                                xytext=(0, 2), textcoords="offset points")
        _no_data(ax, xs, no_data)
        ax.set_xticks(xs, labels)
        if len(periods) > 12:
            ax.tick_params(axis="x", labelsize=7)
            for i, tick in enumerate(ax.get_xticklabels()):
                tick.set_visible(i % max(1, len(periods) // 12) == 0)
        ax.set_ylabel("Coded events")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_ylim(0, max(1, int(periods[["engagements", "friction"]].to_numpy().max())) * 1.45)
        ax.legend(loc="upper right", fontsize=8, ncols=2)
    return _finish(fig, ax, title, source)


def _period_labels(periods: list[str]) -> list[str]:
    """Quarters as "Q1" with the year under the first quarter shown of each year."""
    if not periods or "Q" not in periods[0]:
        return periods
    out, seen = [], set()
    for p in periods:
        year, q = p.split("Q")
        out.append(f"Q{q}\n{year}" if year not in seen else f"Q{q}")
        seen.add(year)
    return out


def visits(table: pd.DataFrame, names: dict[str, str], title: str, source: str) -> Figure:
    """Visits by direction: one bar per direction, both always drawn."""
    fig, ax = _figure(1.9)
    with matplotlib.rc_context(STYLE):
        labels = [f"{names[t]} → {names[h]}" for t, h in zip(table["traveller"], table["host"])]
        ax.barh(labels, table["visits"], color=list(SIDE_COLOURS)[: len(table)], height=0.55)
        for y, v in enumerate(table["visits"]):
            ax.annotate(str(int(v)), (v, y), va="center", xytext=(4, 0), textcoords="offset points", fontsize=9)
        ax.invert_yaxis()
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlim(0, max(int(table["visits"].max()), 1) * 1.2)
        ax.set_xlabel("Visits (traveller → host)")
    return _finish(fig, ax, title, source)


def topics_heat_strip(over_time: dict[str, dict[str, list[str]]], pair: tuple[str, str],
                      names: dict[str, str], title: str, source: str) -> Figure:
    """Topics (rows) by quarter (columns): which side took a position on each."""
    a, b = pair
    quarters = list(over_time)
    topics = [t for t in vocab.TOPICS if any(t in q[s] for q in over_time.values() for s in pair)]
    colours = {0: "white", 1: SIDE_COLOURS[0], 2: SIDE_COLOURS[1], 3: PALETTE["green"]}
    fig, ax = _figure(1.3 + 0.3 * max(len(topics), 1))
    with matplotlib.rc_context(STYLE):
        for y, topic in enumerate(topics):
            for x, q in enumerate(quarters):
                code = (1 if topic in over_time[q][a] else 0) + (2 if topic in over_time[q][b] else 0)
                ax.add_patch(matplotlib.patches.Rectangle((x - 0.45, y - 0.4), 0.9, 0.8,
                                                          facecolor=colours[code],
                                                          edgecolor=PALETTE["light"], linewidth=0.8))
        ax.set_xlim(-0.6, len(quarters) - 0.4)
        ax.set_ylim(len(topics) - 0.5, -0.5)
        if len(quarters) > 12:  # many quarters: name the year at each first quarter only
            ticks = [i for i, q in enumerate(quarters) if q.endswith("Q1") or i == 0]
            ax.set_xticks(ticks, [quarters[i][:4] for i in ticks], fontsize=8)
        else:
            ax.set_xticks(range(len(quarters)), _period_labels(quarters), fontsize=8)
        ax.set_yticks(range(len(topics)), [vocab.label(vocab.TOPICS, t) for t in topics])
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        handles = [matplotlib.patches.Patch(facecolor=colours[k], edgecolor=PALETTE["grey"], label=lab)
                   for k, lab in ((1, f"{names[a]} only"), (2, f"{names[b]} only"), (3, "Both sides"))]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return _finish(fig, ax, title, source)


def cooperation(monthly: pd.DataFrame, title: str, source: str, no_data: list[bool] | None = None) -> Figure:
    """Machine-coded data: mean Goldstein score per month, events behind each month as bars;
    months no file covers hatched as no data."""
    fig, ax = _figure(2.8)
    with matplotlib.rc_context(STYLE):
        ax.bar(range(len(monthly)), monthly["events"], color=PALETTE["light"], label="Events")
        _no_data(ax, list(range(len(monthly))), no_data)
        if no_data and any(no_data):
            ax.legend(loc="upper left", fontsize=7)
        ax.set_ylabel("Events")
        ax2 = ax.twinx()
        ax2.plot(range(len(monthly)), monthly["goldstein_mean"], color=PALETTE["vermillion"],
                 marker="o", markersize=3, label="Mean Goldstein score")
        ax2.axhline(0, color=PALETTE["grey"], linewidth=0.6)
        ax2.set_ylim(-10, 10)
        ax2.set_ylabel("Mean Goldstein score")
        ax2.spines["right"].set_visible(True)
        step = max(1, len(monthly) // 12)
        ax.set_xticks(range(0, len(monthly), step), list(monthly["month"])[::step], rotation=90, fontsize=7)
    return _finish(fig, ax, title, source)


def unga_agreement_by_year(years: pd.DataFrame, median: pd.DataFrame, window: tuple[int, int],
                           label: str, title: str, source: str) -> Figure:
    """UN General Assembly: the pair's share of identical votes per year (dots sized by
    the joint votes behind them) against the median of all pairs; the window shaded."""
    fig, ax = _figure(2.9)
    with matplotlib.rc_context(STYLE):
        ax.axvspan(window[0] - 0.5, window[1] + 0.5, color=PALETTE["light"], zorder=0, linewidth=0)
        ax.plot(median["year"], 100 * median["median"], color=PALETTE["grey"], linewidth=1.2, linestyle="--",
                label="Median of all pairs of states", zorder=2)
        shown = years[years["joint"] > 0]
        ax.plot(shown["year"], 100 * shown["agreement"], color=PALETTE["blue"], linewidth=1.4, zorder=3)
        ax.scatter(shown["year"], 100 * shown["agreement"], s=4 + shown["joint"] / 4, color=PALETTE["blue"],
                   zorder=4, label=label)  # dot area grows with the joint votes behind the year
        ax.set_ylim(0, 100)
        ax.set_ylabel("Identical votes (%)")
        lo = int(min(shown["year"].min(), median["year"].min())) if len(shown) else int(median["year"].min())
        ax.set_xlim(lo - 1, int(median["year"].max()) + 1)
        ax.grid(axis="y", color=PALETTE["light"], linewidth=0.8, zorder=0)
        ax.legend(loc="lower left", fontsize=8, ncols=2)
        ax.annotate("window", (window[0] - 0.5, 100), xytext=(2, -10), textcoords="offset points", fontsize=7,
                    color="#555555")
    return _finish(fig, ax, title, source)


def unga_agreement_by_issue(issues: pd.DataFrame, title: str, source: str) -> Figure:
    """UN General Assembly: identical votes per issue in the window and over the whole record
    (columns label, window, whole, window_joint; shares 0-1 or NaN)."""
    fig, ax = _figure(0.9 + 0.42 * len(issues))
    with matplotlib.rc_context(STYLE):
        ys = range(len(issues))
        h = 0.38
        ax.barh([y - h / 2 for y in ys], 100 * issues["window"].fillna(0), height=h, color=PALETTE["blue"],
                label="Window")
        ax.barh([y + h / 2 for y in ys], 100 * issues["whole"].fillna(0), height=h, color=PALETTE["sky"],
                label="Whole record")
        for y, (w, n) in enumerate(zip(issues["window"], issues["window_joint"])):
            text = f"{100 * w:.0f}% of {n}" if pd.notna(w) else "no joint vote"
            ax.annotate(text, (100 * (w if pd.notna(w) else 0), y - h / 2), va="center", xytext=(3, 0),
                        textcoords="offset points", fontsize=7)
        ax.set_yticks(list(ys), list(issues["label"]))
        ax.invert_yaxis()
        ax.set_xlim(0, 112)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_xlabel("Identical votes (%)")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
        # the issue labels push the axes right: the title starts at the figure's edge, not the axes'
        fig.suptitle(title, x=0.01, ha="left", fontsize=STYLE["axes.titlesize"], fontweight="bold")
        fig.text(0.01, 0.01, f"Source: {source}", fontsize=7, color="#555555", ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig
