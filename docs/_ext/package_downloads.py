"""``package_downloads``: downloads that run for someone who has only the download.

A gallery script or a page notebook imports ``mlcheatsheet``; on its own it fails
with ``No module named 'mlcheatsheet'``. This extension makes the library
installable from the site itself, offline, and says on every example what to
install:

* at ``config-inited`` it writes a wheel of the library and a zip of the whole
  project (the files git tracks, or would) into ``_build/downloads/``, each keyed
  on a hash of its input files, so a no-op rebuild reuses them (cost: hashing);
  at ``build-finished`` they are copied to ``_downloads/`` of the HTML site;
* what a piece of code needs is read from its imports (:func:`requirements`):
  the top-level modules it imports, mapped to their distributions with
  :mod:`importlib.metadata`, less the standard library, the library itself (its
  wheel is named first) and what the wheel already brings (numpy);
* every gallery example gets one line under its title, ``pip install <wheel>
  matplotlib`` plus what else it imports (``scikit-learn``, ``scipy``); the pages
  get the same line from ``notebook_download`` (template component
  ``docs/_templates/components/edit-this-page.html``);
* sphinx-gallery's download-all zips get a ``requirements.txt`` (pinned to the
  versions in ``constraints.txt``, which the site was built and tested with) and
  the wheel itself, so ``pip install -r requirements.txt`` in the unzipped folder
  installs everything.

Why the wheel is written here and not by ``pip wheel --no-build-isolation``: the
``.venv`` holds the setuptools that ``python -m venv`` bundles (65.5), which
rejects ``license = "MIT"`` (PEP 639) and has no ``bdist_wheel`` without the
``wheel`` package; an isolated build would need the network. A pure-Python wheel
is a zip with three metadata files (PEP 427, core metadata 2.4), and ``pip
install`` of the served wheel is what ``tests/test_downloads.py`` checks.
"""

import ast
import base64
import doctest
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from functools import lru_cache
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

DOWNLOADS = "_downloads"  # the folder of the site the files are served from
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed entry dates: same input, same bytes
PACKAGE = "mlcheatsheet"


# --- the project's metadata ------------------------------------------------------------------

def project(root):
    """``[project]`` of ``root/pyproject.toml``, plus the setuptools package data."""
    data = tomllib.loads((Path(root) / "pyproject.toml").read_text(encoding="utf-8"))
    meta = dict(data["project"])
    meta["package-data"] = data.get("tool", {}).get("setuptools", {}).get("package-data", {})
    return meta


def wheel_name(meta):
    """``mlcheatsheet-0.1.0-py3-none-any.whl`` (PEP 427 file name of a pure-Python wheel)."""
    return f"{_normalized(meta['name'])}-{meta['version']}-py3-none-any.whl"


def source_name(meta):
    return f"ml-cheatsheet-{meta['version']}-source.zip"


def _normalized(name):
    return re.sub(r"[-_.]+", "_", name).lower()


# --- the wheel ----------------------------------------------------------------------------------

def package_files(root, meta):
    """``(name in the wheel, file)`` of every module and data file of the package."""
    root = Path(root)
    found = {}
    for init in (root / PACKAGE).rglob("__init__.py"):
        if "__pycache__" in init.parts:
            continue
        for path in init.parent.glob("*.py"):
            found[path.relative_to(root).as_posix()] = path
    for package, patterns in meta["package-data"].items():
        base = root.joinpath(*package.split("."))
        for pattern in patterns:
            for path in base.glob(pattern):
                if path.is_file():
                    found[path.relative_to(root).as_posix()] = path
    return sorted(found.items())


def core_metadata(root, meta):
    """The ``METADATA`` file (core metadata 2.4) of the wheel."""
    lines = ["Metadata-Version: 2.4", f"Name: {meta['name']}", f"Version: {meta['version']}",
             f"Summary: {meta.get('description', '')}"]
    if isinstance(meta.get("license"), str):
        lines.append(f"License-Expression: {meta['license']}")
    if "requires-python" in meta:
        lines.append(f"Requires-Python: {meta['requires-python']}")
    lines += [f"Requires-Dist: {dep}" for dep in meta.get("dependencies", [])]
    readme = meta.get("readme")
    if readme:
        lines.append("Description-Content-Type: text/markdown")
        return "\n".join(lines) + "\n\n" + (Path(root) / readme).read_text(encoding="utf-8")
    return "\n".join(lines) + "\n"


