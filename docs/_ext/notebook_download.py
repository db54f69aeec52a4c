"""Offer every executed page as a clean Jupyter notebook, with its outputs.

For each MyST-NB text notebook the HTML build writes ``_downloads/notebooks/<page>.ipynb``
and the page template shows the download link and the one line that installs
what the page's code needs, next to the title
(``docs/_templates/components/edit-this-page.html``).

The notebook is the one MyST-NB executed for the page (``_build/jupyter_execute/``,
read from its execution cache, so nothing runs twice), made to read and run in
plain Jupyter:

* code cells: ``from myst_nb import glue`` and the ``glue(...)`` calls are removed
  (:func:`strip_glue`; a ``glue(name, value)`` that displays becomes
  ``display(value)``); the outputs of the executed page are kept, figures included;
  the hidden cell ``libdeps`` adds for its cache key is dropped;
* Markdown cells (:func:`plain_markdown`, on markdown-it tokens from MyST's own
  parser): ``{glue:text}`` roles become the glued numbers, formatted as on the page;
  ``{term}``, ``{ref}``, ``{doc}`` become their text (links to the site when
  ``html_baseurl`` is set), ``{footcite}`` "Author (Year)", ``{eq}`` the equation's
  number; admonitions become block quotes with a bold title, ``{libcode}`` the
  function's source, ``{footbibliography}`` a list of the page's references, math
  stays ``$…$``/``$$…$$``; a role or directive this exporter does not know is a
  warning (which fails the strict build) rather than raw MyST in the download;
* a first note says what to install (the same line as on the page).
"""

import ast
import json
import re
import textwrap
from pathlib import Path, PurePosixPath

import nbformat
from sphinx.util import logging

import package_downloads as pd
from glue_alt import substitute
from libcode import function_source
from libdeps import FINGERPRINT_CELL

logger = logging.getLogger(__name__)

_LIBCODE = re.compile(r"```\{libcode\} (\S+)\n```")
_FINGERPRINT = FINGERPRINT_CELL.split("\n\n", 1)[1].split("{}")[0]  # "# mlcheatsheet files ..."
#: a role, or an inline code span (kept as it is, so a role inside code is not touched)
_ROLE_OR_CODE = re.compile(r"\{(?P<role>[\w:\-]+)\}`(?P<content>[^`]*)`|(?P<ticks>`+).+?(?P=ticks)")
_TITLED = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
_ADMONITIONS = {"note", "tip", "hint", "important", "warning", "caution", "attention", "danger",
                "error", "seealso"}


def _inline_libcode(target, root):
    parts = target.split(".")
    for split in range(len(parts) - 1, 0, -1):
        module = Path(root).joinpath(*parts[:split]).with_suffix(".py")
        if module.is_file():
            code = function_source(module, ".".join(parts[split:]))
            return f"```python\n# {module.relative_to(root).as_posix()}\n{code}\n```"
    return None


# --- code cells -----------------------------------------------------------------------------

