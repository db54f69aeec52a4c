"""``glue_alt``: figure alt text that states numbers takes them from the page's glue.

MyST-NB's ``{glue:text}`` role works in prose but not inside an image option, so
an alt text had to type the numbers its figure shows, and could drift from them.
With this extension the alt text of a cell's figure (``mystnb: image: alt:``) may
contain the same role, ``{glue:text}`key:format```; after the page is parsed,
each one is replaced by the glued value formatted exactly as the role would
format it, and ``{lit}`x``` (a number typed on purpose, see ``literal_numbers``)
by ``x``. A key the page never glued is an error, which fails the strict build.
"""

import json
import re
from pathlib import Path

from docutils import nodes
from myst_nb.core.variables import format_plain_text
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: ``{glue:text}`key``` or ``{glue:text}`key:format```, as in MyST prose.
GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`(?P<key>[^`:]+)(?::(?P<fmt>[^`]*))?`")
#: ``{lit}`16```: a number typed on purpose, shown as it is.
LIT_ROLE = re.compile(r"\{lit\}`(?P<text>[^`]*)`")


def substitute(text, glue_data):
    """``text`` with every glue role replaced by its value; ``KeyError`` names a missing key.

    >>> substitute("rate {glue:text}`r:.2f`, n = {glue:text}`n`, at {lit}`1.9`/L",
    ...            {"r": {"data": {"text/plain": "0.12345"}}, "n": {"data": {"text/plain": "7"}}})
    'rate 0.12, n = 7, at 1.9/L'
    """

    def value(match):
        key, fmt = match["key"], match["fmt"] or ""
        if key not in glue_data:
            raise KeyError(key)
        return format_plain_text(glue_data[key]["data"]["text/plain"], fmt)

    return LIT_ROLE.sub(lambda match: match["text"], GLUE_ROLE.sub(value, text))


class GlueAltText(SphinxTransform):
    """Replace glue roles in image alt text with the page's glued values."""

    default_priority = 200

    def apply(self):
        images = [node for node in self.document.findall(nodes.image)
                  if GLUE_ROLE.search(node.get("alt", "")) or LIT_ROLE.search(node.get("alt", ""))]
        if not images:
            return
        from myst_nb.sphinx_ext import OUTPUT_FOLDER

        path = Path(self.app.outdir).parent / OUTPUT_FOLDER / f"{self.env.docname}.glue.json"
        glue_data = json.loads(path.read_text(encoding="utf8")) if path.exists() else {}
        for node in images:
            try:
                node["alt"] = substitute(node["alt"], glue_data)
            except KeyError as err:
                logger.warning(f"alt text names glue key {err.args[0]!r}, which this page "
                               f"never glued", location=node, type="glue_alt")
            except (TypeError, ValueError) as err:
                logger.warning(f"alt text glue role cannot be formatted: {err}",
                               location=node, type="glue_alt")


def setup(app):
    app.add_transform(GlueAltText)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
