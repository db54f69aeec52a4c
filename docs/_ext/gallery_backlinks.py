"""``gallery_backlinks``: every gallery example links back to the page that explains it.

A script is named after its page (``gallery/<section>/plot_<topic>_<what>.py`` belongs to
``docs/<section>/<topic>.md``; ``tests/test_pages.py`` enforces it), so the link is derived
from the name, never typed: under the example's title, sphinx-gallery's generated reST gets
one line, *Explained on the page <title of the page>*.
"""

import re
from pathlib import Path

PREFIX = "auto_examples/"
TITLE = re.compile(r"^(?P<title>\S.*)\n(?P<rule>=+)\n", re.MULTILINE)


def topic_of(section_dir, stem):
    """The page (topic) a script ``stem`` belongs to: the longest ``<topic>`` with
    ``stem == "plot_<topic>"`` or ``stem.startswith("plot_<topic>_")`` whose page exists in
    ``section_dir``; None when there is none.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("linear.md", "linear_regression.md"):
    ...     _ = (folder / name).write_text("")
    >>> topic_of(folder, "plot_linear_regression_fit"), topic_of(folder, "plot_linear_fit")
    ('linear_regression', 'linear')
    >>> topic_of(folder, "plot_trees_depth") is None
    True
    """
    rest = stem[len("plot_"):] if stem.startswith("plot_") else None
    if rest is None:
        return None
    parts = rest.split("_")
    for n in range(len(parts), 0, -1):
        topic = "_".join(parts[:n])
        if (Path(section_dir) / f"{topic}.md").is_file():
            return topic
    return None


def with_backlink(text, section, topic):
    """``text`` (an example's reST) with the backlink put under its first ``=`` title.

    >>> print(with_backlink("Intro\\n\\nA title\\n=======\\n\\nBody.\\n", "basics", "gd"))
    Intro
    <BLANKLINE>
    A title
    =======
    <BLANKLINE>
    .. rst-class:: sphx-glr-backlink
    <BLANKLINE>
    Explained on the page :doc:`/basics/gd`.
    <BLANKLINE>
    <BLANKLINE>
    Body.
    <BLANKLINE>
    """
    match = TITLE.search(text)
    if match is None or len(match["rule"]) < len(match["title"].rstrip()):
        return text
    line = (f"\n.. rst-class:: sphx-glr-backlink\n\n"
            f"Explained on the page :doc:`/{section}/{topic}`.\n\n")
    return text[:match.end()] + line + text[match.end():]


def _on_source_read(app, docname, source):
    if not docname.startswith(PREFIX):
        return
    parts = docname[len(PREFIX):].split("/")
    if len(parts) != 2 or not parts[1].startswith("plot_"):
        return
    section, stem = parts
    topic = topic_of(Path(app.srcdir) / section, stem)
    if topic is not None:
        source[0] = with_backlink(source[0], section, topic)


def setup(app):
    app.connect("source-read", _on_source_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
