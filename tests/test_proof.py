"""The "Checked by" line under listings (docs/_ext/proof.py): read from a coverage record."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
proof = pytest.importorskip("proof")
coverage = pytest.importorskip("coverage")

MODULE = '''\
from .._validation import validate


@validate()
def square(x):
    """The square.

    >>> square(3)
    9
    """
    return x * x


def untested(x):
    return -x
'''

TESTS = '''\
import scipy.special as sp
from fractions import Fraction
from _gradcheck import numerical_gradient
import pytest


def test_square_by_finite_differences():
    assert numerical_gradient(square, 1.0)


def test_square_against_scipy():
    assert sp.expit(0) == 0.5


def test_square_golden_value():
    assert square(Fraction(1, 2)) == Fraction(1, 4)


def test_bad_input():
    with pytest.raises(TypeError):
        square("x")
'''


@pytest.fixture
def record(tmp_path):
    """A project with one module and its tests, and a coverage record of a made-up run: each
    test ran the lines it would have run."""
    (tmp_path / "mlcheatsheet" / "toy").mkdir(parents=True)
    module = tmp_path / "mlcheatsheet" / "toy" / "shapes.py"
    module.write_text(MODULE)
    (tmp_path / "tests" / "toy").mkdir(parents=True)
    (tmp_path / "tests" / "toy" / "test_shapes.py").write_text(TESTS)
    gradcheck = tmp_path / "tests" / "_gradcheck.py"
    gradcheck.write_text("def numerical_gradient(f, x):\n    return f(x)\n")
    body = MODULE.splitlines().index("    return x * x") + 1
    untested = MODULE.splitlines().index("    return -x") + 1
    data = coverage.CoverageData(basename=str(tmp_path / ".coverage"))
    runs = {
        "tests/toy/test_shapes.py::test_square_by_finite_differences|run":
            {str(module): [body], str(gradcheck): [2]},
        "tests/toy/test_shapes.py::test_square_against_scipy|run": {str(module): [body]},
        "tests/toy/test_shapes.py::test_square_golden_value[half]|run": {str(module): [body]},
        "tests/toy/test_shapes.py::test_square_golden_value[third]|run": {str(module): [body]},
        "tests/toy/test_shapes.py::test_bad_input|run": {str(module): [4]},  # refused early
        "mlcheatsheet/toy/shapes.py::mlcheatsheet.toy.shapes.square|run": {str(module): [body]},
        "docs/toy/shapes.md::line:20,column:1|run": {str(module): [body]},
        "": {str(module): [untested]},  # at import time: no test
    }
    for context, lines in runs.items():
        data.set_context(context)
        data.add_lines(lines)
    data.write()
    return tmp_path


def test_each_function_gets_the_tests_that_ran_its_body(record):
    summary = proof.summarize(record / ".coverage", record)
    ran = summary["objects"]["mlcheatsheet/toy/shapes.py::square"]
    assert ran == sorted([
        "tests/toy/test_shapes.py::test_square_by_finite_differences",
        "tests/toy/test_shapes.py::test_square_against_scipy",
        "tests/toy/test_shapes.py::test_square_golden_value",  # two cases, one test
        "mlcheatsheet/toy/shapes.py::mlcheatsheet.toy.shapes.square",
        "docs/toy/shapes.md::line:20,column:1"])
    # a line run outside any test (the context "") is no check; the decorator line is no body
    assert "mlcheatsheet/toy/shapes.py::untested" not in summary["objects"]


def test_what_a_test_is_comes_from_the_run_and_its_source(record):
    tests = proof.summarize(record / ".coverage", record)["tests"]
    kinds = {name.rsplit("::", 1)[-1]: info["kinds"] for name, info in tests.items()}
    assert kinds["test_square_by_finite_differences"] == ["finite differences"]  # ran _gradcheck
    assert kinds["test_square_against_scipy"] == ["SciPy oracle"]
    assert kinds["test_square_golden_value"] == ["golden value"]
    assert kinds["mlcheatsheet.toy.shapes.square"] == ["docstring example"]
    assert kinds["line:20,column:1"] == ["page example"]
    assert tests["tests/toy/test_shapes.py::test_square_against_scipy"]["line"] == \
        TESTS.splitlines().index("def test_square_against_scipy():") + 1


def test_the_line_under_a_listing_counts_names_and_links_the_tests(record):
    summary = proof.summarize(record / ".coverage", record)
    shown = proof.render(summary, "mlcheatsheet/toy/shapes.py::square", "toy/shapes",
                         "tests/toy/test_shapes.py")
    assert shown.startswith('<details class="proof"><summary>Checked by 5 tests: finite '
                            'differences, SciPy oracle, golden value, page example, docstring '
                            'example</summary>')
    line = TESTS.splitlines().index("def test_square_by_finite_differences():") + 1
    first = shown.index("<li>")
    assert shown[first:].startswith(f'<li><a href="../_tests/toy/test_shapes.html#L-{line}">')
    assert 'href="../toy/shapes.html"' in shown  # the page's own examples
    assert 'href="../reference/api/toy/shapes.html#mlcheatsheet.toy.shapes.square"' in shown
    module_doc = {"file": "mlcheatsheet/toy/shapes.py", "line": 1, "kinds": ["docstring example"]}
    assert proof.test_url("toy/shapes", "mlcheatsheet/toy/shapes.py::mlcheatsheet.toy.shapes",
                          module_doc) == "../reference/api/toy/shapes.html#module-mlcheatsheet.toy.shapes"
    assert proof.test_url("toy/shapes", "mlcheatsheet/_validation.py::mlcheatsheet._validation.f",
                          module_doc | {"file": "mlcheatsheet/_validation.py"}) is None
    # a private function has no entry of its own: the module's
    assert proof.test_url("toy/shapes", "mlcheatsheet/toy/shapes.py::mlcheatsheet.toy.shapes._f",
                          module_doc) == "../reference/api/toy/shapes.html#module-mlcheatsheet.toy.shapes"
    assert proof.render(summary, "mlcheatsheet/toy/shapes.py::untested", "toy/shapes",
                        "tests/toy/test_shapes.py") is None


def test_many_tests_are_counted_not_all_listed():
    tests = {f"tests/t.py::test_{i:02d}": {"file": "tests/t.py", "line": i, "kinds": ["unit test"]}
             for i in range(proof.SHOWN + 3)}
    summary = {"objects": {"m.py::f": sorted(tests)}, "tests": tests}
    shown = proof.render(summary, "m.py::f", "index", "tests/t.py")
    assert shown.count("<li><a ") == proof.SHOWN and "<li>and 3 more</li>" in shown
    assert f"Checked by {proof.SHOWN + 3} tests: unit test" in shown


def test_a_record_older_than_the_code_is_not_used(record):
    import os

    stamp = (record / ".coverage").stat().st_mtime
    assert proof._newer_sources(record, stamp + 10) is None
    os.utime(record / "mlcheatsheet" / "toy" / "shapes.py", (stamp + 20, stamp + 20))
    assert proof._newer_sources(record, stamp + 10) == "mlcheatsheet/toy/shapes.py"


def test_without_a_record_the_summary_says_so_and_stays_put(tmp_path):
    """The summary file exists either way, so that pages built before a test run depend on it
    and are re-read once the run writes a record (make html, then make test)."""

    class App:
        srcdir = str(tmp_path / "docs")

    (tmp_path / "docs").mkdir()
    (tmp_path / "mlcheatsheet").mkdir()
    (tmp_path / "tests").mkdir()
    proof._on_builder_inited(App())
    target = proof.summary_path(App())
    assert json.loads(target.read_text()) == proof.NO_RECORD
    stamp = target.stat().st_mtime_ns
    proof._on_builder_inited(App())
    assert target.stat().st_mtime_ns == stamp  # unchanged: no page is re-read for nothing


def test_the_same_record_is_summarized_once(record, monkeypatch):
    """A rebuild with an unchanged record (a no-op build) does not summarize it again."""

    class App:
        srcdir = str(record / "docs")

    (record / "docs").mkdir()
    (record / "_build" / "proof").mkdir(parents=True)
    (record / ".coverage").rename(record / "_build" / "proof" / ".coverage")
    calls = []
    real = proof.summarize
    monkeypatch.setattr(proof, "summarize", lambda *a: calls.append(a) or real(*a))
    proof._on_builder_inited(App())
    proof._on_builder_inited(App())
    assert len(calls) == 1
    summary = json.loads(proof.summary_path(App()).read_text())
    assert "mlcheatsheet/toy/shapes.py::square" in summary["objects"]


def test_every_oracle_library_is_recognised_by_what_a_test_imports():
    import ast

    source = ("import statsmodels.api as sm\nfrom skimage.feature import hog\n"
              "from sklearn import tree\nimport sympy\nfrom scipy import stats\nimport numpy\n")
    assert proof._imported_libraries(ast.parse(source)) == {
        "sm": "statsmodels", "hog": "scikit-image", "tree": "scikit-learn", "sympy": "SymPy",
        "stats": "SciPy"}
