"""``search_entries``: keep every page's index entries in ``searchindex.js`` across rebuilds.

Sphinx's HTML builder feeds a page's ``{index}`` entries to the search index when it
writes the page, into a dict kept on the environment. But the environment is pickled
before the writing starts, so those entries never reach the pickle, and
``IndexBuilder.load`` does not read them back from the old ``searchindex.js`` either.
An incremental build therefore writes a search index that has the entries only of the
pages it rewrote: search no longer lists the page that teaches a term first (`make
html` then `make test` showed it). Sphinx 9.0.4 behaves so.

This extension saves the entries when a build finishes (``build-finished``) and puts
them back for the pages that still exist once the next build has read its sources
(``env-updated``, before writing). A page that is rewritten is fed again and replaces
its saved entries, so an edited page never keeps stale ones.
"""

import json
from pathlib import Path

FILENAME = "search-index-entries.json"


def _store(app):
    return Path(app.doctreedir) / FILENAME


def restore(env, saved):
    """Put the saved entries back for pages that still exist and have none; return how many.

    >>> class Env: all_docs = {"a": 0, "b": 0}; _search_index_index_entries = {"b": []}
    >>> env = Env()
    >>> restore(env, {"a": [["pca", "index-0", "main"]], "b": [["x", "i", ""]], "gone": []})
    1
    >>> env._search_index_index_entries
    {'b': [], 'a': [('pca', 'index-0', 'main')]}
    """
    entries = env._search_index_index_entries
    put = 0
    for docname, rows in saved.items():
        if docname in env.all_docs and docname not in entries:
            entries[docname] = [tuple(row) for row in rows]
            put += 1
    for docname in [d for d in entries if d not in env.all_docs]:  # removed pages
        del entries[docname]
    return put


def _env_updated(app, env):
    path = _store(app)
    if app.builder.format == "html" and path.is_file():
        restore(env, json.loads(path.read_text(encoding="utf-8")))
    return []


def _build_finished(app, exception):
    if exception is None and app.builder.format == "html":
        entries = getattr(app.env, "_search_index_index_entries", {})
        text = json.dumps({d: list(map(list, rows)) for d, rows in sorted(entries.items())})
        path = _store(app)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def setup(app):
    app.connect("env-updated", _env_updated)
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
