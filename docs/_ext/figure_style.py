"""One figure style for the whole site, and the rules every figure must pass.

The style is ``docs/_ext/matplotlib/matplotlibrc``. It reaches

* the Jupyter kernels that execute the pages through ``MATPLOTLIBRC`` (set in
  ``conf.py``), with :func:`install_kernel` run at kernel start-up
  (``PYTHONSTARTUP``, see ``kernel_startup.py``);
* the gallery examples through sphinx-gallery's ``reset_modules``
  (:func:`reset_gallery`, run before every example);
* the unit tests that run the gallery scripts (:func:`run_script`).

Every figure the build saves is first checked by :func:`figure_problems`; a figure
that breaks a rule fails its cell or example, so it fails the build:

* at most two panels side by side (a phone shows one column of a page);
* no text smaller than ``MIN_TEXT_PX`` CSS pixels once the image is scaled to the
  page's content column (``COLUMN_PX``);
* no legend drawn over data (points of lines, markers, bars under the legend's box).

Saved PNGs carry the size of their smallest text (``min-font-pt``) so that the
browser tests can measure the text size a reader actually sees.
"""

import functools
import os
import runpy
from pathlib import Path

RCFILE = Path(__file__).parent / "matplotlib" / "matplotlibrc"
COLUMN_PX = 736  # furo's content column on a desktop, in CSS pixels (46em at 16 px)
MIN_TEXT_PX = 10.0
MAX_PANELS_PER_ROW = 2


class FigureRuleError(ValueError):
    """A figure breaks one of the site's figure rules."""


def apply_style():
    import matplotlib

    matplotlib.rc_file(RCFILE)


# --- the rules ---------------------------------------------------------------------------------

def _is_panel(ax):
    """A main plotting area: not a colour bar, not hidden, not an inset of another axes."""
    if not ax.get_visible() or getattr(ax, "_colorbar", None) is not None:
        return False
    return ax.get_label() != "<colorbar>"


def _panels_per_row(fig):
    boxes = [ax.get_position() for ax in fig.axes if _is_panel(ax)]
    # insets (inside another panel) do not count as panels
    boxes = [b for b in boxes if not any(o is not b and o.x0 <= b.x0 and b.x1 <= o.x1 and
                                         o.y0 <= b.y0 and b.y1 <= o.y1 for o in boxes)]
    most = 0
    for box in boxes:
        row = [o for o in boxes
               if min(box.y1, o.y1) - max(box.y0, o.y0) > 0.5 * min(box.height, o.height)]
        most = max(most, len(row))
    return most


def _texts(fig):
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        if text.get_visible() and text.get_text().strip() and text.get_alpha() != 0:
            if text.axes is None or text.axes.get_visible():
                yield text


def min_font_pt(fig):
    return min((t.get_fontsize() for t in _texts(fig)), default=None)


def shown_px_per_pt(fig, column_px=COLUMN_PX):
    """CSS pixels per typographic point once the saved image fills at most the column."""
    width_in = fig.get_figwidth()
    return min(fig.dpi / 72, column_px / (width_in * 72))


def _data_points(ax):
    """Display coordinates of what an axes shows as data (lines, markers, bars)."""
    import numpy as np
    from matplotlib.collections import PathCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    points = []
    for artist in ax.get_children():
        if not isinstance(artist, (Line2D, PathCollection, Rectangle)) or not artist.get_visible():
            continue
        if isinstance(artist, Line2D) and artist.get_transform() == ax.transData:
            xy = np.column_stack(artist.get_data()).astype(float)
            xy = xy[np.isfinite(xy).all(axis=1)]
            if len(xy) > 1 and artist.get_linestyle() not in ("None", "", " "):
                t = np.linspace(0, 1, 20)[:, None, None]  # points along every segment
                xy = (xy[:-1] * (1 - t) + xy[1:] * t).reshape(-1, 2)
            if len(xy):
                points.append(ax.transData.transform(xy))
        elif isinstance(artist, PathCollection):
            offsets = np.asarray(artist.get_offsets(), dtype=float)
            if offsets.size and artist.get_offset_transform() == ax.transData:
                points.append(ax.transData.transform(offsets))
        elif isinstance(artist, Rectangle) and artist is not ax.patch:
            if artist.get_data_transform() == ax.transData and artist.get_height() != 0:
                x, y, w, h = artist.get_x(), artist.get_y(), artist.get_width(), artist.get_height()
                u = np.linspace(0.1, 0.9, 5)  # a grid over the bar's face
                grid = np.array([[x + a * w, y + b * h] for a in u for b in u])
                points.append(ax.transData.transform(grid))
    return np.concatenate(points) if points else np.empty((0, 2))


