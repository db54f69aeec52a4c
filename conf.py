"""Sphinx configuration of the ML Cheatsheet.

Build with ``make html`` (``python -m sphinx -W --keep-going -n -c . docs _build/html``).
Source pages live in ``docs/``; this file sits at the repository root, so some
paths below are relative to the root and others to ``docs/`` (marked).
"""

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).parent.resolve()
BUILD = ROOT / "_build"
sys.path.insert(0, str(ROOT))  # sphinx-gallery runs examples in this process
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
# Jupyter kernels that execute the pages import the library from the checkout.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
# One BLAS thread: same float summation order on every machine (deterministic output),
# and no thread oversubscription when kernels and the gallery share two cores.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
# Kernels must draw figures inline whatever the caller exported (agg would show nothing).
os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
# One figure style and the figure rules (docs/_ext/figure_style.py) for pages and gallery:
# kernels read the style from MATPLOTLIBRC and run kernel_startup.py (IPython honours
# PYTHONSTARTUP), which also makes a figure that breaks a rule fail its cell.
FIGURE_FILES = [ROOT / "docs" / "_ext" / name for name in
                ("figure_style.py", "kernel_startup.py", "matplotlib/matplotlibrc")]
os.environ["MATPLOTLIBRC"] = str(ROOT / "docs" / "_ext" / "matplotlib")
os.environ["PYTHONSTARTUP"] = str(ROOT / "docs" / "_ext" / "kernel_startup.py")

import libdeps  # noqa: E402  (docs/_ext, needs the sys.path line above)
import sphinx_gallery.backreferences as _sg_backrefs  # noqa: E402

# sphinx-gallery gives its thumbnails an empty alt text; name the example instead, so
# that a screen reader (and the browser tests) can tell the thumbnails apart. Load them
# lazily: a page with a long "examples using this" list then loads only what is seen.
for _name in ("THUMBNAIL_TEMPLATE", "BACKREF_THUMBNAIL_TEMPLATE"):
    setattr(_sg_backrefs, _name, getattr(_sg_backrefs, _name).replace(
        "    :alt:\n", "    :alt: Thumbnail of the example: {title}\n    :loading: lazy\n"))

project = "ML Cheatsheet"
author = "ML Cheatsheet contributors"
copyright = "2026, ML Cheatsheet contributors"
language = "en"

extensions = [
    "myst_nb",  # includes myst_parser
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",  # [source] links from the API pages to the highlighted module
    "numpydoc",
    "sphinx_gallery.gen_gallery",
    "sphinxcontrib.katex",
    "katex_prerender",  # docs/_ext: KaTeX errors fail the build; no start-up race
    "sphinx_copybutton",
    "sphinxcontrib.bibtex",
    "libdeps",
    "libcode",
    "proof",  # docs/_ext: under each listing, the tests that checked it (from make test's run)
    "gallery_backlinks",  # docs/_ext: each gallery example links to the page that explains it
    "apipages",  # docs/_ext: one API page per module, grouped by section
    "package_downloads",  # docs/_ext: the wheel and a zip of the project, served by the site
    "notebook_download",  # docs/_ext: each page as a clean notebook, with the install line
    "cheatcards",  # docs/_ext: a printable PDF card per chapter, from its At a glance boxes
    "xref_refresh",  # docs/_ext: a moved link target rewrites the pages that link to it
    "glue_alt",  # docs/_ext: figure alt text may use {glue:text} roles
    "literal_numbers",  # docs/_ext: the {lit} role, a number typed on purpose
    "search_entries",  # docs/_ext: index entries survive incremental builds in searchindex.js
]

exclude_patterns = ["_build", "_ext", "**.ipynb_checkpoints", "auto_examples/**/*.ipynb",
                    "auto_examples/*.ipynb"]  # relative to docs/
templates_path = ["docs/_templates"]  # relative to the root
html_static_path = ["docs/_static"]  # relative to the root; KaTeX assets are added below
html_favicon = "docs/_static/favicon.svg"
html_js_files = ["search-snippets.js",  # search results without KaTeX's hidden TeX copy
                 "figures.js"]  # full-size figures, formulas fit phones, keyboard chevrons
html_css_files = ["custom.css"]
html_search_scorer = "docs/_static/scorer.js"  # teaching pages above glossary and API entries
html_domain_indices = False  # the API page is the module index
apipages_package = str(ROOT / "mlcheatsheet")  # pages written to docs/reference/api/ (generated)
nitpicky = True

# --- API reference: autodoc + numpydoc ---------------------------------------------------------
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "none"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_validation_checks = set()