def _zip_entry(archive, name, data):
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def write_wheel(root, dest):
    """Write the wheel of the package at ``root`` into the folder ``dest``; its path."""
    meta = project(root)
    name = wheel_name(meta)
    dist_info = f"{_normalized(meta['name'])}-{meta['version']}.dist-info"
    entries = [(arc, path.read_bytes()) for arc, path in package_files(root, meta)]
    entries += [
        (f"{dist_info}/METADATA", core_metadata(root, meta).encode()),
        (f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: package_downloads (ML Cheatsheet)"
                               b"\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
        (f"{dist_info}/top_level.txt", f"{PACKAGE}\n".encode()),
    ]
    record = [f"{arc},sha256={_digest(data)},{len(data)}" for arc, data in entries]
    record.append(f"{dist_info}/RECORD,,")
    entries.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode()))
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for arc, data in entries:
            _zip_entry(archive, arc, data)
    (dest / name).write_bytes(buffer.getvalue())
    return dest / name


def _digest(data):
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


# --- the source archive ---------------------------------------------------------------------

def project_files(root):
    """The files of the project: what git tracks, plus new files it does not ignore."""
    root = Path(root)
    try:
        command = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
        out = subprocess.run(command, cwd=root, capture_output=True, check=True).stdout
        names = sorted({n for n in out.decode().split("\0") if n})
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: skip what is built
        skip = {".git", ".venv", "node_modules", "_build", "auto_examples", "generated",
                "__pycache__", ".pytest_cache", ".hypothesis"}
        names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                       if p.is_file() and not skip & set(p.relative_to(root).parts)
                       and p.relative_to(root).as_posix() != "docs/reference/api")
    return [(n, root / n) for n in names if (root / n).is_file() and not (root / n).is_symlink()]


def write_source_zip(root, dest, files=None):
    meta = project(root)
    name = source_name(meta)
    prefix = name.removesuffix("-source.zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for arc, path in files if files is not None else project_files(root):
            _zip_entry(archive, f"{prefix}/{arc}", path.read_bytes())
    Path(dest).mkdir(parents=True, exist_ok=True)
    (Path(dest) / name).write_bytes(buffer.getvalue())
    return Path(dest) / name


def cached(write, files, key_extra, cache_dir, name):
    """``cache_dir/name``, written by ``write(cache_dir)`` only when ``files`` changed."""
    digest = hashlib.sha256(key_extra.encode())
    for arc, path in files:
        digest.update(arc.encode() + b"\0" + path.read_bytes() + b"\0")
    key = digest.hexdigest()
    target, stamp = Path(cache_dir) / name, Path(cache_dir) / f"{name}.key"
    if target.is_file() and stamp.is_file() and stamp.read_text() == key:
        return target, False
    written = write(cache_dir)
    stamp.write_text(key)
    return written, True


# --- what code needs ------------------------------------------------------------------------

def imported_modules(code):
    """Top-level names of the modules ``code`` imports (Python, or ``>>>`` doctest lines)."""
    if ">>> " in code:
        code = "\n".join(ex.source for ex in doctest.DocTestParser().get_examples(code))
    try:
        tree = ast.parse(code)
    except SyntaxError:  # IPython magics: read the lines that parse
        tree = ast.parse("\n".join(line for line in code.splitlines()
                                   if not line.lstrip().startswith(("%", "!"))))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@lru_cache(maxsize=None)
def _distributions():
    import importlib.metadata

    return importlib.metadata.packages_distributions()


@lru_cache(maxsize=None)
def dependency_closure(*names):
    """Canonical names of the distributions ``names`` install, themselves included."""
    import importlib.metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    seen, todo = set(), [canonicalize_name(n) for n in names]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for line in requires:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(req.name))
    return frozenset(seen)


