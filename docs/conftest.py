"""Run the doctests written in the pages: `pytest docs/basics/linear_regression.md`.

Sybil collects the ``>>>`` examples of fenced ```python blocks (one namespace per
page). Code cells (``{code-cell}``) are not collected here: the site build runs
them, and a failing cell fails the build.
"""

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.evaluators.doctest import NUMBER
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser

pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE | NUMBER),
             SkipParser()],
    patterns=["*.md"],
    excludes=["auto_examples/*", "reference/api/*"],  # generated at build time
).pytest()
