"""The profile chart: mastery per section (bars), score over time, and a small
reliability chart (stated confidence against the share of strong answers).

Drawn with matplotlib's object API on the Agg canvas (no pyplot state, so it is safe in a
worker thread: adapters call ``render_chart`` through ``asyncio.to_thread``), on the same
soft light panel as the math images so it reads on dark and light themes.
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.profile.profile import Profile

PANEL = "#f2f3f5"
INK = "#1e1f22"
ACCENT = "#5865f2"
SIZE = (10.5, 3.4)  # inches; at DPI: 1050 x 340 px
DPI = 100


def _style(ax, title: str) -> None:
    ax.set_facecolor(PANEL)
    ax.set_title(title, color=INK, fontsize=11, loc="left")
    ax.tick_params(colors=INK, labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _mastery(ax, profile: Profile) -> None:
    _style(ax, "Mastery per section")
    rows = profile.mastery[::-1]
    labels = [m.section.capitalize() for m in rows]
    ax.barh(labels, [100 * m.mastery for m in rows], color=ACCENT)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% (best grades, 30-day half-life)", color=INK, fontsize=8)


def _history(ax, profile: Profile) -> None:
    _style(ax, "Score over time")
    if not profile.history:
        ax.text(0.5, 0.5, "no answers yet", ha="center", va="center", color=INK,
                transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_ylim(0, 100)
        return
    xs = list(range(1, len(profile.history) + 1))
    ys = [score for _, score in profile.history]
    ax.scatter(xs, ys, s=12, color=ACCENT, alpha=0.6)
    window = 5
    mean = [sum(ys[max(0, i - window + 1): i + 1]) / len(ys[max(0, i - window + 1): i + 1])
            for i in range(len(ys))]
    ax.plot(xs, mean, color=INK, linewidth=1.5, label=f"mean of last {window}")
    ax.axhline(75, color="#57f287", linewidth=0.8, linestyle="--")
    ax.set_ylim(0, 100)
    ax.set_xlabel(f"answers ({profile.history[0][0]:%d %b} – {profile.history[-1][0]:%d %b})",
                  color=INK, fontsize=8)
    ax.legend(fontsize=7, loc="lower right", frameon=False)


def _reliability(ax, profile: Profile) -> None:
    _style(ax, "Calibration")
    ax.plot([0, 1], [0, 1], color="#99aab5", linewidth=1, linestyle="--")
    ax.set_xlim(0.4, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("stated confidence", color=INK, fontsize=8)
    ax.set_ylabel("share strong", color=INK, fontsize=8)
    cal = profile.calibration
    if not cal.bins:
        ax.text(0.7, 0.5, "no confidence\ngiven yet", ha="center", va="center", color=INK,
                fontsize=8)
        return
    sizes = [20 + 8 * b.count for b in cal.bins]
    ax.scatter([b.confidence for b in cal.bins], [b.observed for b in cal.bins], s=sizes,
               color=ACCENT, zorder=3)
    ax.text(0.42, 0.92, f"Brier {cal.brier:.3f}", color=INK, fontsize=8)


def render_chart(profile: Profile) -> bytes:
    """A PNG of the three panels (blocking: call it off the event loop)."""
    figure = Figure(figsize=SIZE, dpi=DPI, facecolor=PANEL)
    FigureCanvasAgg(figure)
    grid = figure.add_gridspec(1, 3, width_ratios=[1.15, 1.5, 0.85], wspace=0.35)
    _mastery(figure.add_subplot(grid[0]), profile)
    _history(figure.add_subplot(grid[1]), profile)
    _reliability(figure.add_subplot(grid[2]), profile)
    figure.suptitle(f"Viva · {profile.name}", color=INK, fontsize=12, x=0.01, ha="left")
    figure.subplots_adjust(left=0.1, right=0.98, top=0.8, bottom=0.18)
    out = io.BytesIO()
    figure.savefig(out, format="png", facecolor=PANEL)
    return out.getvalue()
