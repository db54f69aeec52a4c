"""Keep executed output in step with the library it runs.

MyST-NB's execution cache keys on a page's cell code, and sphinx-gallery reruns
an example only when the script itself changes. Neither notices an edit to
``mlcheatsheet/``, so a page could keep showing numbers the library no longer
produces. This extension closes that gap:

* every page and gallery script is scanned for the ``mlcheatsheet`` modules it
  uses (imports and ``literalinclude`` paths), followed through the package's
  own imports;
* pages get Sphinx dependencies on those files, so an edit re-reads (and so
  re-executes) exactly the pages that use the edited module;
* the notebook cache lives in a folder named after a fingerprint of the
  library, so a re-read page can never be served a cached run of older code;
* a gallery script whose modules changed since its last run has its ``.md5``
  stamp removed, which makes sphinx-gallery run it again.
"""

import hashlib
import json
import re
import shutil
from functools import lru_cache
from pathlib import Path

_USES = re.compile(r"mlcheatsheet(?:\.|/)([A-Za-z_]\w*)")
_FROM_PACKAGE = re.compile(r"from[ \t]+mlcheatsheet[ \t]+import[ \t]+(?:\(([\w\s,]+)\)|([\w \t,]+))")
_RELATIVE_IMPORT = re.compile(r"^\s*from\s+\.(\w*)\s+import\s+([\w ,()]+)", re.MULTILINE)


class LibraryDeps:
    def __init__(self, package_dir):
        self.package_dir = Path(package_dir)

    def _module_file(self, name):
        path = self.package_dir / f"{name}.py"
        return path if path.is_file() else None

    @lru_cache(maxsize=None)
    def closure(self, name):
        """Files of module ``name`` and of every package module it imports."""
        first = self._module_file(name)
        if first is None:
            return frozenset()
        seen, todo = {first}, [first]
        while todo:
            text = todo.pop().read_text(encoding="utf-8")
            for module, names in _RELATIVE_IMPORT.findall(text):
                candidates = [module] if module else re.findall(r"\w+", names)
                for cand in candidates:
                    path = self._module_file(cand)
                    if path is not None and path not in seen:
                        seen.add(path)
                        todo.append(path)
        init = self.package_dir / "__init__.py"
        return frozenset(seen | {init})

    def files_used_by(self, text):
        files, names = set(), set(_USES.findall(text))
        for parenthesized, plain in _FROM_PACKAGE.findall(text):
            imported = parenthesized or plain
            names |= {part.split()[0] for part in imported.split(",") if part.strip()}
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


def notebook_cache_path(build_root, deps, extra_files=()):
    """Return the cache folder for the current library and delete stale siblings.

    ``extra_files`` (such as ``conf.py``, which sets the kernels' environment)
    are part of the key too.
    """
    parent = Path(build_root) / ".jupyter_cache"
    key = deps.fingerprint()
    if extra_files:
        key = hashlib.sha256(key.encode() + b"".join(Path(f).read_bytes() for f in extra_files))
        key = key.hexdigest()[:16]
    current = parent / key
    if parent.is_dir():
        for old in parent.iterdir():
            if old != current and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    return str(current)


def invalidate_gallery(gallery_src, gallery_out, state_file, deps):
    """Remove sphinx-gallery's md5 stamp of every script whose library code changed."""
    state_file = Path(state_file)
    old = json.loads(state_file.read_text()) if state_file.is_file() else {}
    new = {}
    for script in sorted(Path(gallery_src).rglob("plot_*.py")):
        rel = script.relative_to(gallery_src).as_posix()
        new[rel] = deps.fingerprint(deps.files_used_by(script.read_text(encoding="utf-8")))
        if old.get(rel) != new[rel]:
            stamp = Path(gallery_out) / (rel + ".md5")
            stamp.unlink(missing_ok=True)
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_text(json.dumps(new, indent=1, sort_keys=True))


@lru_cache(maxsize=None)
def deps_for(package_dir):
    return LibraryDeps(package_dir)


def _note_page_deps(app, docname, source):
    for path in deps_for(app.config.libdeps_package).files_used_by(source[0]):
        app.env.note_dependency(str(path))


def setup(app):
    app.add_config_value("libdeps_package", "", "env", types=[str])
    app.connect("source-read", _note_page_deps)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