def strip_glue(code):
    """``code`` without MyST-NB's glue: the import and the calls go, nothing else changes.

    >>> print(strip_glue("from myst_nb import glue\\nx = 2\\nglue('x', x, display=False)\\n"
    ...                  "for k in 'ab':\\n    glue(k, 1, display=False)\\nglue('y', x * 3)"))
    x = 2
    display(x * 3)
    """
    if "glue" not in code:
        return code
    tree = ast.parse(code)
    lines = code.splitlines()
    removed, replaced = set(), {}

    def is_glue_call(stmt):
        return (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
                and isinstance(stmt.value.func, ast.Name) and stmt.value.func.id == "glue")

    def visit(body):
        """Mark the glue statements of ``body``; True when every statement there goes."""
        gone = 0
        for stmt in body:
            if isinstance(stmt, ast.ImportFrom) and stmt.module == "myst_nb" and \
                    {a.name for a in stmt.names} == {"glue"}:
                removed.add(stmt)
            elif is_glue_call(stmt):
                shown = next((k.value for k in stmt.value.keywords if k.arg == "display"), None)
                if isinstance(shown, ast.Constant) and shown.value is False:
                    removed.add(stmt)
                else:
                    replaced[stmt] = f"display({ast.get_source_segment(code, stmt.value.args[1])})"
            elif isinstance(stmt, (ast.For, ast.While)) and not stmt.orelse and visit(stmt.body):
                removed.add(stmt)  # a loop that only glued
            else:
                for field in ("body", "orelse", "finalbody"):
                    inner = getattr(stmt, field, None)
                    if isinstance(inner, list) and inner and visit(inner):
                        replaced[inner[0]] = "pass"
                        removed.update(inner[1:])
                for handler in getattr(stmt, "handlers", []):
                    if visit(handler.body):
                        replaced[handler.body[0]] = "pass"
                        removed.update(handler.body[1:])
            gone += stmt in removed
        return gone == len(body)

    visit(tree.body)
    keep = [True] * len(lines)
    for stmt in removed - set(replaced):
        for i in range(stmt.lineno - 1, stmt.end_lineno):
            keep[i] = False
    for stmt, text in replaced.items():
        indent = lines[stmt.lineno - 1][:stmt.col_offset]
        for i in range(stmt.lineno, stmt.end_lineno):
            keep[i] = False
        lines[stmt.lineno - 1] = indent + text
        keep[stmt.lineno - 1] = True
    out = "\n".join(line for line, k in zip(lines, keep) if k)
    out = re.sub(r"\n{3,}", "\n\n", out).strip("\n")
    if re.search(r"\bglue\b", out) or "myst_nb" in out:
        raise ValueError("glue is used in a way the notebook export cannot remove")
    return out


# --- Markdown cells ---------------------------------------------------------------------------

class Resolver:
    """What the roles of one page point to, from the Sphinx environment (or nothing)."""

    def __init__(self, glue=None, labels=None, titles=None, terms=None, equations=None,
                 cite=None, base_url="", root="."):
        self.glue, self.labels, self.titles = glue or {}, labels or {}, titles or {}
        self.terms, self.equations, self.cite = terms or {}, equations or {}, cite or {}
        self.base_url, self.root, self.cited = base_url, Path(root), []

    def link(self, text, docname, anchor=""):
        if not self.base_url or docname is None:
            return text
        fragment = f"#{anchor}" if anchor else ""
        return f"[{text}]({self.base_url.rstrip('/')}/{docname}.html{fragment})"

    def role(self, name, content):
        titled = _TITLED.match(content)
        text, target = (titled["text"], titled["target"]) if titled else (None, content)
        if name in {"glue", "glue:text", "glue:", "lit"}:
            return substitute(f"{{{name}}}`{content}`", self.glue)
        if name == "glue:md":
            return self.glue[content]["data"].get("text/markdown",
                                                  self.glue[content]["data"]["text/plain"])
        if name == "term":
            docname, anchor = self.terms.get(target.lower(), (None, ""))
            return self.link(text or target, docname, anchor)
        if name in {"ref", "numref"}:
            docname, anchor, title = self.labels.get(target, (None, "", target))
            return self.link(text or title, docname, anchor)
        if name == "doc":
            return self.link(text or self.titles.get(target, target), target)
        if name == "eq":
            return f"({self.equations[target]})" if target in self.equations else f"({target})"
        if name == "math":
            return f"${content}$"
        if name.startswith("footcite"):
            keys = [k.strip() for k in content.split(",")]
            self.cited += [k for k in keys if k not in self.cited]
            if name == "footcite:t":
                return "; ".join(f"{self._authors(k)} ({self._year(k)})" for k in keys)
            return "(" + "; ".join(f"{self._authors(k)}, {self._year(k)}" for k in keys) + ")"
        if name in {"func", "class", "meth", "mod", "attr", "obj", "exc", "data"} or \
                name.startswith("py:"):
            shown = (text or target).lstrip("~")
            short = shown.rsplit(".", 1)[-1] if (text or target).startswith("~") else shown
            return f"`{short}{'()' if name.endswith(('func', 'meth')) else ''}`"
        raise KeyError(name)

    # citations, from the entries sphinxcontrib-bibtex parsed (pybtex)
    def _authors(self, key):
        entry = self.cite.get(key)
        if entry is None:
            return key
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        names = [re.sub(r"[{}]", "", " ".join(p.last_names)) for p in people]
        if "others" in names:  # BibTeX's "and others"
            return f"{names[0]} et al."
        if not names:
            return re.sub(r"[{}]", "", entry.fields.get("organization", key))
        return names[0] if len(names) == 1 else \
            f"{names[0]} and {names[1]}" if len(names) == 2 else f"{names[0]} et al."

    def _year(self, key):
        entry = self.cite.get(key)
        return entry.fields.get("year", "n.d.") if entry is not None else "n.d."

    def bibliography(self):
        items = []
        for key in self.cited:
            entry = self.cite.get(key)
            if entry is None:
                continue
            title = re.sub(r"[{}]", "", entry.fields.get("title", key))
            where = next((re.sub(r"[{}]", "", entry.fields[f]) for f in
                          ("journal", "booktitle", "publisher", "howpublished", "institution")
                          if f in entry.fields), "")
            url = entry.fields.get("url", "")
            items.append(f"- {self._authors(key)} ({self._year(key)}). *{title}*."
                         + (f" {where}." if where else "") + (f" <{url}>" if url else ""))
        self.cited = []
        return "\n".join(items)


