"""The build's own machinery: stale-output protection (libdeps) and the libcode directive."""

import ast
import importlib
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
libdeps = pytest.importorskip("libdeps")
libcode = pytest.importorskip("libcode")


@pytest.fixture
def package(tmp_path):
    """A scratch copy of the library, safe to edit."""
    dest = tmp_path / "mlcheatsheet"
    shutil.copytree(ROOT / "mlcheatsheet", dest, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def test_closure_follows_relative_imports(package):
    deps = libdeps.LibraryDeps(package)
    names = {p.name for p in deps.closure("basics.linear_regression")}
    assert {"linear_regression.py", "gradient_descent.py", "_validation.py", "__init__.py"} <= names
    assert "datasets.py" not in names


def test_closure_follows_imports_across_sections(package):
    deps = libdeps.LibraryDeps(package)
    files = deps.closure("classification.logistic_regression")
    rel = {p.relative_to(package).as_posix() for p in files}
    assert {"classification/logistic_regression.py", "classification/__init__.py",
            "neural_networks/activations.py", "neural_networks/__init__.py",
            "basics/gradient_descent.py", "_validation.py", "__init__.py"} <= rel
    assert "optimization/optimizers.py" not in rel


@pytest.mark.parametrize("text", [
    "from mlcheatsheet.neural_networks import losses",
    "from mlcheatsheet.neural_networks.losses import huber",
    "import mlcheatsheet.neural_networks.losses as L",
    "```{libcode} mlcheatsheet.neural_networks.losses.huber\n```",
])
def test_every_way_of_naming_a_module_is_seen(package, text):
    deps = libdeps.LibraryDeps(package)
    rel = {p.relative_to(package).as_posix() for p in deps.files_used_by(text)}
    assert {"neural_networks/losses.py", "neural_networks/activations.py"} <= rel


def test_page_dependencies_include_the_data_it_loads(package):
    deps = libdeps.LibraryDeps(package)
    page = (ROOT / "docs" / "basics" / "linear_regression.md").read_text()
    names = {p.name for p in deps.files_used_by(page)}
    assert {"linear_regression.py", "datasets.py", "advertising.csv", "report.py"} <= names
    assert deps.files_used_by("no library here") == []


def test_fingerprint_changes_with_any_library_edit(package):
    deps = libdeps.LibraryDeps(package)
    before = deps.fingerprint()
    used = deps.files_used_by("from mlcheatsheet.basics import gradient_descent")
    before_used = deps.fingerprint(used)
    with open(package / "basics" / "gradient_descent.py", "a") as fh:
        fh.write("\n# edited\n")
    assert deps.fingerprint() != before
    assert deps.fingerprint(used) != before_used


def test_notebook_cache_folder_is_keyed_on_conf_only(package, tmp_path):
    conf = tmp_path / "conf.py"
    conf.write_text("x = 1\n")
    first = Path(libdeps.notebook_cache_path(tmp_path / "build", [conf]))
    first.mkdir(parents=True)
    (package / "report.py").write_text((package / "report.py").read_text() + "\n# edited\n")
    assert Path(libdeps.notebook_cache_path(tmp_path / "build", [conf])) == first  # kept
    conf.write_text("x = 2\n")
    second = Path(libdeps.notebook_cache_path(tmp_path / "build", [conf]))
    assert second != first and not first.exists()  # stale runs deleted


PAGE_A = "# A\n\n```{code-cell} ipython3\nfrom mlcheatsheet.basics import gradient_descent\n```\n"
PAGE_B = "# B\n\n```{code-cell} ipython3\nfrom mlcheatsheet.optimization import schedules\n```\n"


def _cache_key(text):
    """The hash MyST-NB's execution cache (jupyter-cache) matches a page's notebook on."""
    from jupyter_cache.cache.main import JupyterCacheBase
    from myst_nb.core.read import read_myst_markdown_notebook

    notebook = read_myst_markdown_notebook(text)
    return JupyterCacheBase.create_hashed_notebook(None, notebook)[1]  # uses no cache state


def test_a_library_edit_re_executes_only_the_pages_that_use_it(package):
    deps = libdeps.LibraryDeps(package)
    a, b = libdeps.with_fingerprint_cell(PAGE_A, deps), libdeps.with_fingerprint_cell(PAGE_B, deps)
    assert a.startswith(PAGE_A) and "remove-cell" in a  # hidden on the page
    key_a, key_b = _cache_key(a), _cache_key(b)
    libdeps.LibraryDeps.closure.cache_clear()
    with open(package / "basics" / "gradient_descent.py", "a") as fh:
        fh.write("\n# edited\n")
    deps = libdeps.LibraryDeps(package)
    assert _cache_key(libdeps.with_fingerprint_cell(PAGE_A, deps)) != key_a  # re-executes
    assert _cache_key(libdeps.with_fingerprint_cell(PAGE_B, deps)) == key_b  # cached run kept
    assert libdeps.with_fingerprint_cell("# no cells\n", deps) == "# no cells\n"


def test_gallery_reruns_only_scripts_whose_library_code_changed(package, tmp_path):
    deps = libdeps.LibraryDeps(package)
    src, out, state = tmp_path / "gallery", tmp_path / "auto", tmp_path / "state.json"
    src.mkdir()
    (src / "plot_a.py").write_text("from mlcheatsheet import report\n")
    (src / "plot_b.py").write_text("from mlcheatsheet import datasets\n")
    libdeps.invalidate_gallery(src, out, state, deps)
    out.mkdir()
    for name in ("plot_a.py.md5", "plot_b.py.md5"):
        (out / name).write_text("stamp")
    libdeps.invalidate_gallery(src, out, state, deps)  # nothing changed: stamps stay
    assert {p.name for p in out.iterdir()} == {"plot_a.py.md5", "plot_b.py.md5"}
    (package / "report.py").write_text((package / "report.py").read_text() + "\n# edited\n")
    libdeps.invalidate_gallery(src, out, state, deps)
    assert {p.name for p in out.iterdir()} == {"plot_b.py.md5"}


@pytest.mark.parametrize("module_name", ["basics.linear_regression", "basics.gradient_descent", "report"])
def test_libcode_shows_exactly_the_library_code(module_name):
    """What a page shows is the library's function, minus its docstring: same syntax tree."""
    module = importlib.import_module(f"mlcheatsheet.{module_name}")
    path = Path(module.__file__)
    tree = ast.parse(path.read_text())
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert functions
    for node in functions:
        shown = ast.parse(libcode.function_source(path, node.name)).body
        assert len(shown) == 1 and "docstring" not in libcode.function_source(path, node.name)[:0]
        if ast.get_docstring(node) is not None:
            node.body = node.body[1:]
        assert ast.dump(shown[0]) == ast.dump(node)


def test_libcode_unknown_function_is_an_error():
    from sphinx.errors import ExtensionError

    with pytest.raises(ExtensionError, match="no function or class 'nope'"):
        libcode.function_source(ROOT / "mlcheatsheet" / "report.py", "nope")



katex_prerender = pytest.importorskip("katex_prerender")


def test_katex_server_starts_and_renders_every_time():
    """The render server must come up reliably (0.9.11 raced on its socket)."""
    import tempfile

    from sphinxcontrib import katex

    for _ in range(15):
        rundir = Path(tempfile.mkdtemp(prefix="katex-test"))
        process, sock = katex_prerender.start_server_process(katex.KaTeXServer, rundir, 10.0)
        server = katex.KaTeXServer(rundir, process, sock)
        try:
            html = server.render({"latex": r"\frac{1}{N}", "katex_options": {}}, timeout=10)["html"]
            assert "katex" in html and "mfrac" in html
        finally:
            server.terminate()
            process.stdin.close()  # the library's terminate() leaves the pipes open
            process.stdout.close()
            process.wait(timeout=60)  # reap it: on a loaded machine it outlives terminate()


def test_a_formula_katex_cannot_parse_fails_the_build():
    from sphinxcontrib import katex

    katex.KaTeXServer.start_server_process = classmethod(katex_prerender.start_server_process)
    katex.KATEX_DEFAULT_OPTIONS["throwOnError"] = True
    assert "mfrac" in katex_prerender.render_latex(r"\frac{1}{N}")
    with pytest.raises(katex.KaTeXError, match=r"cannot render the formula 'a &= b'"):
        katex_prerender.render_latex("a &= b")  # '&' outside an aligned environment



@pytest.mark.parametrize(("latex", "expected"), [
    (r"a = 1, \qquad b = 2",
     [r"\begin{gathered}a = 1, \\ b = 2\end{gathered}"]),
    (r"x = \frac{a}{b} = c = d",  # one part, a chain of equalities: broken at each =
     [r"\begin{aligned}x &= \frac{a}{b} \\ &= c \\ &= d\end{aligned}"]),
    (r"\mu = \sum_x x\,P(x) \quad\text{or}\quad \int x\,p(x)\,dx, \qquad \sigma^2 = v",
     [r"\begin{gathered}\mu = \sum_x x\,P(x) \quad\text{or}\quad \int x\,p(x)\,dx, \\ "
      r"\sigma^2 = v\end{gathered}"]),  # \qquad separates parts before \quad does
    (r"f(z) = \begin{cases} z & z > 0 \\ 0 & z \le 0 \end{cases}, \qquad f'(z = 1) = [z = 1]",
     [r"\begin{gathered}f(z) = \begin{cases} z & z > 0 \\ 0 & z \le 0 \end{cases}, \\ "
      r"f'(z = 1) = [z = 1]\end{gathered}"]),  # nothing cut inside cases, () or []
    (r"\frac{\partial L}{\partial z} = \sigma(z) - y", []),  # short and single: as it is
    (r"f(x) = (a - x)^2 + (b - x)^2 - (c + x)^2",  # a long sum: a line per term, signs kept
     [r"\begin{aligned}f(x) &= (a - x)^2 \\ &\quad + (b - x)^2 \\ &\quad - (c + x)^2\end{aligned}"]),
])
def test_long_display_formulas_get_stacked_variants(latex, expected):
    assert katex_prerender.stacked_variants(latex) == expected


def test_a_display_formula_with_parts_is_rendered_with_its_variants_hidden():
    from sphinxcontrib import katex

    katex.KaTeXServer.start_server_process = classmethod(katex_prerender.start_server_process)
    html = katex_prerender.render_latex(r"a = 1, \qquad b = 2 = 3", {"displayMode": True})
    assert html.count('class="math-variant">') == 1  # the formula as written, shown
    assert html.count('class="math-variant" hidden') == 2  # stacked; = chain broken
    assert html.count("katex-display") == 3
    inline = katex_prerender.render_latex(r"a = 1, \qquad b = 2", {"displayMode": False})
    assert "math-variant" not in inline

apipages = pytest.importorskip("apipages")


def test_api_pages_mirror_the_package_and_drop_stale_ones(package, tmp_path):
    out = tmp_path / "api"
    (out / "gone").mkdir(parents=True)
    (out / "gone" / "old_module.md").write_text("stale")
    entries = apipages.generate(package, out)
    modules = sorted(p.relative_to(package).with_suffix("").as_posix()
                     for p in package.rglob("[!_]*.py"))
    pages = sorted(p.relative_to(out).with_suffix("").as_posix() for p in out.rglob("*.md")
                   if p.name != "index.md")
    assert pages == modules  # one page per public module, in its section's folder
    assert not (out / "gone").exists()
    sections = [e.removesuffix("/index") for e in entries if e.endswith("/index")]
    order = list(apipages.SECTION_TITLES)  # the reading order of the site, not the alphabet
    assert sections == sorted(sections, key=order.index) and sections[0] == "basics"
    page = (out / "optimization" / "optimizers.md").read_text()
    assert "from mlcheatsheet.optimization import optimizers" in page
    assert ".. automodule:: mlcheatsheet.optimization.optimizers" in page
    stamp = (out / "optimization" / "optimizers.md").stat().st_mtime_ns
    apipages.generate(package, out)  # nothing changed: nothing rewritten (no-op rebuilds)
    assert (out / "optimization" / "optimizers.md").stat().st_mtime_ns == stamp


def test_every_generated_api_page_carries_doctests_that_pass(tmp_path):
    """The pages are generated, so their doctests run here, from a fresh generation
    (a built site's copies may be stale; docs/conftest.py leaves them out)."""
    import doctest
    import re

    out = tmp_path / "api"
    apipages.generate(ROOT / "mlcheatsheet", out)
    parser, flags = doctest.DocTestParser(), doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    pages = sorted(out.rglob("*.md"))
    modules = apipages.public_modules(ROOT / "mlcheatsheet")
    assert len(pages) == sum(map(len, modules.values())) + len([s for s in modules if s])
    for page in pages:
        text = page.read_text()
        assert re.match(r"\(api-[\w-]+\)=\n# ", text), f"{page.name}: a label before the title"
        blocks = re.findall(r"^```python\n(>>> .*?)^```", text, re.MULTILINE | re.DOTALL)
        assert blocks, f"{page.relative_to(out)} carries no doctest"
        for block in blocks:
            test = parser.get_doctest(block, {}, page.name, str(page), 0)
            runner = doctest.DocTestRunner(optionflags=flags)
            runner.run(test, out=lambda text: None)
            assert runner.failures == 0, f"{page.name}:\n{block}"


def test_an_incremental_build_follows_a_moved_link_target(tmp_path):
    """A label moves from one page to another: the page that links to it is rewritten."""
    import subprocess

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'docs' / '_ext')!r})\n"
        "extensions = ['xref_refresh']\nexclude_patterns = ['_build']\n")
    (src / "index.rst").write_text("Index\n=====\n\n.. toctree::\n\n   a\n   b\n   c\n")
    (src / "a.rst").write_text("A\n=\n\nSee :ref:`target`.\n")
    (src / "b.rst").write_text("B\n=\n\n.. _target:\n\nTarget\n------\n\ntext\n")
    (src / "c.rst").write_text("C\n=\n\ntext\n")

    def build():
        subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", str(src), str(tmp_path / "out")],
                       check=True, capture_output=True)
        return (tmp_path / "out" / "a.html").read_text()

    assert 'href="b.html#target"' in build()
    (src / "b.rst").write_text("B\n=\n\ntext\n")
    (src / "c.rst").write_text("C\n=\n\n.. _target:\n\nTarget\n------\n\ntext\n")
    html = build()
    assert 'href="c.html#target"' in html and "b.html#target" not in html


def test_glue_roles_in_alt_text_take_the_glued_value_formatted_like_the_role():
    from glue_alt import substitute

    glue = {"rate": {"data": {"text/plain": "0.123456"}}, "n": {"data": {"text/plain": "184"}},
            "name": {"data": {"text/plain": "'Adam'"}}}
    assert substitute("{glue:text}`rate:.3f` after {glue:text}`n` steps of {glue}`name`",
                      glue) == "0.123 after 184 steps of Adam"
    assert substitute("no roles: 1/L", glue) == "no roles: 1/L"
    with pytest.raises(KeyError, match="missing"):
        substitute("{glue:text}`missing`", glue)


def _mini_nb_build(tmp_path, alt):
    """Build one executed MyST-NB page whose figure has ``alt``; (returncode, html, stderr)."""
    import subprocess

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'docs' / '_ext')!r})\n"
        "extensions = ['myst_nb', 'glue_alt']\nexclude_patterns = ['_build']\n"
        "nb_execution_mode = 'force'\n")
    (src / "index.md").write_text(
        "---\nfile_format: mystnb\nkernelspec: {name: python3, display_name: Python 3}\n---\n"
        "# Page\n\n```{code-cell} ipython3\nfrom myst_nb import glue\n"
        "glue('slope', 2.71828, display=False)\n```\n\n"
        "```{code-cell} ipython3\n---\nmystnb:\n  image:\n"
        f"    alt: \"{alt}\"\n---\n"
        "from IPython.display import Image\nimport base64\n"
        "Image(data=base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
        "nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=='))\n```\n")
    run = subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", str(src), str(tmp_path / "out")],
                         capture_output=True, text=True)
    html = (tmp_path / "out" / "index.html")
    return run.returncode, html.read_text() if html.exists() else "", run.stderr


def test_a_figure_alt_text_states_the_glued_number(tmp_path):
    code, html, err = _mini_nb_build(tmp_path, "a line of slope {glue:text}`slope:.2f`")
    assert code == 0, err
    assert 'alt="a line of slope 2.72"' in html


def test_an_alt_text_naming_an_unglued_key_fails_the_strict_build(tmp_path):
    code, _, err = _mini_nb_build(tmp_path, "slope {glue:text}`intercept:.2f`")
    assert code != 0 and "'intercept'" in err and "never glued" in err


# --- downloads: the wheel, what code needs, the clean page notebooks ----------------------------

def test_the_wheel_holds_the_package_and_its_metadata_byte_for_byte_the_same(tmp_path):
    import zipfile

    package_downloads = pytest.importorskip("package_downloads")
    first = package_downloads.write_wheel(ROOT, tmp_path / "a")
    again = package_downloads.write_wheel(ROOT, tmp_path / "b")
    assert first.name == "mlcheatsheet-0.1.0-py3-none-any.whl"
    assert first.read_bytes() == again.read_bytes()  # fixed dates and order: a stable download
    names = set(zipfile.ZipFile(first).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "mlcheatsheet").rglob("*.py")
               if "__pycache__" not in p.parts}
    import tomllib

    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["mlcheatsheet"]       # data/*.csv, resources/...
    data = {p.relative_to(ROOT).as_posix() for g in globs for p in (ROOT / "mlcheatsheet").glob(g)}
    assert {"mlcheatsheet/data/advertising.csv", "mlcheatsheet/resources/data/papers.csv"} <= data
    dist = {f"mlcheatsheet-0.1.0.dist-info/{n}" for n in ("METADATA", "WHEEL", "RECORD",
                                                          "top_level.txt")}
    assert names == modules | data | dist
    metadata = zipfile.ZipFile(first).read("mlcheatsheet-0.1.0.dist-info/METADATA").decode()
    assert "Requires-Dist: numpy>=2.0\n" in metadata and "License-Expression: MIT\n" in metadata


def test_a_download_is_rewritten_only_when_its_files_change(tmp_path):
    package_downloads = pytest.importorskip("package_downloads")
    source = tmp_path / "f.txt"
    source.write_text("one")
    calls = []

    def write(folder):
        calls.append(1)
        (folder / "out").write_text(source.read_text())
        return folder / "out"

    for _ in range(2):
        package_downloads.cached(write, [("f.txt", source)], "k", tmp_path, "out")
    assert len(calls) == 1
    source.write_text("two")
    package_downloads.cached(write, [("f.txt", source)], "k", tmp_path, "out")
    assert len(calls) == 2 and (tmp_path / "out").read_text() == "two"


@pytest.mark.parametrize("code, provided, expected", [
    ("import numpy as np\nimport matplotlib.pyplot as plt\nfrom mlcheatsheet import report",
     (), ["matplotlib"]),
    ("import os, sys\nfrom sklearn.datasets import load_wine\nfrom scipy import stats",
     (), ["scikit-learn", "scipy"]),
    (">>> from sklearn.linear_model import Ridge\n>>> 1 + 1\n2\n", (), ["scikit-learn"]),
    ("from IPython.display import Markdown\nimport matplotlib", ("ipykernel",), ["matplotlib"]),
    ("from IPython.display import Markdown", (), ["ipython"]),
])
def test_requirements_are_read_from_the_imports(code, provided, expected):
    package_downloads = pytest.importorskip("package_downloads")
    found, unknown = package_downloads.requirements(package_downloads.imported_modules(code),
                                                    provided, ROOT)
    assert (found, unknown) == (expected, [])
    assert package_downloads.requirements({"no_such_module_xyz"}, (), ROOT) == \
        ([], ["no_such_module_xyz"])


