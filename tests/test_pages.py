"""Rules every page and gallery script follows (checked on the sources, no build needed)."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GENERATED = [ROOT / "docs" / "auto_examples", ROOT / "docs" / "reference" / "api"]
PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md")
               if not {"_build", "_static"} & set(p.parts)
               and not any(g in p.parents for g in GENERATED))
SCRIPTS = sorted((ROOT / "gallery").rglob("plot_*.py"))
STUBS = re.compile(r"Be the first to contribute|Contribute a definition|\bTODO\b|\bFIXME\b|Pro 1|Con 1")
SEED = re.compile(r"\b[Tt]he seeds?(?:'s|')?(?=\W)")  # the source documents have names
FENCED_DOCTEST = re.compile(r"^```python\n>>> ", re.MULTILINE)


def test_there_are_pages_and_scripts():
    assert len(PAGES) >= 3 and len(SCRIPTS) >= 4


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_page_rules(page):
    text = page.read_text(encoding="utf-8")
    assert not STUBS.search(text), "stub marker or TODO left in the page"
    assert not SEED.search(text), ("name the source document (the 2017 cheatsheet, Ng's course "
                                   f"notes, ...), not 'the seed': {SEED.search(text).group(0)!r}")
    assert FENCED_DOCTEST.search(text), "every page carries a ```python block of >>> doctests"
    assert not re.search(r">>> .*\n```", text), "leave a blank line before a doctest's closing fence"
    if "{code-cell}" in text:
        assert re.match(r"---\nfile_format: mystnb\nkernelspec: \{name: python3, "
                        r"display_name: Python 3, language: python\}\n(library: \[[\w., ]+\]\n)?---\n",
                        text), "MyST-NB front matter (and optionally the modules it draws on)"
    if page.name != "index.md":
        assert re.search(r"^\(([\w-]+)\)=\n# ", text, re.MULTILINE), "a (label)= before the title"
    assert not re.search(r"^```\{index\}.*\n```\n\s*```\{index\}", text, re.MULTILINE), (
        "two {index} directives in a row: the first one's target is an empty <span>, and "
        "Sphinx's search summary of an empty target throws; list the terms in one directive")
    assert "literalinclude" not in text or ":pyobject:" in text, "library code is included, not retyped"
    assert "np.random.seed" not in text and "np.random.rand" not in text, "use np.random.default_rng"
    for cell in re.findall(r"```\{code-cell\}.*?\n```", text, re.DOTALL):
        if "plt.show()" in cell:
            assert re.search(r"^mystnb:\n  image:\n    alt: \S", cell, re.MULTILINE), \
                f"a figure cell needs alt text (mystnb: image: alt:):\n{cell[:200]}"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_gallery_script_rules(script):
    text = script.read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(text))
    title, underline = doc.splitlines()[:2]
    assert title.strip() and set(underline) == {"="} and len(underline) >= len(title)
    assert text.startswith('r"""\n'), "raw docstring first"
    assert "# %%" in text and text.rstrip().endswith("plt.show()")
    assert not STUBS.search(text)
    assert not re.search(r"np\.random\.(seed|rand|randn|normal|uniform)\(", text), \
        "randomness goes through np.random.default_rng(seed)"
    assert not re.search(r"savefig|to_csv|open\(.+['\"]w", text), "gallery scripts write nothing"


# --- the layout: one topic, one name in four rooms ----------------------------------------------

PACKAGE = ROOT / "mlcheatsheet"
SECTIONS = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py") if not p.parent.name.startswith("_"))
MODULES = sorted(p for p in PACKAGE.rglob("*.py")
                 if not p.name.startswith("_") and "__pycache__" not in p.parts)
TOPIC_PAGES = [p for p in PAGES if p.parent.parent == ROOT / "docs" and p.parent.name != "reference"]
LIBCODE = re.compile(r"^```\{libcode\}\s+mlcheatsheet\.(\S+)\.\w+(?:\.\w+)?$", re.MULTILINE)


def _front_matter_library(text):
    found = re.match(r"---\n(?:.*\n)*?library: \[([\w., ]+)\]\n(?:.*\n)*?---\n", text)
    return {m.strip() for m in found.group(1).split(",")} if found else set()


