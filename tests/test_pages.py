"""Rules every page and gallery script follows (checked on the sources, no build needed)."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md")
               if not {"auto_examples", "_build", "_static"} & set(p.parts))
SCRIPTS = sorted((ROOT / "gallery").rglob("plot_*.py"))
STUBS = re.compile(r"Be the first to contribute|Contribute a definition|\bTODO\b|\bFIXME\b|Pro 1|Con 1")
FENCED_DOCTEST = re.compile(r"^```python\n>>> ", re.MULTILINE)


def test_there_are_pages_and_scripts():
    assert len(PAGES) >= 3 and len(SCRIPTS) >= 4


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_page_rules(page):
    text = page.read_text(encoding="utf-8")
    assert not STUBS.search(text), "stub marker or TODO left in the page"
    assert FENCED_DOCTEST.search(text), "every page carries a ```python block of >>> doctests"
    assert not re.search(r">>> .*\n```", text), "leave a blank line before a doctest's closing fence"
    if "{code-cell}" in text:
        assert text.startswith("---\nfile_format: mystnb\nkernelspec: {name: python3, "
                               "display_name: Python 3, language: python}\n---\n")
    if page.name != "index.md":
        assert re.search(r"^\(([\w-]+)\)=\n# ", text, re.MULTILINE), "a (label)= before the title"
    assert "literalinclude" not in text or ":pyobject:" in text, "library code is included, not retyped"
    assert "np.random.seed" not in text and "np.random.rand" not in text, "use np.random.default_rng"
    for cell in re.findall(r"```\{code-cell\}.*?\n```", text, re.DOTALL):
        if "plt.show()" in cell:
            assert re.search(r"^mystnb:\n  image:\n    alt: \S", cell, re.MULTILINE), \
                f"a figure cell needs alt text (mystnb: image: alt:):\n{cell[:200]}"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_gallery_script_rules(script):
    text = script.read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(text))
    title, underline = doc.splitlines()[:2]
    assert title.strip() and set(underline) == {"="} and len(underline) >= len(title)
    assert text.startswith('r"""\n'), "raw docstring first"
    assert "# %%" in text and text.rstrip().endswith("plt.show()")
    assert not STUBS.search(text)
    assert not re.search(r"np\.random\.(seed|rand|randn|normal|uniform)\(", text), \
        "randomness goes through np.random.default_rng(seed)"
    assert not re.search(r"savefig|to_csv|open\(.+['\"]w", text), "gallery scripts write nothing"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_gallery_script_runs_and_writes_nothing(script, tmp_path):
    env = dict(os.environ, MPLBACKEND="agg", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-W", "error", str(script)], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []
