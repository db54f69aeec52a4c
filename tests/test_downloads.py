"""The downloads run for someone who has only the download (`make html` first).

The site serves a wheel of the library, a zip of the project, every gallery script
and every executed page as a notebook, and says on each page what to install.
Cheap checks cover every download; then a sample runs in a fresh virtual
environment that holds the served wheel and *only* the stated requirements:

* ``basics/plot_linear_regression_fit`` (states ``matplotlib``): reads the
  Advertising data, so the wheel must carry the package data;
* ``math/plot_calculus_error_orders`` (states ``matplotlib scipy``): the one
  example importing scipy without scikit-learn;
* ``unsupervised/plot_kmeans_wine`` (states ``matplotlib scikit-learn``): a short
  script on scikit-learn's bundled data;
* notebooks ``basics/gradient_descent`` (``matplotlib``; glue, admonitions,
  terms, citations, libcode, a figure) and ``unsupervised/dbscan``
  (``matplotlib scikit-learn``), two of the quicker pages to execute.

The environment grows in that order, and each step's installed set is exactly what
its items state (scikit-learn itself depends on scipy), so a script that needed
something it does not state fails. The whole gallery and all pages would take
minutes; the sample covers each kind of requirement line and the exporter's
constructs. Installing uses pip's configured index (PyPI on CI; here a local
mirror) with the versions of ``constraints.txt``; where no index is reachable the
test is skipped (failed on CI).
"""

import base64
import hashlib
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.site
ROOT = Path(__file__).resolve().parents[1]

SCRIPTS = [  # (example, the requirements its page must state), in the order they run
    ("basics/plot_linear_regression_fit", ["matplotlib"]),
    ("math/plot_calculus_error_orders", ["matplotlib", "scipy"]),
    ("unsupervised/plot_kmeans_wine", ["matplotlib", "scikit-learn"]),
]
NOTEBOOKS = [
    ("basics/gradient_descent", ["matplotlib"]),
    ("unsupervised/dbscan", ["matplotlib", "scikit-learn"]),
]
JUPYTER = ["ipykernel", "nbclient"]  # what a reader who opens a notebook has anyway
MYST = re.compile(r"\{[\w:\-]+\}`|^```\{|^:::|^\([\w-]+\)=\s*$|\bmyst_nb\b|\bglue\(", re.M)


def text_of(path):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", Path(path).read_text(encoding="utf-8")))


def stated(html_path):
    """The packages the page's install line names after the wheel."""
    line = re.search(r"pip install (mlcheatsheet-\S+\.whl)((?: [a-z][\w.-]*)*)", text_of(html_path))
    assert line, f"{html_path}: no install line"
    return line.group(1), line.group(2).split()


@pytest.fixture(scope="module")
def wheel(site):
    wheels = sorted((site / "_downloads").glob("mlcheatsheet-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_the_wheel_is_a_valid_wheel_of_the_whole_package(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        record = archive.read(next(n for n in names if n.endswith(".dist-info/RECORD"))).decode()
        for line in record.splitlines():
            name, digest, size = line.rsplit(",", 2)
            if digest:
                data = archive.read(name)
                expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
                assert digest == "sha256=" + expected.decode() and int(size) == len(data), name
        metadata = archive.read(next(n for n in names if n.endswith("METADATA"))).decode()
    package = {p.relative_to(ROOT).as_posix() for p in (ROOT / "mlcheatsheet").rglob("*.py")
               if "__pycache__" not in p.parts}
    assert package <= names
    assert {"mlcheatsheet/data/advertising.csv", "mlcheatsheet/data/README.md"} <= names
    assert "Requires-Dist: numpy>=2.0" in metadata


def test_the_project_zip_holds_the_sources(site):
    (source,) = (site / "_downloads").glob("ml-cheatsheet-*-source.zip")
    with zipfile.ZipFile(source) as archive:
        names = {n.split("/", 1)[1] for n in archive.namelist()}
    assert {"pyproject.toml", "constraints.txt", "conf.py", "Makefile",
            "docs/basics/gradient_descent.md", "gallery/basics/plot_linear_regression_fit.py",
            "mlcheatsheet/basics/gradient_descent.py", "tests/test_site.py"} <= names
    assert not any(n.startswith(("_build/", ".venv/", "node_modules/", "docs/auto_examples/"))
                   for n in names)


def test_every_example_and_page_says_what_to_install(site):
    for script in sorted((ROOT / "gallery").rglob("plot_*.py")):
        page = site / "auto_examples" / script.relative_to(ROOT / "gallery").with_suffix(".html")
        wheel_name, extras = stated(page)
        assert (site / "_downloads" / wheel_name).is_file()
        if "import matplotlib" in script.read_text():
            assert "matplotlib" in extras, page
        assert ("scikit-learn" in extras) == bool(re.search(r"^\s*(from|import) sklearn\b",
                                                            script.read_text(), re.M)), page
    for md in sorted((ROOT / "docs").rglob("*.md")):
        if "{code-cell}" in md.read_text() and "_build" not in md.parts:
            stated(site / md.relative_to(ROOT / "docs").with_suffix(".html"))


def test_the_gallery_zips_carry_the_wheel_and_a_requirements_file(site, wheel):
    zips = sorted((site / "_downloads").glob("*/auto_examples_*.zip"))
    assert {z.name for z in zips} == {"auto_examples_python.zip", "auto_examples_jupyter.zip"}
    for path in zips:
        with zipfile.ZipFile(path) as archive:
            assert wheel.name in archive.namelist()
            requirements = archive.read("requirements.txt").decode()
        assert f"./{wheel.name}" in requirements.splitlines()
        for name in ("matplotlib", "scikit-learn", "scipy"):
            assert re.search(rf"^{name}==[\d.]+$", requirements, re.M), (path.name, name)


def test_every_page_notebook_is_plain_jupyter_with_its_outputs(site):
    import nbformat

    for path in sorted((site / "_downloads" / "notebooks").rglob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        rel = path.relative_to(site / "_downloads" / "notebooks").with_suffix(".md")
        for cell in nb.cells:
            assert not MYST.search(cell.source), (rel, cell.id, MYST.search(cell.source).group())
        assert "pip install mlcheatsheet-" in nb.cells[0].source, rel
        source = (ROOT / "docs" / rel).read_text()
        images = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code"
                     for o in c.outputs)
        assert images >= source.count("plt.show()"), f"{rel}: figures missing from the outputs"
        assert set(nb.metadata) <= {"kernelspec", "language_info"}


# --- the sample, in a fresh environment ---------------------------------------------------------

def _download(site, page, suffix):
    """The file the page links to for download (``.py`` of an example)."""
    html = (site / page).read_text(encoding="utf-8")
    href = re.search(rf'href="([^"]*_downloads/[0-9a-f]+/[^"/]+{re.escape(suffix)})"', html)
    return (site / page).parent / href.group(1)


def _pip(venv_python, *args):
    return subprocess.run([sys.executable, "-m", "pip", "--python", str(venv_python), "install",
                           "--quiet", "--no-compile", "--disable-pip-version-check",
                           "-c", str(ROOT / "constraints.txt"), *args],
                          capture_output=True, text=True)


RUN_NOTEBOOK = """
import sys, nbformat, nbclient
nb = nbformat.read(sys.argv[1], as_version=4)
nb.cells.append(nbformat.v4.new_code_cell("import mlcheatsheet; print(mlcheatsheet.__file__)"))
nbclient.NotebookClient(nb, timeout=300, kernel_name="downloads-test",
                        resources={"metadata": {"path": sys.argv[2]}}).execute()
print(nb.cells[-1].outputs[0]["text"].strip())
"""


def test_the_sample_runs_with_only_the_wheel_and_what_its_page_states(site, wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MPL", "JUPYTER"))}
    env.update(MPLBACKEND="agg", OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               JUPYTER_PLATFORM_DIRS="1")
    work = tmp_path / "work"
    work.mkdir()

    items = [("script", name, needs) for name, needs in SCRIPTS]
    items += [("notebook", name, needs) for name, needs in NOTEBOOKS]
    # smallest requirement set first, scripts before notebooks (which add Jupyter)
    items.sort(key=lambda item: (len(item[2]) + ("scikit-learn" in item[2]), item[0] == "notebook"))
    installed, kernel = None, False
    for kind, name, needs in items:
        page = f"auto_examples/{name}.html" if kind == "script" else f"{name}.html"
        wheel_name, extras = stated(site / page)
        assert (wheel_name, extras) == (wheel.name, needs), f"{page} states {extras}"
        wanted = [str(wheel), *extras] + (JUPYTER if kind == "notebook" or kernel else [])
        if wanted != installed:
            done = _pip(python, *wanted)
            if done.returncode:
                if os.environ.get("CI"):
                    pytest.fail(done.stderr[-2000:])
                pytest.skip(f"pip cannot install the requirements here:\n{done.stderr[-1000:]}")
            installed = wanted
        if kind == "notebook" and not kernel:
            subprocess.run([python, "-m", "ipykernel", "install", "--sys-prefix",
                            "--name", "downloads-test"], check=True, capture_output=True, env=env)
            kernel = True
        if kind == "script":
            script = _download(site, page, ".py")
            target = work / script.name
            target.write_bytes(script.read_bytes())
            code = (f"import runpy, mlcheatsheet; print(mlcheatsheet.__file__); "
                    f"runpy.run_path({str(target)!r}, run_name='__main__')")
            run = subprocess.run([python, "-c", code], cwd=work, env=env, capture_output=True,
                                 text=True, timeout=300)
        else:
            notebook = site / "_downloads" / "notebooks" / f"{name}.ipynb"
            run = subprocess.run([python, "-c", RUN_NOTEBOOK, str(notebook), str(work)],
                                 cwd=work, env=env, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, f"{kind} {name}:\n{run.stderr[-3000:]}"
        where = run.stdout.strip().splitlines()[0 if kind == "script" else -1]
        assert where.startswith(str(venv)), f"{name} imported mlcheatsheet from {where}"
