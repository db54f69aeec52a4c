"""``literal_numbers``: the ``{lit}`` role marks a number typed on a page on purpose.

The prose-number rule (``tools/prose_numbers.py``, run by ``tests/test_pages.py``)
asks every number with two or more significant digits in a page's prose to come
from ``glue``, so that it cannot drift from what the page computes. A few numbers
are not results — a convention ("batches below {lit}`16` samples"), the size of
a standard data set's images, a constant chosen by hand for a demonstration.
Writing them as ``{lit}`16``` says so where they stand, and renders as the plain
number.
"""

from docutils import nodes


def literal_number_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """Render ``{lit}`text``` as ``text``, unchanged."""
    return [nodes.Text(text)], []


def setup(app):
    app.add_role("lit", literal_number_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