def requirements(modules, provided=(), root=None):
    """Distributions to ``pip install`` (besides the wheel) for code importing ``modules``.

    ``provided`` names distributions the reader already has (for a notebook: Jupyter's
    kernel). The wheel's own dependencies are left out: installing it brings them.
    A module that no installed distribution provides is reported in ``unknown``.

    >>> requirements({"numpy", "os", "sklearn", "mlcheatsheet", "matplotlib"})
    (['matplotlib', 'scikit-learn'], [])
    """
    from packaging.utils import canonicalize_name

    root = Path(root) if root else Path(__file__).resolve().parents[2]
    deps = [re.split(r"[<>=!~; \[]", d)[0] for d in project(root).get("dependencies", [])]
    skip = dependency_closure(*deps) | dependency_closure(*provided) if provided else \
        dependency_closure(*deps)
    found, unknown = set(), []
    for module in sorted(modules):
        if module in sys.stdlib_module_names or module in {PACKAGE, "__future__"}:
            continue
        dists = _distributions().get(module)
        if not dists:
            unknown.append(module)
            continue
        if canonicalize_name(dists[0]) not in skip:
            found.add(canonicalize_name(dists[0]))
    return sorted(found), unknown


class RequirementsCache:
    """Requirements of code, remembered by the code's hash in a JSON file (cheap no-ops)."""

    def __init__(self, path, root, provided=()):
        self.path, self.root, self.provided = Path(path), root, tuple(provided)
        try:
            self.data = json.loads(self.path.read_text())
        except (OSError, ValueError):  # none yet (or cut short): it is only a cache
            self.data = {}
        self.dirty = False

    def __call__(self, code, where=""):
        key = hashlib.sha256((repr(self.provided) + code).encode()).hexdigest()[:20]
        if key not in self.data:
            found, unknown = requirements(imported_modules(code), self.provided, self.root)
            for module in unknown:
                logger.warning(f"{where}: imports {module!r}, which no installed distribution "
                               f"provides: cannot say what to install", type="package_downloads")
            self.data[key] = found
            self.dirty = True
        return self.data[key]

    def save(self):
        if self.dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            scratch = self.path.with_name(f"{self.path.name}.{os.getpid()}")
            scratch.write_text(json.dumps(self.data, indent=0, sort_keys=True))
            os.replace(scratch, self.path)  # parallel writers: whole files only
            self.dirty = False


def pinned(names, constraints):
    """``names`` pinned to the versions of ``constraints.txt`` (as they are where absent)."""
    from packaging.utils import canonicalize_name

    pins = {}
    for line in Path(constraints).read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            name, version = line.split("#")[0].strip().split("==")
            pins[canonicalize_name(name)] = version
    return [f"{n}=={pins[canonicalize_name(n)]}" if canonicalize_name(n) in pins else n
            for n in names]


def install_line(wheel, extras):
    """``pip install <wheel> matplotlib scikit-learn`` as plain text."""
    return " ".join(["pip install", wheel, *extras])


# --- Sphinx --------------------------------------------------------------------------------

def _root(app):
    return Path(app.confdir)


def _build_downloads(app, config):
    root = _root(app)
    meta = project(root)
    cache = Path(app.outdir).parent / "downloads"
    wheel, rebuilt = cached(lambda d: write_wheel(root, d), package_files(root, meta)
                            + [("pyproject.toml", root / "pyproject.toml"),
                               ("README.md", root / meta.get("readme", "README.md"))],
                            "wheel-1", cache, wheel_name(meta))
    files = project_files(root)
    source, _ = cached(lambda d: write_source_zip(root, d, files), files, "source-1", cache,
                       source_name(meta))
    if rebuilt:
        logger.info(f"package_downloads: wrote {wheel.name}")
    app.package_downloads = {"wheel": wheel, "source": source,
                             "requirements": RequirementsCache(cache / "requirements.json", root),
                             "notebook_requirements": RequirementsCache(
                                 cache / "notebook-requirements.json", root,
                                 provided=("ipykernel",))}
    config.html_context.setdefault("project_wheel", f"{DOWNLOADS}/{wheel.name}")
    config.html_context.setdefault("project_source", f"{DOWNLOADS}/{source.name}")


def wheel_path(app):
    """Path of the served wheel, relative to the site root (``_downloads/<wheel>``)."""
    return f"{DOWNLOADS}/{app.package_downloads['wheel'].name}"


def wheel_url(app, docname):
    """The wheel's address from ``docname``: absolute with ``html_baseurl``, else relative."""
    base = app.config.html_baseurl
    if base:
        return base.rstrip("/") + "/" + wheel_path(app)
    return "../" * docname.count("/") + wheel_path(app)


