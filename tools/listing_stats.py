"""How the code shown on the pages reads: lines of input checks, body length, width.

Every ``{libcode}`` target of every page is read the way the directive shows it
(``libcode.function_source``: the function without its docstring) and its lines are
sorted into *check* lines and the rest:

* the ``@validate(...)`` decorator (the one quiet line a listing may have);
* in the body: ``raise`` statements, ``if`` guards whose branches only raise, and
  any statement that calls a check: a function of ``mlcheatsheet._validation``
  or a private helper of the module that raises (``_vector``, ``_pair``, ...).

``python tools/listing_stats.py`` prints the share of shown lines that are checks,
the median body length and the widest line; ``tests/test_pages.py`` holds every
listing to the rules (at most one check line, no checks in the body, lines no
wider than the code column).
"""

import ast
import re
import statistics
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import libcode  # noqa: E402

CODE_COLUMN = 88  # characters: the width of a code block at 1400 px (furo, 81% monospace)
VALIDATION_NAMES = {"as_float_array", "check_consistent_length", "check_interval",
                    "check_positive", "check_positive_int", "check_rng"}
TARGET = re.compile(r"^```\{libcode\}\s+(\S+)", re.MULTILINE)


def libcode_targets(docs=ROOT / "docs"):
    """``[(page, dotted target)]`` of every ``{libcode}`` directive in the pages."""
    found = []
    for page in sorted(Path(docs).rglob("*.md")):
        if {"auto_examples", "_build"} & set(page.parts):
            continue
        found += [(page, t) for t in TARGET.findall(page.read_text(encoding="utf-8"))]
    return found


def module_file(target, root=ROOT):
    parts = target.split(".")
    for split in range(len(parts) - 1, 0, -1):
        path = root.joinpath(*parts[:split]).with_suffix(".py")
        if path.is_file():
            return path, ".".join(parts[split:])
    raise LookupError(f"no module for {target}")


@lru_cache(maxsize=None)
def check_helpers(path):
    """Private functions of the module at ``path`` that raise: its input-check helpers."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("_") and any(
                isinstance(n, ast.Raise) for n in ast.walk(node)):
            names.add(node.name)
    return frozenset(names)


def _calls_check(node, helpers):
    for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in VALIDATION_NAMES or name in helpers or name.startswith("_check"):
            return True
    return False


def _only_raises(statements):
    return all(isinstance(s, ast.Raise) or (isinstance(s, ast.If) and _only_raises(s.body)
                                            and _only_raises(s.orelse)) for s in statements)


def _lines(node):
    return set(range(node.lineno, node.end_lineno + 1))


def _check_lines_in(statements, helpers):
    lines = set()
    for stmt in statements:
        if isinstance(stmt, ast.Raise):
            lines |= _lines(stmt)
        elif isinstance(stmt, ast.If) and _only_raises(stmt.body):
            if _only_raises(stmt.orelse):
                lines |= _lines(stmt)
            else:  # the guard and its raise; the else branch is computation
                lines |= set(range(stmt.lineno, stmt.body[-1].end_lineno + 1))
                lines |= _check_lines_in(stmt.orelse, helpers)
        elif isinstance(stmt, (ast.If, ast.For, ast.While, ast.With, ast.Try)):
            head = stmt.test if isinstance(stmt, (ast.If, ast.While)) else None
            if head is not None and _calls_check(head, helpers):
                lines |= _lines(head)
            for field in ("body", "orelse", "finalbody"):
                lines |= _check_lines_in(getattr(stmt, field, []), helpers)
            for handler in getattr(stmt, "handlers", []):
                lines |= _check_lines_in(handler.body, helpers)
        elif _calls_check(stmt, helpers):
            lines |= _lines(stmt)
    return lines


def analyse(target):
    """Statistics of one listing: total, body, check lines (decorator, body) and width."""
    path, qualname = module_file(target)
    code = libcode.function_source(path, qualname)
    tree = ast.parse(code).body[0]
    helpers = check_helpers(path)
    text = code.splitlines()
    decorator = set(libcode.check_lines(code))
    nodes = [tree]
    if isinstance(tree, ast.ClassDef):  # a class listing: each method's body
        nodes = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    body_lines, body_checks = set(), set()
    for fn in nodes:
        stmts = [s for s in fn.body if not (isinstance(s, ast.Expr) and isinstance(
            getattr(s, "value", None), ast.Constant) and isinstance(s.value.value, str))]
        if stmts:
            body_lines |= set(range(stmts[0].lineno, fn.end_lineno + 1))
        body_checks |= _check_lines_in(stmts, helpers)
    nonblank = {i + 1 for i, line in enumerate(text) if line.strip()}
    body_lines &= nonblank
    return {
        "target": target,
        "lines": len(nonblank),
        "body": len(body_lines),
        "decorator_checks": len(decorator),
        "body_checks": len(body_checks & nonblank),
        "width": max(len(line) for line in text),
    }


def main():
    stats = [analyse(t) for _, t in libcode_targets()]
    unique = {s["target"]: s for s in stats}.values()
    shown = sum(s["decorator_checks"] + s["body"] for s in unique)
    body = sum(s["body"] for s in unique)
    in_body = sum(s["body_checks"] for s in unique)
    quiet = sum(s["decorator_checks"] for s in unique)
    widest = max(unique, key=lambda s: s["width"])
    print(f"listings: {len(stats)} on the pages, {len(unique)} distinct functions")
    print(f"shown lines (decorator + body, non-blank): {shown}; body lines: {body}")
    print(f"check lines in the bodies: {in_body} ({100 * in_body / body:.1f} % of body lines)")
    print(f"quiet @validate lines (dimmed): {quiet}; all check lines: {in_body + quiet} "
          f"({100 * (in_body + quiet) / shown:.1f} % of shown lines)")
    print(f"median body: {statistics.median(s['body'] for s in unique)} lines")
    print(f"widest line: {widest['width']} characters ({widest['target']})")
    over = [s["target"] for s in unique if s["width"] > CODE_COLUMN]
    print(f"listings wider than {CODE_COLUMN}: {len(over)}")
    worst = sorted(unique, key=lambda s: -(s["body_checks"]))[:5]
    print("most body checks: " + ", ".join(f"{s['target']} ({s['body_checks']})" for s in worst))


if __name__ == "__main__":
    main()
