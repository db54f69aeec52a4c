"""``proof``: under every listing a page shows, the tests that checked it, from the test run.

``make test`` runs the unit tier under coverage.py with one *context* per test
(``pytest --cov --cov-context=test``), which records, for every line of the library, the
tests that executed it. At the start of a build this extension reads that record
(``_build/proof/.coverage``) and reduces it to a summary (``_build/proof/summary.json``,
rewritten only when it changes, so that pages are re-read only then): for every function
and class of ``mlcheatsheet/``, the tests that ran a line of its body. ``libcode`` then puts
a folded line under each listing — *Checked by 12 tests: finite differences, scikit-learn
oracle, bad input, page examples* — that opens onto the list of those tests, each linked to
its source, which the build shows at ``_tests/<file>.html``.

What a test is, is read from the run and from its source, never typed:

- **finite differences**: the test ran ``tests/_gradcheck.py`` (coverage says so);
- **<library> oracle**: the test function uses a name imported from SciPy, scikit-learn or
  SymPy (its source says so);
- **property-based**: it is a Hypothesis ``@given`` test; **bad input**: it uses
  ``pytest.raises``; **golden value**: its name says it is worked by hand (``golden``,
  ``by_hand``, ``worked``, ``exact``) or it computes in exact ``Fraction`` arithmetic;
- **page example** / **docstring example**: a doctest of a page or of a docstring.

With a record present, a listing of a function that no test ran is an error: the build
fails. Without one (a plain ``sphinx-build`` before any test run), or with one older than a
library or test file (its line numbers no longer hold), listings carry no line.
"""

import ast
import html
import json
import re
from collections import defaultdict
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

PACKAGE = "mlcheatsheet"
GRADCHECK = "tests/_gradcheck.py"
ORACLES = {"scipy": "SciPy", "sklearn": "scikit-learn", "sympy": "SymPy",
           "skimage": "scikit-image", "statsmodels": "statsmodels"}
GOLDEN = re.compile(r"golden|by_hand|worked|exact|hand_")
STRENGTH = ["finite differences", *(f"{library} oracle" for library in ORACLES.values()),
            "property-based", "golden value", "bad input", "unit test", "page example",
            "docstring example"]
SHOWN = 12  # tests listed under a listing; the rest are counted
TESTS_DIR = "_tests"  # where the build shows the test files' source


# --- from the coverage record to a summary ---------------------------------------------------

def definitions(text):
    """``{qualname: lines}`` for every function, method and class in a module's source: the
    lines of its body after the docstring (what runs when it is called).

    >>> src = 'def f(x):\\n    "doc"\\n    return x\\n\\nclass A:\\n    def g(self):\\n        pass\\n'
    >>> {k: sorted(v) for k, v in definitions(src).items()}
    {'f': [3], 'A': [6, 7], 'A.g': [7]}
    """
    found = {}

    def visit(scope, prefix):
        for node in getattr(scope, "body", []):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = prefix + node.name
                body = node.body
                if (body and isinstance(body[0], ast.Expr)
                        and isinstance(getattr(body[0], "value", None), ast.Constant)
                        and isinstance(body[0].value.value, str)):
                    body = body[1:]
                found[name] = set(range(body[0].lineno, node.end_lineno + 1)) if body else set()
                visit(node, name + ".")

    visit(ast.parse(text), "")
    return found


def test_id(context):
    """The test a coverage context names, without its phase and parameters.

    >>> test_id("tests/a/test_b.py::test_c[0-1]|run")
    'tests/a/test_b.py::test_c'
    >>> test_id("docs/a/b.md::line:12,column:1|run")
    'docs/a/b.md::line:12,column:1'
    """
    name = context.rsplit("|", 1)[0]
    return name.split("[", 1)[0] if name.startswith("tests/") else name