def test_every_section_is_a_package_with_pages():
    assert {"basics", "classification", "optimization", "neural_networks"} <= set(SECTIONS)
    for section in SECTIONS:
        assert (ROOT / "docs" / section).is_dir(), f"mlcheatsheet/{section}/ has no docs/{section}/"
        assert (ROOT / "tests" / section).is_dir(), f"mlcheatsheet/{section}/ has no tests/{section}/"


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_module_has_its_test_file_in_the_mirrored_place(module):
    rel = module.relative_to(PACKAGE)
    expected = ROOT / "tests" / rel.parent / f"test_{rel.name}"
    assert expected.is_file(), f"{module.relative_to(ROOT)} is tested in {expected.relative_to(ROOT)}"


@pytest.mark.parametrize("page", TOPIC_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_a_page_shows_code_of_its_own_module_or_says_which(page):
    """docs/<section>/<topic>.md shows mlcheatsheet.<section>.<topic> (or front matter `library:`)."""
    text = page.read_text(encoding="utf-8")
    own = f"{page.parent.name}.{page.stem}"
    declared = _front_matter_library(text)
    for module in declared:
        assert (PACKAGE / module.replace(".", "/")).with_suffix(".py").is_file(), \
            f"front matter names mlcheatsheet.{module}, which does not exist"
    shown = {m if (PACKAGE / m.replace(".", "/")).with_suffix(".py").is_file() else m.rsplit(".", 1)[0]
             for m in LIBCODE.findall(text)}
    stray = shown - {own} - declared
    assert not stray, (f"{page.relative_to(ROOT)} shows code of {sorted(stray)}: list them in its "
                       f"front matter (library: [...]) or move the page")
    if shown:
        assert own in shown or declared, f"a page showing library code names mlcheatsheet.{own}"


def test_every_gallery_folder_matches_a_docs_section_and_each_script_a_topic():
    for folder in sorted(p for p in (ROOT / "gallery").iterdir() if p.is_dir()):
        assert (ROOT / "docs" / folder.name).is_dir(), f"gallery/{folder.name} has no docs section"
    for script in SCRIPTS:
        topics = {p.stem for p in (ROOT / "docs" / script.parent.name).glob("*.md")}
        name = script.stem.removeprefix("plot_")
        assert any(name == t or name.startswith(t + "_") for t in topics), \
            f"{script.relative_to(ROOT)} is named plot_<topic>_*.py after a page of its section"


def test_imports_on_pages_and_in_scripts_read_as_a_user_writes_them():
    """`from mlcheatsheet.<section> import <module>`, never a path hack or a flat module name."""
    flat = re.compile(r"from mlcheatsheet import (?!datasets|report)\w+|sys\.path")
    for path in PAGES + SCRIPTS:
        text = path.read_text(encoding="utf-8")
        assert not flat.search(text), f"{path.relative_to(ROOT)}: {flat.search(text).group(0)}"


# --- code on a page reads like the formula --------------------------------------------------

sys.path.insert(0, str(ROOT / "tools"))
import listing_stats  # noqa: E402

TARGETS = sorted({t for _, t in listing_stats.libcode_targets()})


@pytest.mark.parametrize("target", TARGETS)
def test_shown_code_is_the_computation_with_at_most_one_quiet_line_of_checks(target):
    stats = listing_stats.analyse(target)
    assert stats["decorator_checks"] <= 1, "declare the checks on one line: @validate(...)"
    assert stats["body_checks"] == 0, "move input checks out of the body into @validate(...)"
    assert stats["width"] <= listing_stats.CODE_COLUMN, \
        f"a line of {stats['width']} characters scrolls sideways; wrap at {listing_stats.CODE_COLUMN}"


def test_bibliography_parses_with_unique_keys():
    """A broken refs.bib otherwise shows up only minutes later, when the build starts."""
    import re

    from pybtex.database import parse_file

    path = ROOT / "docs" / "refs.bib"
    keys = re.findall(r"^@\w+\{([^,]+),", path.read_text(encoding="utf-8"), flags=re.M)
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert sorted(parse_file(str(path)).entries) == sorted(keys)


sys.path.insert(0, str(ROOT / "tools"))
import prose_numbers  # noqa: E402  (tools/ is not a package)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_numbers_in_prose_come_from_glue(page):
    """A number with >= 2 significant digits in prose, tables or alt text is glued, quoted or {lit}."""
    offenders = prose_numbers.page_offenders(page)
    assert not offenders, "typed numbers (glue them, quote the source, or mark {lit}): " + "; ".join(
        f"line {line}: {number} ({where})" for line, number, where in offenders)


@pytest.mark.parametrize("text, typed", [
    ("the cost fell to 44.31 after 31 updates", ["44.31", "31"]),
    ("a rate of 0.5 or 5e-05, 100 steps, in 2017", []),
    ('the 2017 page says "0.88" and "0.89"', []),
    ("batches below {lit}`16` samples", []),
    ("GELU (arXiv:1606.08415) at 1,250 points", ["1,250"]),
])
def test_the_prose_number_rule_on_lines(text, typed):
    assert prose_numbers.offending_numbers(prose_numbers._placeholder_roles(text)) == typed


def test_the_prose_number_rule_reads_tables_alt_text_and_admonitions_but_not_code_math_quotes(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "---\nfile_format: mystnb\n---\n# T\n\n| a | b |\n|---|---|\n| 12 | x |\n\n"
        "```{code-cell} ipython3\n---\nmystnb:\n  image:\n    alt: a curve reaching 0.93\n---\n"
        "x = 123.45\n```\n\n```{admonition} Note\nit took 250 steps\n```\n\n"
        "> quoted 77.7\n\nmath $x = 3.14$ and `code 2.71`\n")
    found = {(n, where) for _, n, where in prose_numbers.page_offenders(page)}
    assert found == {("12", "prose"), ("0.93", "alt text"), ("250", "prose")}


def test_the_prose_number_rules_docstring_examples():
    import doctest

    assert doctest.testmod(prose_numbers).failed == 0


TOPIC_PAGES = [p for p in PAGES if p.name != "index.md"
               and "reference" not in p.relative_to(ROOT / "docs").parts]
FENCE = re.compile(r"^(`{3,}|~{3,})(.*)$")
INLINE_CALL = re.compile(r"`[^`\n]*\w\([^`\n]*\)[^`\n]*`")


def level_two_sections(text):
    """[(heading, body), ...] of the page's ``## `` sections, headings inside code fences skipped."""
    sections, fence = [], None
    for line in text.splitlines():
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None and match and match.group(1)[0] == fence[0] \
                and len(match.group(1)) >= len(fence) and not match.group(2).strip():
            fence = None
        elif fence is None and line.startswith("## "):
            sections.append([line[3:].strip(), []])
            continue
        if sections:
            sections[-1][1].append(line)
    return [(heading, "\n".join(body)) for heading, body in sections]


def glance_problem(text):
    """Why the page's "At a glance" box (the cheat card) is missing or short, or None."""
    first = level_two_sections(text)[:2]
    box = next((body for heading, body in first if heading == "At a glance"), None)
    if box is None:
        return f"no '## At a glance' among the first two ## sections: {[h for h, _ in first]}"
    if "$" not in box:
        return "the At a glance box has no formula ($...$)"
    if not (FENCED_DOCTEST.search(box) or "{libcode}" in box or INLINE_CALL.search(box)):
        return "the At a glance box has no call: a ```python doctest, a {libcode} or an inline `f(x)`"
    return None


@pytest.mark.parametrize("page", TOPIC_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_topic_page_opens_with_an_at_a_glance_box(page):
    """Issue 19: the cheat sheet first — key formulas and the one-line call — then the explanation."""
    problem = glance_problem(page.read_text(encoding="utf-8"))
    assert problem is None, problem


GLANCE = "## At a glance\n\n$y = wx$\n\n```python\n>>> f(1)\n1\n\n```\n\n"
@pytest.mark.parametrize("text, problem", [
    ("# T\n\nintro\n\n" + GLANCE + "## Long\n\ntext\n", None),
    ("# T\n\n## Intuition\n\n" + GLANCE + "## Long\n", None),
    ("# T\n\n## Intuition\n\n```python\n## At a glance\n```\n\n## Long\n\n" + GLANCE, "no '## At a"),
    ("# T\n\nintro\n\n## Long\n\n## Longer\n\n" + GLANCE, "no '## At a glance'"),
    ("# T\n\n## At a glance\n\n```python\n>>> f(1)\n1\n\n```\n\n## Long\n\n$x$\n", "no formula"),
    ("# T\n\n## At a glance\n\n$x$ and `f`\n\n## Long\n\n```python\n>>> f(1)\n", "no call"),
    ("# T\n\n## At a glance\n\n$x$, call `sc.Scaler(\"standard\")`\n\n## Long\n", None),
])
def test_the_at_a_glance_rule_fails_on_a_page_without_a_box(text, problem):
    found = glance_problem(text)
    assert (found is None) if problem is None else (found is not None and problem in found), found