def test_glue_is_stripped_from_code_without_changing_the_rest():
    notebook_download = pytest.importorskip("notebook_download")
    code = ("import numpy as np\nfrom myst_nb import glue\n\nx = np.arange(3)\n"
            "glue('n', len(x),\n     display=False)\n"
            "for i, v in enumerate(x):\n    glue(f'v{i}', v, display=False)\n"
            "if x.sum():\n    glue('s', x.sum(), display=False)\nelse:\n    y = 1\n"
            "glue('table', x)\nprint(x)")
    assert notebook_download.strip_glue(code) == (
        "import numpy as np\n\nx = np.arange(3)\nif x.sum():\n    pass\nelse:\n    y = 1\n"
        "display(x)\nprint(x)")
    with pytest.raises(ValueError, match="glue"):
        notebook_download.strip_glue("from myst_nb import glue\nvalue = glue('a', 1)")


def test_myst_markdown_becomes_plain_markdown():
    notebook_download = pytest.importorskip("notebook_download")

    class Entry:
        def __init__(self, authors, year, title):
            self.persons = {"author": [type("P", (), {"last_names": [a]}) for a in authors]}
            self.fields = {"year": year, "title": title}

    resolver = notebook_download.Resolver(
        glue={"rate": {"data": {"text/plain": "0.123456"}},
              "quote": {"data": {"text/plain": "<Markdown>", "text/markdown": "“a *b*”"}}},
        labels={"gd": ("basics/gradient_descent", "gd", "Gradient descent")},
        terms={"learning rate": ("reference/glossary", "term-learning-rate")},
        equations={"eq-update": 2},
        cite={"ng": Entry(["Ng"], "2011", "Machine Learning"),
              "gw": Entry(["Goodfellow", "Bengio", "Courville"], "2016", "Deep Learning")})
    text = ("(top)=\n# Title\n\nThe {term}`rate <learning rate>` is {glue:text}`rate:.2f`, "
            "{lit}`16` bits; see {ref}`gd`, {ref}`there <gd>` and {eq}`eq-update`, "
            "{glue:md}`quote`. After {footcite:t}`ng` {footcite:p}`gw`, "
            "`{term}` is code and {func}`~mlcheatsheet.basics.gradient_descent.gradient_step`."
            "\n\n$$\nx = 1\n$$ (eq-update)\n\n"
            ":::{note}\nA $\\sigma$ {term}`learning rate`.\n:::\n\n"
            "```python\n>>> {term}`not touched`\n```\n\n"
            "```{admonition} Outer\n:class: dropdown\n\nText.\n```\n\n```{footbibliography}\n```\n")
    assert notebook_download.plain_markdown(text, resolver) == (
        "# Title\n\nThe rate is 0.12, 16 bits; see Gradient descent, there and (2), “a *b*”. "
        "After Ng (2011) (Goodfellow et al., 2016), `{term}` is code and `gradient_step()`.\n\n"
        "$$\nx = 1\n\\tag{2}\n$$\n\n> **Note**\n>\n> A $\\sigma$ learning rate.\n\n"
        "```python\n>>> {term}`not touched`\n```\n\n> **Outer**\n>\n> Text.\n\n"
        "- Ng (2011). *Machine Learning*.\n"
        "- Goodfellow et al. (2016). *Deep Learning*.")
    resolver.base_url = "https://example.org/site/"
    assert notebook_download.plain_markdown("A {term}`learning rate`.", resolver) == \
        "A [learning rate](https://example.org/site/reference/glossary.html#term-learning-rate)."


