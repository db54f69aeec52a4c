"""``apipages``: one API page per library module, grouped by section, made from the package tree.

At ``builder-inited`` this writes ``docs/reference/api/<section>/<module>.md`` for every
public module of the package (``mlcheatsheet/<section>/<module>.py``, and the
top-level helpers as ``docs/reference/api/<module>.md``), plus one index page per
section. Each page carries a doctest, like every page of the site: a module page
imports the module and lists its ``__all__``, a section index imports every
module of the section (``tests/test_build_tools.py`` runs them on a fresh
generation). Nothing is written by hand, so a new module cannot be left out of the
reference, and the reference follows the library's layout by construction. Files
are rewritten only when their text changes, so a no-op rebuild stays a no-op.
The folder is generated: it is in ``.gitignore``.
"""

import ast
import shutil
from pathlib import Path

SECTION_TITLES = {
    "basics": "Basics",
    "math": "Mathematics",
    "regression": "Regression",
    "classification": "Classification",
    "model_selection": "Model selection",
    "features": "Features",
    "optimization": "Optimization",
    "neural_networks": "Neural networks",
    "deep_learning": "Deep learning",
    "algorithms": "Classical algorithms",
    "unsupervised": "Unsupervised learning",
    "reinforcement_learning": "Reinforcement learning",
    "applications": "Applications",
    "resources": "Resources",
}


def public_modules(package_dir):
    """``{section: [module, ...]}`` of the package; the top-level helpers under ``""``."""
    package_dir = Path(package_dir)
    found = {"": sorted(p.stem for p in package_dir.glob("[!_]*.py"))}
    for folder in sorted(p for p in package_dir.iterdir() if (p / "__init__.py").is_file()):
        if not folder.name.startswith("_"):
            found[folder.name] = sorted(p.stem for p in folder.glob("[!_]*.py"))
    return found


def _summary(path):
    doc = ast.get_docstring(ast.parse(Path(path).read_text(encoding="utf-8"))) or ""
    return " ".join(doc.split("\n\n")[0].split())


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _public_names(path):
    """The names in the module's ``__all__`` literal (read from the source, not imported)."""
    for node in ast.parse(Path(path).read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__"
                                                for t in node.targets):
            return [ast.literal_eval(e) for e in node.value.elts]
    return []


def _wrapped(items, first, indent, width=84):
    """``items`` joined by ", " in lines of at most ``width`` characters; the first line
    starts with ``first``, the others with ``indent``."""
    lines, line, fresh = [], first, True
    for item in items:
        if len(line) + len(item) + 2 > width and not fresh:
            lines.append(line.rstrip())
            line = indent
        line, fresh = line + item + ", ", False
    lines.append(line.rstrip(", "))
    return "\n".join(lines)


def module_page(dotted, path):
    """The page of module ``dotted`` (source at ``path``): how to import it and what it
    offers, as a doctest, then its docstring and members."""
    label = "api-" + dotted.split(".", 1)[1].replace(".", "-").replace("_", "-")
    parent, name = dotted.rsplit(".", 1)
    listing = _wrapped([repr(n) for n in _public_names(path)], "[", " ") + "]"
    return (f"({label})=\n# `{name}`\n\n"
            f"`{dotted}`: import it as below; these are its public names.\n\n"
            f"```python\n>>> from {parent} import {name}\n>>> {name}.__all__\n{listing}\n\n```\n\n"
            f"```{{eval-rst}}\n.. automodule:: {dotted}\n```\n")


def section_page(package, section, modules, package_dir):
    """The index of a section: its summary, an import of all its modules, their pages."""
    title = SECTION_TITLES.get(section, section.replace("_", " ").capitalize())
    summary = _summary(package_dir / section / "__init__.py")
    entries = "\n".join(modules)
    code = _wrapped(modules, f">>> from {package}.{section} import (", "...     ") + ")"
    return (f"(api-{section.replace('_', '-')})=\n# {title}\n\n"
            f"{summary}\n\nThe subpackage `{package}.{section}` holds these modules:"
            f"\n\n```python\n{code}\n\n```\n\n"
            f"```{{toctree}}\n:maxdepth: 1\n\n{entries}\n```\n")


def generate(package_dir, out_dir):
    """Write the API pages; return the section indexes and top-level pages, in reading order."""
    package_dir, out_dir = Path(package_dir), Path(out_dir)
    package = package_dir.name
    modules = public_modules(package_dir)
    wanted = set()
    order = [s for s in SECTION_TITLES if s in modules] + sorted(
        s for s in modules if s and s not in SECTION_TITLES)
    entries = []
    for section in order:
        if not modules[section]:
            continue
        for module in modules[section]:
            page = out_dir / section / f"{module}.md"
            _write(page, module_page(f"{package}.{section}.{module}",
                                     package_dir / section / f"{module}.py"))
            wanted.add(page)
        index = out_dir / section / "index.md"
        _write(index, section_page(package, section, modules[section], package_dir))
        wanted.add(index)
        entries.append(f"{section}/index")
    for module in modules[""]:
        page = out_dir / f"{module}.md"
        _write(page, module_page(f"{package}.{module}", package_dir / f"{module}.py"))
        wanted.add(page)
        entries.append(module)
    for stale in [p for p in out_dir.rglob("*.md") if p not in wanted]:
        stale.unlink()
    for folder in sorted((p for p in out_dir.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            shutil.rmtree(folder)
    return entries


def _on_builder_inited(app):
    package_dir = Path(app.config.apipages_package)
    out_dir = Path(app.srcdir) / app.config.apipages_dir
    generate(package_dir, out_dir)


def setup(app):
    app.add_config_value("apipages_package", "", "env", types=[str])
    app.add_config_value("apipages_dir", "reference/api", "env", types=[str])
    app.connect("builder-inited", _on_builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