def _roles(text, resolver, where):
    def replace(match):
        if match["role"] is None:
            return match.group(0)
        try:
            return resolver.role(match["role"], match["content"])
        except KeyError as err:
            logger.warning(f"{where}: the notebook export cannot turn {{{match['role']}}}"
                           f"`{match['content']}` into Markdown ({err})", type="notebook_download")
            return match["content"]

    return _ROLE_OR_CODE.sub(replace, text)


def _directive_body(content):
    """The body of a directive, without its ``:option:`` lines or ``---`` YAML block."""
    lines = content.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1:]
    while lines and re.match(r"^:[\w-]+:", lines[0]):
        lines = lines[1:]
    return "\n".join(lines).strip("\n")


def _parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions={
        "dollarmath", "amsmath", "colon_fence", "deflist"}), RendererHTML)


def plain_markdown(text, resolver, where="", md=None):
    """``text`` (MyST Markdown) as Markdown that Jupyter renders, through MyST's parser.

    >>> print(plain_markdown("(lbl)=\\n# T\\n\\nSee {term}`gradient`.\\n\\n"
    ...                      "```{admonition} Careful\\n:class: warning\\nA *b*.\\n```\\n",
    ...                      Resolver()))
    # T
    <BLANKLINE>
    See gradient.
    <BLANKLINE>
    > **Careful**
    >
    > A *b*.
    """
    md = md or _parser()
    lines = text.splitlines()
    out, cursor = [], 0
    for token in md.parse(text):
        if token.level != 0 or not token.map or token.map[1] <= cursor:
            continue
        start, end = max(token.map[0], cursor), token.map[1]
        out += lines[cursor:start]  # blank lines between blocks
        cursor = end
        block = "\n".join(lines[start:end])
        if token.type in {"myst_target", "myst_line_comment", "myst_block_break"}:
            continue
        if token.type == "math_block_label":
            number = resolver.equations.get(token.info)
            tag = f"\n\\tag{{{number}}}" if number else ""
            out.append(f"$$\n{token.content.strip()}{tag}\n$$")
        elif token.type in {"fence", "colon_fence"} and token.info.startswith("{"):
            name, _, argument = token.info[1:].partition("}")
            converted = _directive(name, argument.strip(), token.content, resolver, where, md)
            if converted is not None:
                out.append(converted)
        elif token.type in {"fence", "code_block", "math_block", "amsmath", "html_block"}:
            out.append(block)
        else:
            out.append(_roles(block, resolver, where))
    out += lines[cursor:]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")