_GALLERY_TITLE = re.compile(r"^(?P<title>\S[^\n]*)\n(?P<rule>=+)\n", re.MULTILINE)


def _gallery_install_line(app, docname, source):
    """Under the title of every gallery example: the one line that installs what it needs."""
    conf = getattr(app.config, "sphinx_gallery_conf", {}) or {}
    gallery_dirs = conf.get("gallery_dirs", [])
    gallery_dirs = [gallery_dirs] if isinstance(gallery_dirs, str) else gallery_dirs
    if not any(docname.startswith(f"{g}/") for g in gallery_dirs):
        return
    script = Path(app.srcdir, docname + ".py")
    if not script.is_file() or "sphx-glr-example-title" not in source[0]:
        return
    extras = app.package_downloads["requirements"](script.read_text(encoding="utf-8"),
                                                   where=docname)
    app.package_downloads["requirements"].save()
    app.env.note_dependency(str(_root(app) / "pyproject.toml"))
    wheel = app.package_downloads["wheel"].name
    line = ("\n.. rst-class:: install-line\n\n"
            f"**Run it yourself:** ``pip install`` `{wheel} <{wheel_url(app, docname)}>`__"
            + (f" ``{' '.join(extras)}``" if extras else "")
            + " (the library's wheel from this site, then what the script imports)\n")
    match = _GALLERY_TITLE.search(source[0])
    if match and len(match["rule"]) >= len(match["title"].rstrip()):
        source[0] = source[0][:match.end()] + line + source[0][match.end():]


def _gallery_zip_sources(app):
    """The download-all zips sphinx-gallery wrote: ``{zip: [script, ...]}``."""
    conf = getattr(app.config, "sphinx_gallery_conf", {}) or {}
    gallery_dirs = conf.get("gallery_dirs", [])
    gallery_dirs = [gallery_dirs] if isinstance(gallery_dirs, str) else gallery_dirs
    zips = {}
    for gallery in gallery_dirs:
        for path in Path(app.srcdir, gallery).rglob("*.zip"):
            if path.name.endswith(("_python.zip", "_jupyter.zip")):  # a gallery's, or a section's
                zips[path] = sorted(path.parent.rglob("plot_*.py"))  # the scripts it holds
    return zips


def requirements_file(scripts, app):
    names = sorted({n for s in scripts
                    for n in app.package_downloads["requirements"](s.read_text(encoding="utf-8"),
                                                                  where=str(s))})
    wheel = app.package_downloads["wheel"].name
    lines = ["# What these examples need, read from their imports; numpy comes with the library.",
             "# Versions pinned to those the site was built and tested with (constraints.txt).",
             "# In the unzipped folder: pip install -r requirements.txt", f"./{wheel}"]
    return "\n".join(lines + pinned(names, _root(app) / "constraints.txt")) + "\n"


def _finish(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    downloads = Path(app.outdir, DOWNLOADS)
    downloads.mkdir(parents=True, exist_ok=True)
    for key in ("wheel", "source"):
        built = app.package_downloads[key]
        served = downloads / built.name
        if not served.is_file() or served.read_bytes() != built.read_bytes():
            shutil.copyfile(built, served)
    # Sphinx copies sphinx-gallery's zips afresh on every build; add the requirements
    # file and the wheel to the served copies.
    wheel = app.package_downloads["wheel"]
    for source, scripts in _gallery_zip_sources(app).items():
        rel = Path(source).relative_to(app.srcdir)
        entry = next((v for k, v in app.env.dlfiles.items() if Path(k) == rel), None)
        if not entry:
            continue
        served = downloads / entry[1]
        if not served.is_file():
            continue
        with zipfile.ZipFile(served, "a") as archive:
            names = set(archive.namelist())
            if "requirements.txt" not in names:
                _zip_entry(archive, "requirements.txt", requirements_file(scripts, app))
            if wheel.name not in names:
                _zip_entry(archive, wheel.name, wheel.read_bytes())
    app.package_downloads["requirements"].save()


def setup(app):
    app.connect("config-inited", _build_downloads)
    app.connect("source-read", _gallery_install_line)
    app.connect("build-finished", _finish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