def _legend_over_data(fig, renderer):
    import numpy as np

    problems = []
    legends = [(ax, ax.get_legend()) for ax in fig.axes if ax.get_legend() is not None]
    legends += [(None, legend) for legend in fig.legends]
    for ax, legend in legends:
        if not legend.get_visible():
            continue
        box = legend.get_window_extent(renderer).expanded(0.98, 0.96)
        owners = [ax] if ax is not None else [a for a in fig.axes if _is_panel(a)]
        for owner in owners:
            xy = _data_points(owner)
            inside = ((xy[:, 0] > box.x0) & (xy[:, 0] < box.x1) &
                      (xy[:, 1] > box.y0) & (xy[:, 1] < box.y1))
            clip = owner.get_window_extent(renderer)
            inside &= ((xy[:, 0] >= clip.x0) & (xy[:, 0] <= clip.x1) &
                       (xy[:, 1] >= clip.y0) & (xy[:, 1] <= clip.y1))
            if np.any(inside):
                title = owner.get_title() or owner.get_ylabel() or "a panel"
                problems.append(f"the legend covers {int(inside.sum())} data point(s) of "
                                f"{title!r}: move it outside the axes or to an empty corner")
    return problems


def figure_problems(fig, column_px=COLUMN_PX):
    """What is wrong with ``fig`` by the site's rules (an empty list when nothing is)."""
    problems = []
    fig.draw_without_rendering()  # tick labels, legend positions ("best") exist after a draw
    panels = _panels_per_row(fig)
    if panels > MAX_PANELS_PER_ROW:
        problems.append(f"{panels} panels side by side; at most {MAX_PANELS_PER_ROW} per row "
                        "(stack the rest below)")
    scale = shown_px_per_pt(fig, column_px)
    small = sorted({(round(t.get_fontsize() * scale, 1), t.get_text()[:30]) for t in _texts(fig)
                    if t.get_fontsize() * scale < MIN_TEXT_PX})
    if small:
        problems.append(f"text shown at {small[0][0]} px (< {MIN_TEXT_PX:g} px) at the "
                        f"{column_px} px column, e.g. {small[0][1]!r}: the figure is "
                        f"{fig.get_figwidth():g} in wide; make it narrower or the text larger")
    problems += _legend_over_data(fig, fig.canvas.get_renderer())
    return problems


def check_figure(fig):
    problems = figure_problems(fig)
    if problems:
        label = fig.get_suptitle() or (fig.axes[0].get_title() if fig.axes else "") or "a figure"
        raise FigureRuleError(f"{label!r} breaks the site's figure rules (docs/_ext/"
                              "figure_style.py):\n  - " + "\n  - ".join(problems))


def check_open_figures():
    import matplotlib.pyplot as plt

    for number in plt.get_fignums():
        check_figure(plt.figure(number))


# --- installing it -----------------------------------------------------------------------------

def _install_print_hook():
    """Every saved figure is checked first and records its smallest font size."""
    from matplotlib.backend_bases import FigureCanvasBase

    original = FigureCanvasBase.print_figure
    if getattr(original, "_mlcheatsheet", False):
        return

    @functools.wraps(original)
    def print_figure(self, filename, *args, **kwargs):
        check_figure(self.figure)
        fmt = kwargs.get("format") or (Path(str(filename)).suffix.lstrip(".") if
                                       isinstance(filename, (str, os.PathLike)) else "png")
        smallest = min_font_pt(self.figure)
        if fmt == "png" and smallest is not None:
            kwargs["metadata"] = {**(kwargs.get("metadata") or {}),
                                  "min-font-pt": f"{smallest:g}"}
        return original(self, filename, *args, **kwargs)

    print_figure._mlcheatsheet = True
    FigureCanvasBase.print_figure = print_figure


def install_kernel():
    """Run at the start of every kernel that executes a page."""
    import matplotlib_inline.backend_inline as inline

    apply_style()
    _install_print_hook()
    original = inline.show

    def show(close=None, block=None):
        check_open_figures()  # raised here, the error fails the page's cell (and the build)
        return original(close=close, block=block)

    # the backend keeps its state on the function (flush_figures reads these)
    show._draw_called, show._to_draw = original._draw_called, original._to_draw
    inline.show = show
    # importing the backend above already switched pyplot to it, copying the old show
    import matplotlib.pyplot as plt

    if plt.get_backend().endswith("backend_inline"):
        plt._get_backend_mod().show = show


def reset_gallery(gallery_conf, fname):
    """sphinx-gallery ``reset_modules`` entry: the site style before every example."""
    apply_style()
    _install_print_hook()


def run_script(path):
    """Run a gallery script as the build does (style, rules), with a non-interactive backend."""
    import matplotlib

    matplotlib.use("agg")
    apply_style()
    _install_print_hook()
    runpy.run_path(str(path), run_name="__main__")
    check_open_figures()