def _directive(name, argument, content, resolver, where, md):
    if name == "admonition" or name in _ADMONITIONS:
        title = _roles(argument, resolver, where) if name == "admonition" else \
            ("See also" if name == "seealso" else name.capitalize())
        body = plain_markdown(_directive_body(content), resolver, where, md)
        quoted = "\n".join(f"> {line}" if line else ">" for line in body.splitlines())
        return f"> **{title}**\n>\n{quoted}"
    if name == "libcode":
        code = _inline_libcode(argument, resolver.root)
        if code is not None:
            return code
    elif name == "math":
        return f"$$\n{_directive_body(content)}\n$$"
    elif name == "glossary":
        return _glossary(_directive_body(content), resolver, where, md)
    elif name == "footbibliography":
        return resolver.bibliography() or None
    elif name == "eval-rst" and content.lstrip().startswith(".. minigallery::"):
        return resolver.link("The examples in the gallery of this site", "auto_examples/index") \
            + " show these functions at work."
    logger.warning(f"{where}: the notebook export cannot turn the {{{name}}} directive into "
                   f"Markdown", type="notebook_download")
    return _directive_body(content)


def _glossary(body, resolver, where, md):
    """A glossary (terms flush left, definitions indented) as bold terms over paragraphs."""
    entries, current = [], None
    for line in body.splitlines():
        if line and not line[0].isspace():
            if current is None or current[1]:
                current = ([], [])
                entries.append(current)
            current[0].append(line.strip())
        elif current is not None:
            current[1].append(line)
    out = []
    for terms, definition in entries:
        text = plain_markdown(textwrap.dedent("\n".join(definition)), resolver, where, md)
        out.append(", ".join(f"**{_roles(t, resolver, where)}**" for t in terms) + "  \n" + text)
    return "\n\n".join(out)


# --- the notebook -----------------------------------------------------------------------------

def clean_notebook(executed, resolver, install_note=None, where=""):
    """The executed page notebook ``executed``, as a notebook for plain Jupyter.

    ``install_note`` (Markdown) goes under the title; a callable gets the cleaned
    code of the notebook and returns the note.
    """
    md = _parser()
    cells = []
    for cell in executed.cells:
        if cell.cell_type == "code":
            if cell.source.lstrip().startswith(_FINGERPRINT):
                continue  # libdeps' cache key, not the page's code
            try:
                cell.source = strip_glue(cell.source)
            except (SyntaxError, ValueError) as err:
                logger.warning(f"{where}: {err}", type="notebook_download")
            if not cell.source.strip():
                continue
            cell.outputs = [o for o in cell.get("outputs", [])  # glue's records go
                            if "scrapbook" not in o.get("metadata", {})
                            and not all(k.startswith("application/papermill.record/")
                                        for k in o.get("data", {"": 0}))]
            cell.metadata.pop("execution", None)
        elif cell.cell_type == "markdown":
            cell.source = plain_markdown(cell.source, resolver, where, md)
            if not cell.source.strip():
                continue
        cells.append(cell)
    if callable(install_note):
        install_note = install_note("\n".join(c.source for c in cells if c.cell_type == "code"))
    if install_note:
        first = cells[0] if cells and cells[0].cell_type == "markdown" else None
        if first is not None and first.source.startswith("# "):
            title, _, rest = first.source.partition("\n")
            first.source = f"{title}\n\n{install_note}\n{rest}".rstrip("\n")
        else:
            cells.insert(0, nbformat.v4.new_markdown_cell(install_note))
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number}"  # nbformat's ids are random: same page, same file
    executed.cells = cells
    executed.metadata = {k: v for k, v in executed.metadata.items()
                         if k in {"kernelspec", "language_info"}}
    return executed


