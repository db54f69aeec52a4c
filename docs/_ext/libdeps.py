"""Keep executed output in step with the library it runs.

MyST-NB's execution cache keys on a page's cell code, and sphinx-gallery reruns
an example only when the script itself changes. Neither notices an edit to
``mlcheatsheet/``, so a page could keep showing numbers the library no longer
produces. This extension closes that gap:

* every page and gallery script is scanned for the ``mlcheatsheet`` modules it
  uses (imports, dotted names such as ``{libcode}`` targets, file paths), followed
  through the package's own imports (absolute and relative, any depth);
* pages get Sphinx dependencies on those files, so an edit re-reads (and so
  re-executes) exactly the pages that use the edited module;
* every executed page gets one hidden, empty cell (tagged ``remove-cell``, added
  at build time only) that names a fingerprint of exactly the library files it
  uses; MyST-NB's cache keys on the cells' code, so a page re-executes when one
  of *its* modules changes and keeps its cached run when any other module does;
* a gallery script whose modules changed since its last run has its ``.md5``
  stamp removed, which makes sphinx-gallery run it again.
"""

import ast
import hashlib
import json
import re
import shutil
from functools import lru_cache
from pathlib import Path

# A dotted name under the package (``mlcheatsheet.basics.linear_regression.cost``), a
# file path (``mlcheatsheet/basics/linear_regression.py``) or a from-import.
_DOTTED = re.compile(r"\bmlcheatsheet((?:\.[A-Za-z_]\w*)+)")
_PATH = re.compile(r"\bmlcheatsheet((?:/[A-Za-z_]\w*)+)\.py\b")
_FROM = re.compile(r"\bfrom[ \t]+mlcheatsheet((?:\.\w+)*)[ \t]+import[ \t]+"
                   r"(?:\(([\w\s,]+)\)|([\w \t,]+))")


class LibraryDeps:
    """The files of the package (``package_dir``) that a page, a script or a module uses."""

    def __init__(self, package_dir):
        self.package_dir = Path(package_dir)

    def _resolve(self, parts):
        """The file of the longest prefix of ``parts`` that is a module or a package."""
        for end in range(len(parts), -1, -1):
            base = self.package_dir.joinpath(*parts[:end])
            if end and base.with_suffix(".py").is_file():
                return base.with_suffix(".py")
            if (base / "__init__.py").is_file():
                return base / "__init__.py"
        return None

    def _parents(self, path):
        """``__init__.py`` of every package from the top down to ``path``'s folder."""
        folder = path.parent
        inits = []
        while folder == self.package_dir or self.package_dir in folder.parents:
            inits.append(folder / "__init__.py")
            folder = folder.parent
        return [p for p in inits if p.is_file()]

    def _imports(self, path):
        """Package files imported by the module ``path`` (absolute and relative imports)."""
        rel = path.relative_to(self.package_dir).with_suffix("").parts
        package = list(rel[:-1])  # the package holding the module (or the package itself)
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[:len(package) - (node.level - 1)]
                    module = base + (node.module.split(".") if node.module else [])
                elif node.module and node.module.split(".")[0] == "mlcheatsheet":
                    module = node.module.split(".")[1:]
                else:
                    continue
                for alias in node.names:
                    found.add(self._resolve(module + [alias.name]))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "mlcheatsheet":
                        found.add(self._resolve(alias.name.split(".")[1:]))
        return {f for f in found if f is not None}

    @lru_cache(maxsize=None)
    def closure(self, name):
        """Files of module ``name`` (dotted, below the package) and of everything it imports."""
        first = self._resolve(name.split(".")) if name else self._resolve([])
        if first is None:
            return frozenset()
        seen, todo = {first}, [first]
        while todo:
            current = todo.pop()
            for path in self._imports(current) | set(self._parents(current)):
                if path not in seen:
                    seen.add(path)
                    todo.append(path)
        return frozenset(seen)

    def files_used_by(self, text):
        names = {dotted.lstrip(".") for dotted in _DOTTED.findall(text)}
        names |= {path.strip("/").replace("/", ".") for path in _PATH.findall(text)}
        for module, parenthesized, plain in _FROM.findall(text):
            imported = parenthesized or plain
            prefix = module.lstrip(".")
            for part in imported.split(","):
                if part.strip():
                    names.add(".".join(filter(None, [prefix, part.split()[0]])))
        files = set()
        for name in names:
            files |= self.closure(name)
        data = self.package_dir / "data"
        if files and "datasets.py" in {f.name for f in files}:
            files |= set(data.glob("*.csv"))
        return sorted(files)

    def fingerprint(self, files=None):
        if files is None:
            files = sorted(p for p in self.package_dir.rglob("*") if p.is_file()
                           and p.suffix in {".py", ".csv"} and "__pycache__" not in p.parts)
        digest = hashlib.sha256()
        for path in files:
            digest.update(path.relative_to(self.package_dir).as_posix().encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()[:16]


FINGERPRINT_CELL = ("\n```{{code-cell}} ipython3\n:tags: [remove-cell]\n\n"
                    "# mlcheatsheet files this page runs, fingerprint {}\n```\n")


def with_fingerprint_cell(text, deps):
    """``text`` of an executed page plus the hidden cell naming its library fingerprint."""
    if "{code-cell}" not in text:
        return text
    return text + FINGERPRINT_CELL.format(deps.fingerprint(deps.files_used_by(text)))


def notebook_cache_path(build_root, extra_files=()):
    """Return the execution cache folder and delete stale siblings.

    The folder is named after ``extra_files`` (such as ``conf.py``, which sets the
    kernels' environment): a change there re-executes every page. Library changes
    reach only the pages that use them, through :func:`with_fingerprint_cell`.
    """
    parent = Path(build_root) / ".jupyter_cache"
    key = hashlib.sha256(b"".join(Path(f).read_bytes() for f in extra_files)).hexdigest()[:16]
    current = parent / key
    if parent.is_dir():
        for old in parent.iterdir():
            if old != current and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    return str(current)


def invalidate_gallery(gallery_src, gallery_out, state_file, deps, extra_files=()):
    """Remove sphinx-gallery's md5 stamp of every script whose library code changed.

    A change to one of ``extra_files`` (such as the figure style) reruns every script.
    """
    state_file = Path(state_file)
    old = json.loads(state_file.read_text()) if state_file.is_file() else {}
    extra = hashlib.sha256(b"".join(Path(f).read_bytes() for f in extra_files)).hexdigest()[:8]
    new = {}
    for script in sorted(Path(gallery_src).rglob("plot_*.py")):
        rel = script.relative_to(gallery_src).as_posix()
        new[rel] = deps.fingerprint(deps.files_used_by(script.read_text(encoding="utf-8")))
        if extra_files:
            new[rel] += "-" + extra
        if old.get(rel) != new[rel]:
            stamp = Path(gallery_out) / (rel + ".md5")
            stamp.unlink(missing_ok=True)
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_text(json.dumps(new, indent=1, sort_keys=True))


@lru_cache(maxsize=None)
def deps_for(package_dir):
    return LibraryDeps(package_dir)


def _note_page_deps(app, docname, source):
    deps = deps_for(app.config.libdeps_package)
    for path in deps.files_used_by(source[0]):
        app.env.note_dependency(str(path))
    if app.env.doc2path(docname).suffix == ".md":
        source[0] = with_fingerprint_cell(source[0], deps)


def setup(app):
    app.add_config_value("libdeps_package", "", "env", types=[str])
    app.connect("source-read", _note_page_deps)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
