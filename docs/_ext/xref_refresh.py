"""``xref_refresh``: an incremental build never leaves a cross-reference pointing at a moved target.

Sphinx rewrites only the pages it re-read. When a label, a glossary term or an
API object moves to another page (or disappears), the pages that *link* to it are
not re-read, so their HTML kept the old link (and a vanished target raised no
warning) until ``make clean``. After reading, this extension compares where every
target lives with where it lived at the last build; if anything moved, appeared
or vanished, every page is rewritten (rewriting re-resolves the links from the
stored doctrees; nothing is re-executed), so stale links are fixed and missing
targets warn, which fails the strict build. When no target moved (the usual edit
of a page's text or code) nothing extra is written and the build stays fast.
"""

import hashlib
import json


def target_map(env):
    """A fingerprint of {target: page} for labels, glossary terms and Python objects."""
    std = env.get_domain("std")
    targets = {
        "labels": {name: value[0] for name, value in std.labels.items()},
        "anonlabels": {name: value[0] for name, value in std.anonlabels.items()},
        "objects": {f"{kind}:{name}": value[0] for (kind, name), value in std.objects.items()},
        "py": {name: entry.docname for name, entry in env.get_domain("py").objects.items()},
    }
    return hashlib.sha256(json.dumps(targets, sort_keys=True).encode()).hexdigest()


def _rewrite_all_if_targets_moved(app, env):
    current = target_map(env)
    previous = getattr(env, "xref_refresh_targets", None)
    env.xref_refresh_targets = current
    if previous is not None and previous != current:
        return sorted(env.found_docs)
    return []


def setup(app):
    app.connect("env-updated", _rewrite_all_if_targets_moved)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
