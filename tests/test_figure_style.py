"""The site's figure style and figure rules (docs/_ext/figure_style.py)."""

import io
import subprocess
import sys
from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
from PIL import Image  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
figure_style = pytest.importorskip("figure_style")


@pytest.fixture(autouse=True)
def site_style():
    with matplotlib.rc_context():
        figure_style.apply_style()
        yield
    plt.close("all")


def _line(ax, n=50):
    x = np.linspace(0, 1, n)
    ax.plot(x, x, label="rising")
    ax.plot(x, 1 - x, label="falling")


def test_the_style_file_sets_the_site_look():
    assert matplotlib.rcParams["savefig.dpi"] == 200  # 2x the CSS pixels it is shown at
    assert matplotlib.rcParams["font.size"] == 11
    assert not matplotlib.rcParams["axes.spines.top"]


def test_a_clean_two_panel_figure_passes():
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.5))
    for ax in axes:
        _line(ax)
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside upper center", ncols=2)
    assert figure_style.figure_problems(fig) == []


def test_three_panels_side_by_side_are_refused():
    fig, axes = plt.subplots(1, 3, figsize=(9, 3))
    problems = figure_style.figure_problems(fig)
    assert any("3 panels side by side" in p for p in problems)


def test_a_two_by_two_grid_and_colour_bars_and_insets_count_as_two_per_row():
    fig, axes = plt.subplots(2, 2, figsize=(8, 7))
    image = axes[0, 0].imshow(np.eye(3))
    fig.colorbar(image, ax=axes[0, 0])
    axes[1, 1].inset_axes([0.6, 0.6, 0.3, 0.3])
    assert figure_style._panels_per_row(fig) == 2


def test_text_too_small_at_the_column_width_is_refused():
    # 10.5-point tick labels on a 14-inch figure are shown at 10.5 * 736 / (14 * 72) = 7.7 px
    fig, ax = plt.subplots(figsize=(14, 4))
    _line(ax)
    problems = figure_style.figure_problems(fig)
    assert any("7.7 px" in p for p in problems), problems
    fig.set_figwidth(7)
    assert not any("px" in p for p in figure_style.figure_problems(fig))


def test_a_legend_over_the_data_is_refused_and_one_in_an_empty_corner_is_not():
    fig, ax = plt.subplots()
    x = np.linspace(0, 1, 50)
    ax.plot(x, np.full_like(x, 0.5), label="flat")
    ax.set_ylim(0, 1)
    ax.legend(loc="center")
    assert any("legend covers" in p for p in figure_style.figure_problems(fig))
    ax.legend(loc="upper right")
    assert figure_style.figure_problems(fig) == []


def test_a_legend_over_scatter_points_or_bars_is_refused():
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.5))
    left.scatter([0.5], [0.5], label="point")
    left.set(xlim=(0, 1), ylim=(0, 1))
    left.legend(loc="center")
    right.bar([0, 1, 2], [1, 1, 1], label="bars")
    right.legend(loc="lower center")
    problems = figure_style.figure_problems(fig)
    assert sum("legend covers" in p for p in problems) == 2, problems


def test_saving_a_broken_figure_fails_and_a_good_one_records_its_smallest_font():
    figure_style._install_print_hook()
    fig, axes = plt.subplots(1, 3)
    with pytest.raises(figure_style.FigureRuleError, match="at most 2 per row"):
        fig.savefig(io.BytesIO(), format="png")
    fig, ax = plt.subplots()
    _line(ax)
    ax.set_title("a title", fontsize=14)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    image = Image.open(buffer)
    assert image.text["min-font-pt"] == "10.5"  # the tick labels (rc), smaller than the title
    assert round(image.info["dpi"][0]) == 200


def test_a_gallery_script_that_breaks_a_rule_fails_when_run_as_the_build_runs_it(tmp_path):
    script = tmp_path / "plot_bad.py"
    script.write_text("import matplotlib.pyplot as plt\nfig, axes = plt.subplots(1, 4)\nplt.show()\n")
    runner = ("import sys; sys.path.insert(0, sys.argv[1]); import figure_style; "
              "figure_style.run_script(sys.argv[2])")
    result = subprocess.run([sys.executable, "-c", runner, str(ROOT / "docs" / "_ext"), str(script)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode != 0
    assert "4 panels side by side" in result.stderr


def test_page_kernels_draw_in_the_site_style_and_fail_a_cell_whose_figure_breaks_a_rule():
    """As conf.py starts them: MATPLOTLIBRC and PYTHONSTARTUP (docs/_ext/kernel_startup.py)."""
    import os

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    env = {"MATPLOTLIBRC": str(ROOT / "docs" / "_ext" / "matplotlib"),
           "PYTHONSTARTUP": str(ROOT / "docs" / "_ext" / "kernel_startup.py"),
           "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    good = ("import matplotlib, matplotlib.pyplot as plt\nprint(matplotlib.rcParams['savefig.dpi'])\n"
            "fig, ax = plt.subplots(); ax.plot([1, 2]); plt.show()")
    bad = "fig, axes = plt.subplots(1, 3); plt.show()"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(good),
                                               nbformat.v4.new_code_cell(bad)])
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        with pytest.raises(CellExecutionError, match="3 panels side by side"):
            NotebookClient(notebook, kernel_name="python3", timeout=60).execute()
    finally:
        for key, value in saved.items():
            os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)
    outputs = notebook.cells[0].outputs
    assert outputs[0]["text"].strip() == "200.0"
    assert any(o.output_type == "display_data" and "image/png" in o.data for o in outputs)