def _add_minigallery(app, what, name, obj, options, lines):
    """Under every documented function or class, show the gallery examples that use it."""
    examples = ROOT / "docs" / "generated" / "backrefs" / f"{name}.examples"
    if what in {"function", "class", "method"} and examples.is_file() and examples.stat().st_size:
        short = name.rsplit(".", 1)[-1]
        lines += ["", f".. minigallery:: {name}", f"   :add-heading: Examples using ``{short}``", ""]


def setup(app):
    app.connect("autodoc-process-docstring", _add_minigallery, priority=900)


# --- references: one BibTeX file, cited with {cite} on the pages -----------------------------
bibtex_bibfiles = ["docs/refs.bib"]  # relative to the root
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

# --- pages: MyST-NB text notebooks --------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
nb_execution_mode = os.environ.get("NB_EXECUTION_MODE", "cache")
nb_execution_raise_on_error = True  # a failing cell fails the build
nb_execution_timeout = 120
nb_execution_show_tb = True
nb_merge_streams = True
nb_render_markdown_format = "myst"  # so cells can emit Markdown tables
libdeps_package = str(ROOT / "mlcheatsheet")
_deps = libdeps.LibraryDeps(libdeps_package)
nb_execution_cache_path = libdeps.notebook_cache_path(BUILD, extra_files=[__file__, *FIGURE_FILES])

# --- gallery: sphinx-gallery scripts -------------------------------------------------------
libdeps.invalidate_gallery(ROOT / "gallery", ROOT / "docs" / "auto_examples",
                           BUILD / "gallery-libdeps.json", _deps, extra_files=FIGURE_FILES)
sphinx_gallery_conf = {
    "examples_dirs": ["../gallery"],  # relative to docs/
    "gallery_dirs": ["auto_examples"],
    "filename_pattern": r"/plot_",
    "abort_on_example_error": True,  # a failing example fails the build
    "only_warn_on_example_error": False,
    "write_computation_times": False,
    "remove_config_comments": True,
    "within_subsection_order": "FileNameSortKey",
    "matplotlib_animations": False,
    "image_scrapers": ("matplotlib",),
    "reset_modules": ("matplotlib", "seaborn", "figure_style.reset_gallery"),  # the site style
    "show_memory": False,
    "thumbnail_size": (240, 168),  # shown at 160x112; default 400x280 PNGs weighed up to 80 KB
    "min_reported_time": 10_000,  # no per-example timings on pages: they change every build
    # link functions to the examples that use them ({minigallery} on pages and in the API)
    "doc_module": ("mlcheatsheet",),
    "reference_url": {"mlcheatsheet": None},  # names in example code link to the API page
    "backreferences_dir": "generated/backrefs",  # relative to docs/
    "inspect_global_variables": False,
    # examples run on every core (joblib); GALLERY_JOBS=1 for a serial build (same output)
    "parallel": int(os.environ.get("GALLERY_JOBS", os.cpu_count() or 1)),
    "capture_repr": (),  # no stray `<Legend object at 0x...>` lines: they differ every build
}

# --- math: KaTeX, pre-rendered at build time by node, served from the site itself --------------
katex_prerender = True
_katex_dist = ROOT / "node_modules" / "katex" / "dist"
if not (_katex_dist / "katex.min.css").is_file():
    raise RuntimeError(
        "KaTeX's stylesheet is missing: run `npm ci` (or `make html`, which does) to install "
        "node_modules/katex from package-lock.json"
    )
_katex_static = BUILD / "katex-static"
_katex_stamp = _katex_static / ".source"
_katex_source = (ROOT / "package-lock.json").read_text(encoding="utf-8")
if not _katex_stamp.is_file() or _katex_stamp.read_text(encoding="utf-8") != _katex_source:
    # copied afresh whenever package-lock.json changes: never a stale KaTeX, no copy on no-ops
    shutil.rmtree(_katex_static, ignore_errors=True)
    shutil.copytree(_katex_dist, _katex_static,
                    ignore=shutil.ignore_patterns("*.js", "*.mjs", "contrib", "README.md",
                                                  "katex.css", "*.ttf", "*.woff"))
    _katex_stamp.write_text(_katex_source, encoding="utf-8")
html_static_path.append(str(_katex_static))
katex_css_path = "katex.min.css"

# --- HTML -----------------------------------------------------------------------------------
html_theme = "furo"
html_title = "ML Cheatsheet"
html_last_updated_fmt = None
html_copy_source = True
html_show_sourcelink = True
html_theme_options = {
    "navigation_with_keys": False,  # arrow keys scroll code blocks, never change page
}
pygments_style = "friendly"
pygments_dark_style = "monokai"

copybutton_exclude = ".linenos, .gp, .go"
copybutton_prompt_text = r">>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