def test_a_glossary_becomes_bold_terms_over_their_definitions():
    notebook_download = pytest.importorskip("notebook_download")
    text = ("```{glossary}\n:sorted:\n\nBias\nOffset\n  The constant term,\n  see {term}`Weight`."
            "\n\nWeight\n  A coefficient.\n```\n")
    assert notebook_download.plain_markdown(text, notebook_download.Resolver()) == (
        "**Bias**, **Offset**  \nThe constant term,\nsee Weight.\n\n**Weight**  \nA coefficient.")


@pytest.mark.parametrize("name", ["gallery_backlinks", "proof", "search_entries"])
def test_the_doctests_of_the_build_extensions_pass(name):
    import doctest

    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0, name


def test_search_entries_are_saved_at_the_end_and_restored_for_the_unchanged_pages(tmp_path):
    """A build saves every page's index entries; the next one, whose pickled environment
    lacks them (Sphinx feeds them after pickling), gets them back for the pages it keeps."""
    search_entries = pytest.importorskip("search_entries")
    from types import SimpleNamespace

    def app_with(entries, docs):
        env = SimpleNamespace(_search_index_index_entries=entries, all_docs=dict.fromkeys(docs))
        return SimpleNamespace(env=env, doctreedir=str(tmp_path),
                               builder=SimpleNamespace(format="html"))

    first = app_with({"a": [("pca", "index-0", "main")], "b": [("knot", "index-1", "main")]},
                     ["a", "b"])
    search_entries._build_finished(first, None)
    second = app_with({"b": [("spline", "index-0", "main")]}, ["a", "b", "c"])  # b rewritten
    search_entries._env_updated(second, second.env)
    assert second.env._search_index_index_entries == {
        "b": [("spline", "index-0", "main")], "a": [("pca", "index-0", "main")]}
    third = app_with({}, ["b"])                                   # page a was removed
    search_entries._env_updated(third, third.env)
    assert set(third.env._search_index_index_entries) == {"b"}