def page_resolver(app, pagename):
    from myst_nb.sphinx_ext import OUTPUT_FOLDER

    env = app.env
    glue_file = Path(app.outdir).parent / OUTPUT_FOLDER / f"{pagename}.glue.json"
    std = env.get_domain("std")
    try:
        cite = env.get_domain("cite").bibdata.data.entries
    except Exception:  # noqa: BLE001  (no sphinxcontrib-bibtex, no citations)
        cite = {}
    return Resolver(
        glue=json.loads(glue_file.read_text(encoding="utf8")) if glue_file.is_file() else {},
        labels=std.labels,
        titles={doc: title.astext() for doc, title in env.titles.items()},
        terms={name.lower(): (doc, anchor) for (kind, name), (doc, anchor) in std.objects.items()
               if kind == "term"},
        equations={label: number for label, (doc, number) in
                   env.get_domain("math").equations.items() if doc == pagename},
        cite=cite, base_url=app.config.html_baseurl, root=Path(app.srcdir).parent)


def _executed_notebook(app, pagename, text):
    """The page as MyST-NB executed it: its cells, with the outputs from the execution cache.

    MyST-NB writes the page's notebook to ``_build/jupyter_execute/`` (with the cell
    libdeps adds); on a cache hit that copy has no outputs, so they are merged in
    from jupyter-cache, as MyST-NB itself does. Nothing is executed here.
    """
    from myst_nb.sphinx_ext import OUTPUT_FOLDER

    path = Path(app.outdir).parent / OUTPUT_FOLDER / f"{pagename}.ipynb"
    if not path.is_file():  # not executed (nb_execution_mode = "off"): the cells alone
        from myst_nb.core.read import read_myst_markdown_notebook
        return read_myst_markdown_notebook(text)
    notebook = nbformat.read(path, as_version=4)
    cache_path = app.config.nb_execution_cache_path
    if app.config.nb_execution_mode == "cache" and cache_path and Path(cache_path).is_dir():
        from jupyter_cache import get_cache

        try:
            _, notebook = get_cache(cache_path).merge_match_into_notebook(notebook)
        except KeyError:  # not in the cache: executed in place, the outputs are in the file
            pass
    return notebook


def _page_context(app, pagename, templatename, context, doctree):
    if doctree is None or app.builder.format != "html":
        return
    source = Path(app.env.doc2path(pagename))
    if source.suffix != ".md":
        return
    text = source.read_text(encoding="utf-8")
    if "{code-cell}" not in text:
        return
    executed = _executed_notebook(app, pagename, text)
    doctests = "\n".join(re.findall(r"^```python\n(>>> .*?)^```", text, re.MULTILINE | re.DOTALL))
    wheel, found = app.package_downloads["wheel"].name, {}

    def install_note(code):
        """What the cleaned code and the page's doctests import, as the note under the title."""
        found["extras"] = sorted(
            set(app.package_downloads["notebook_requirements"](code, where=pagename))
            | set(app.package_downloads["requirements"](doctests, where=pagename)))
        return (f"> **To run this notebook**, download the library's wheel `{wheel}` from the "
                f"site (the link next to the page's title), then, in the folder you saved it "
                f"to:\n>\n> `{pd.install_line(wheel, found['extras'])}`")

    notebook = clean_notebook(executed, page_resolver(app, pagename), install_note, pagename)
    app.package_downloads["notebook_requirements"].save()
    app.package_downloads["requirements"].save()
    extras = found["extras"]
    target = Path(app.outdir, "_downloads", "notebooks", f"{pagename}.ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    depth = "../" * pagename.count("/")
    context["page_notebook_download"] = str(PurePosixPath(depth) / "_downloads" / "notebooks"
                                            / f"{pagename}.ipynb")
    context["page_install"] = {"wheel": pd.wheel_path(app), "wheel_name": wheel,
                               "extras": extras}


def _note_install_dependency(app, docname, source):
    """A page's install line names the wheel, whose name has the version in pyproject.toml."""
    if "{code-cell}" in source[0] and app.env.doc2path(docname).suffix == ".md":
        app.env.note_dependency(str(Path(app.confdir) / "pyproject.toml"))


def setup(app):
    app.setup_extension("package_downloads")
    app.connect("source-read", _note_install_dependency)
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

