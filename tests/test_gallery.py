"""Every gallery script runs as the build runs it, and writes nothing (a file of its own, so
that under `--dist loadfile` these runs share the cores with the page rules of test_pages.py)."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted((ROOT / "gallery").rglob("plot_*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_gallery_script_runs_and_writes_nothing(script, tmp_path, monkeypatch):
    """Runs as the build runs it (the site's figure style, its figure rules checked), with
    every warning an error, in this process: a fresh interpreter per script spent more time
    importing NumPy, Matplotlib and scikit-learn than running the script."""
    import warnings

    import matplotlib
    import matplotlib.pyplot as plt

    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    import figure_style

    monkeypatch.chdir(tmp_path)
    try:
        with matplotlib.rc_context(), warnings.catch_warnings():
            warnings.simplefilter("error")
            figure_style.run_script(script)
    finally:
        plt.close("all")
        sys.path.remove(str(ROOT / "docs" / "_ext"))
    assert list(tmp_path.iterdir()) == []
