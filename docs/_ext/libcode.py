"""``libcode``: show a library function on a page, exactly as it is in the library.

``literalinclude`` with ``:pyobject:`` shows a whole function, docstring included,
which on a page repeats what the prose already says. This directive reads the
function from the module's source with :mod:`ast` and shows its signature and
body without the docstring, so nothing on a page is ever retyped::

    ```{libcode} mlcheatsheet.basics.linear_regression.mse_simple
    ```

The page is re-read whenever the module file changes.

A function's input checks are declared in one line above it
(``@validate(...)``, see ``mlcheatsheet/_validation.py``). That line is shown,
since it is part of the real source, but quietly: it is marked (``hl_lines``) and
the stylesheet dims it, and the caption says so, so the eye goes to the
computation.
"""

import ast
import textwrap
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective


def function_source(module_file, qualname, keep_docstring=False):
    """Return the source of ``qualname`` (``func`` or ``Class.method``) in ``module_file``."""
    text = Path(module_file).read_text(encoding="utf-8")
    lines = text.splitlines()
    scope = ast.parse(text)
    node = None
    for part in qualname.split("."):
        node = next((n for n in getattr(scope, "body", [])
                     if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                     and n.name == part), None)
        if node is None:
            raise ExtensionError(f"libcode: no function or class {qualname!r} in {module_file}")
        scope = node
    start = min([node.lineno] + [d.lineno for d in node.decorator_list])
    keep = list(range(start - 1, node.end_lineno))
    body = node.body
    if (not keep_docstring and body and isinstance(body[0], ast.Expr)
            and isinstance(getattr(body[0], "value", None), ast.Constant)
            and isinstance(body[0].value.value, str)):
        doc = set(range(body[0].lineno - 1, body[0].end_lineno))
        keep = [i for i in keep if i not in doc]
    return textwrap.dedent("\n".join(lines[i] for i in keep))


def check_lines(code):
    """1-based numbers of the lines of ``code`` that declare input checks (``@validate(...)``)."""
    lines = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for deco in node.decorator_list:
                target = deco.func if isinstance(deco, ast.Call) else deco
                name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                if name == "validate":
                    lines.update(range(deco.lineno, deco.end_lineno + 1))
    return sorted(lines)


class LibCode(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec = {"docstring": lambda arg: True}

    def run(self):
        target = self.arguments[0]
        parts = target.split(".")
        root = Path(self.env.srcdir).parent
        for split in range(len(parts) - 1, 0, -1):
            module_file = root.joinpath(*parts[:split]).with_suffix(".py")
            if module_file.is_file():
                break
        else:
            raise self.error(f"libcode: cannot find the module of {target!r} under {root}")
        qualname = ".".join(parts[split:])
        try:
            code = function_source(module_file, qualname, "docstring" in self.options)
        except ExtensionError as exc:
            raise self.error(str(exc)) from None
        self.env.note_dependency(str(module_file))
        block = nodes.literal_block(code, code, language="python")
        quiet = check_lines(code)
        if quiet:
            block["highlight_args"] = {"hl_lines": quiet}
        rel = module_file.relative_to(root).as_posix()
        # The caption names the file and links the function to its API entry; a private
        # member (``Dense._forward``) has none, so it links to its public owner's.
        public = qualname.split(".")
        while len(public) > 1 and public[-1].startswith("_"):
            public.pop()
        link = ".".join(parts[:split] + public)
        xref = addnodes.pending_xref("", nodes.literal(qualname, qualname), refdomain="py",
                                     reftype="obj", reftarget=link, refexplicit=True,
                                     refwarn=True)
        parts = [nodes.literal(rel, rel), nodes.Text(" — "), xref]
        if quiet:
            parts.append(nodes.inline(" (input checks dimmed)", " (input checks dimmed)",
                                      classes=["libcode-legend"]))
        caption = nodes.caption("", "", *parts)
        container = nodes.container("", caption, block,
                                    classes=["literal-block-wrapper", "libcode"],
                                    literal_block=True)
        self.set_source_info(container)
        return [container, *self._proof(root, rel, qualname, target)]

    def _proof(self, root, rel, qualname, target):
        """The folded *Checked by* line from the last test run (docs/_ext/proof.py)."""
        import proof

        summary_file = proof.summary_path(root)
        summary = proof.load(summary_file)
        if summary is None:
            return []
        self.env.note_dependency(str(summary_file))
        if summary["objects"] is None:  # no test record yet, or a stale one
            return []
        section_topic = rel[len(proof.PACKAGE) + 1:].rsplit("/", 1)
        own = ("tests/" + "/".join(section_topic[:-1] + ["test_" + section_topic[-1]])
               if len(section_topic) > 1 else f"tests/test_{section_topic[0]}")
        shown = proof.render(summary, f"{rel}::{qualname}", self.env.docname, own)
        if shown is None:
            raise self.error(f"libcode: no test ran a line of {target} in the last test run "
                             f"(_build/proof/.coverage): a listing the tests do not check "
                             f"cannot be shown; test it in {own}")
        return [nodes.raw("", shown, format="html")]


def setup(app):
    app.add_directive("libcode", LibCode)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
