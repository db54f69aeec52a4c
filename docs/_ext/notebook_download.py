"""Offer every executed page as a Jupyter notebook and as its Markdown source.

For each MyST-NB text notebook the HTML build writes ``_downloads/notebooks/<page>.ipynb``
(the page's cells, without outputs) and the page template shows download links
next to the title (``docs/_templates/components/edit-this-page.html``). Library
code shown with ``{libcode}`` is written into the notebook as a plain code block,
so the notebook reads well outside the site.
"""

import re
from pathlib import Path, PurePosixPath

import nbformat
from myst_nb.core.read import read_myst_markdown_notebook

from libcode import function_source

_LIBCODE = re.compile(r"```\{libcode\} (\S+)\n```")


def _inline_libcode(text, root):
    def replace(match):
        target = match.group(1)
        parts = target.split(".")
        for split in range(len(parts) - 1, 0, -1):
            module = root.joinpath(*parts[:split]).with_suffix(".py")
            if module.is_file():
                code = function_source(module, ".".join(parts[split:]))
                return f"```python\n# {module.relative_to(root).as_posix()}\n{code}\n```"
        return match.group(0)

    return _LIBCODE.sub(replace, text)


def _page_context(app, pagename, templatename, context, doctree):
    if doctree is None or app.builder.format != "html":
        return
    source = Path(app.env.doc2path(pagename))
    if source.suffix != ".md":
        return
    text = source.read_text(encoding="utf-8")
    depth = "../" * pagename.count("/")
    if "{code-cell}" not in text:
        return
    notebook = read_myst_markdown_notebook(_inline_libcode(text, Path(app.srcdir).parent))
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number}"  # nbformat's ids are random: same page, same file
    target = Path(app.outdir, "_downloads", "notebooks", f"{pagename}.ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    context["page_notebook_download"] = str(PurePosixPath(depth) / "_downloads" / "notebooks"
                                            / f"{pagename}.ipynb")


def setup(app):
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