def _imported_libraries(tree):
    """``{name: library}`` for the names a test module binds to an oracle library (ORACLES)."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                if top in ORACLES:
                    names[(alias.asname or alias.name).split(".")[0]] = ORACLES[top]
        elif isinstance(node, ast.ImportFrom) and node.module:
            top = node.module.split(".")[0]
            if top in ORACLES:
                for alias in node.names:
                    names[alias.asname or alias.name] = ORACLES[top]
    return names


def test_functions(text):
    """``{name: (line, kinds)}`` for the test functions of a test module, with the kinds its
    source shows (oracles, property-based, bad input, golden value).

    >>> src = ('import scipy.special as sp\\nfrom hypothesis import given\\nimport pytest\\n'
    ...        '@given(x=None)\\ndef test_a(x):\\n    assert sp.expit(x)\\n'
    ...        'def test_golden_step():\\n    with pytest.raises(ValueError):\\n        f()\\n')
    >>> test_functions(src)
    {'test_a': (5, ['SciPy oracle', 'property-based']), 'test_golden_step': (7, ['golden value', 'bad input'])}
    """
    tree = ast.parse(text)
    libraries = _imported_libraries(tree)
    found = {}
    for node in ast.walk(tree):
        if not (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                and node.name.startswith("test")):
            continue
        used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        local = _imported_libraries(node)
        kinds = sorted({f"{lib} oracle" for name, lib in {**libraries, **local}.items()
                        if name in used or name in local})
        decorators = [ast.unparse(d) for d in node.decorator_list]
        if any(d.startswith(("given", "hypothesis.given")) for d in decorators):
            kinds.append("property-based")
        if GOLDEN.search(node.name) or "Fraction" in used:
            kinds.append("golden value")
        if any(isinstance(n, ast.Attribute) and n.attr == "raises" for n in ast.walk(node)):
            kinds.append("bad input")
        found[node.name] = (node.lineno, kinds)
    return found


def summarize(data_file, root):
    """The summary of a coverage record: ``{"objects": {"module.py::qualname": [test ids]},
    "tests": {test id: {"file", "line", "kinds"}}}``, paths relative to ``root``."""
    from coverage import CoverageData

    root = Path(root).resolve()
    data = CoverageData(basename=str(data_file))
    data.read()
    by_file = {}
    for measured in data.measured_files():
        path = Path(measured).resolve()
        try:
            rel = path.relative_to(root).as_posix()
        except ValueError:
            continue
        by_file[rel] = data.contexts_by_lineno(measured)

    gradient_checked = {test_id(c) for contexts in by_file.get(GRADCHECK, {}).values()
                        for c in contexts if c}
    objects, tests = {}, {}
    sources = {}
    for rel, lines in sorted(by_file.items()):
        if not rel.startswith(PACKAGE + "/"):
            continue
        for qualname, body in definitions((root / rel).read_text(encoding="utf-8")).items():
            ran = {test_id(c) for line in body for c in lines.get(line, ()) if c}
            if ran:
                objects[f"{rel}::{qualname}"] = sorted(ran)
                tests.update({t: None for t in ran if t not in tests})
    for test in tests:
        file, _, name = test.partition("::")
        kinds, line = [], 1
        if file.startswith("tests/"):
            if file not in sources:
                sources[file] = test_functions((root / file).read_text(encoding="utf-8"))
            line, kinds = sources[file].get(name, (1, []))
            kinds = list(kinds)
            if test in gradient_checked:
                kinds.insert(0, "finite differences")
            kinds = kinds or ["unit test"]
        elif file.endswith(".md"):
            kinds = ["page example"]
        else:
            kinds = ["docstring example"]
        tests[test] = {"file": file, "line": line, "kinds": kinds}
    return {"objects": objects, "tests": tests}


NO_RECORD = {"objects": None, "tests": {}}  # the summary when there is no usable record


def _newer_sources(root, since):
    """The first library or test file edited after ``since`` (a stale record), or None."""
    for folder in (PACKAGE, "tests"):
        for path in (root / folder).rglob("*.py"):
            if path.stat().st_mtime > since:
                return path.relative_to(root).as_posix()
    return None


def _write_if_changed(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def summary_path(app_or_root):
    root = Path(app_or_root.srcdir).parent if hasattr(app_or_root, "srcdir") else app_or_root
    return Path(root) / "_build" / "proof" / "summary.json"


def _on_builder_inited(app):
    root = Path(app.srcdir).parent
    record = root / "_build" / "proof" / ".coverage"
    target = summary_path(app)
    stale = record.is_file() and _newer_sources(root, record.stat().st_mtime)
    if not record.is_file() or stale:
        # Kept, not deleted: the pages depend on this file, so the build after the next test
        # run (make html, then make test) sees it change and re-reads them.
        _write_if_changed(target, json.dumps(NO_RECORD))
        target.with_suffix(".record").unlink(missing_ok=True)
        logger.info("proof: %s; listings carry no 'Checked by' line (make test writes it)",
                    f"{stale} changed since the test record" if stale
                    else f"no test record at {record}")
        return
    # Summarizing takes ~2 s; a rebuild with the same record (a no-op build) skips it.
    stamp, seen = target.with_suffix(".record"), _record_key(record)
    if target.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == seen:
        return
    _write_if_changed(target, json.dumps(summarize(record, root), indent=0, sort_keys=True))
    stamp.write_text(seen, encoding="utf-8")


def _record_key(record):
    """What identifies one coverage record: its modification time and size."""
    st = record.stat()
    return f"{st.st_mtime_ns} {st.st_size}"


# --- under a listing -------------------------------------------------------------------------

_loaded = {}


def load(path):
    """The summary at ``path`` (read once per process), or None."""
    key = str(path)
    if key not in _loaded:
        _loaded[key] = (json.loads(Path(path).read_text(encoding="utf-8"))
                        if Path(path).is_file() else None)
    return _loaded[key]


def kinds_in_order(kinds):
    """Distinct kinds, strongest first.

    >>> kinds_in_order(["bad input", "finite differences", "bad input", "page example"])
    ['finite differences', 'bad input', 'page example']
    """
    return sorted(set(kinds), key=STRENGTH.index)


def test_url(docname, test, info):
    """Where a test is shown, relative to the page ``docname`` (None: nowhere)."""
    up = "../" * docname.count("/")
    file = info["file"]
    if file.startswith("tests/"):
        return f"{up}{TESTS_DIR}/{file[len('tests/'):-3]}.html#L-{info['line']}"
    if file.endswith(".md"):
        return f"{up}{file[len('docs/'):-3]}.html"
    module = file[:-3].replace("/", ".")
    if any(part.startswith("_") for part in module.split(".")):
        return None  # a private module (mlcheatsheet._validation) has no API page
    dotted = test.partition("::")[2]
    rel = module.split(".", 1)[1].replace(".", "/")
    public = dotted.split(".")
    while len(public) > module.count(".") + 1 and public[-1].startswith("_"):
        public.pop()  # a private member: its public owner's entry
    anchor = ".".join(public)
    if anchor == module:  # the module's docstring, or a private function: the module's entry
        anchor = f"module-{module}"
    return f"{up}reference/api/{rel}.html#{anchor}"


def _label(test, info):
    file, _, name = test.partition("::")
    if file.startswith("tests/"):
        return f"{Path(file).name}::{name}"
    if file.endswith(".md"):
        return f"the examples of {file[len('docs/'):]}"
    return f"the docstring of {name}"


def render(summary, key, docname, own_test_file):
    """The HTML under a listing of ``key`` (``module.py::qualname``), or None when no test
    ran it. The tests of the topic's own test file come first."""
    ran = summary["objects"].get(key)
    if not ran:
        return None
    tests = summary["tests"]

    def order(test):
        info = tests[test]
        return (info["file"] != own_test_file,
                min(STRENGTH.index(k) for k in info["kinds"]), test)

    ran = sorted(ran, key=order)
    kinds = kinds_in_order([k for t in ran for k in tests[t]["kinds"]])
    count = f"{len(ran)} test" + ("s" if len(ran) != 1 else "")
    def item(test):
        label = f"<code>{html.escape(_label(test, tests[test]))}</code>"
        url = test_url(docname, test, tests[test])
        if url is not None:
            label = f'<a href="{html.escape(url)}">{label}</a>'
        kinds = html.escape(", ".join(tests[test]["kinds"]))
        return f'<li>{label} <span class="proof-kinds">{kinds}</span></li>'

    items = "".join(item(t) for t in ran[:SHOWN])
    more = (f"<li>and {len(ran) - SHOWN} more</li>" if len(ran) > SHOWN else "")
    return (f'<details class="proof"><summary>Checked by {count}: '
            f'{html.escape(", ".join(kinds))}</summary><ul>{items}{more}</ul></details>')


# --- the test files, shown by the site -------------------------------------------------------

def _on_collect_pages(app):
    summary = load(summary_path(app))
    if summary is None or summary["objects"] is None:
        return
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    root = Path(app.srcdir).parent
    files = sorted({i["file"] for i in summary["tests"].values()
                    if i["file"].startswith("tests/")})
    formatter = HtmlFormatter(lineanchors="L", linenos="inline", cssclass="highlight")
    for file in files:
        code = highlight((root / file).read_text(encoding="utf-8"), PythonLexer(), formatter)
        body = (f"<h1>{html.escape(file)}</h1>\n<p>The test file as <code>make test</code> "
                f"runs it; the listings of the pages link here to the tests that checked "
                f"them.</p>\n<div class=\"highlight-python notranslate\">{code}</div>")
        yield (f"{TESTS_DIR}/{file[len('tests/'):-3]}",
               {"title": file, "body": body, "parents": []}, "page.html")


def setup(app):
    app.connect("builder-inited", _on_builder_inited)
    app.connect("html-collect-pages", _on_collect_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
