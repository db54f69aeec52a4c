"""The prose-number rule: numbers a page states in words come from executed code.

A number with two or more significant digits in a page's prose, admonitions,
Markdown tables, definition lists or figure alt text must come from ``glue``
(``{glue:text}`key```) or a cell's output, so that it cannot drift from the
computation it reports. Exempt, because they are not claims about a result:

* code (cells, fences, inline ``code``) and math (``$...$``, ``$$...$$``):
  formulas and their constants are tested as formulas;
* quotations: block quotes (``> ...``) and text in double quotes, which is how
  a page quotes the 2017 cheatsheet or a course note;
* years (1900–2099), and version-like or section-like tokens inside links,
  roles and citations (role content is never scanned);
* a number marked as typed on purpose with the ``{lit}`` role (``{lit}`16```),
  for definitions and conventions that are not computed (the role renders as
  plain text; see ``docs/_ext/literal_numbers.py``);
* arXiv identifiers (``arXiv:1606.08415``), numbers of sections, chapters,
  tables and figures of a cited work (``section 4.3.4``), and everything under a
  page's "References" heading (volumes, pages and years of the works cited).

Run ``python tools/prose_numbers.py [page.md ...]`` to list the offenders as
``page:line: number``; ``tests/test_pages.py`` runs the rule on every page.
"""

import re
import sys
from pathlib import Path

import yaml
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from markdown_it.renderer import RendererHTML

ROOT = Path(__file__).resolve().parents[1]

#: Directives whose body is Markdown (scanned); every other directive's body is not prose.
PROSE_DIRECTIVES = {"admonition", "note", "warning", "tip", "important", "caution", "attention",
                    "hint", "seealso", "dropdown", "topic", "sidebar", "glossary", "margin",
                    "epigraph", "danger", "error", "div"}
#: A number: digits with optional thousands separators, decimals and exponent.
NUMBER = re.compile(r"(?<![\w.,/^_])[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+−]?\d+)?(?![\w])")
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
PLACEHOLDER = "\u2063"  # stands for a role, code or math span inside a line of text


def significant_digits(token):
    """How many significant digits a number token has (trailing zeros of an integer do not count).

    >>> [significant_digits(t) for t in ["0.005", "1.9", "100", "16", "2,500", "3e-06", "0.0371"]]
    [1, 2, 1, 2, 2, 1, 3]
    """
    mantissa = re.split(r"[eE]", token.lstrip("-−"))[0].replace(",", "")
    if "." in mantissa:
        digits = mantissa.replace(".", "").lstrip("0")
    else:
        digits = mantissa.lstrip("0").rstrip("0")
    return len(digits)


def offending_numbers(text):
    """The numbers of ``text`` (a line of prose) that break the rule.

    >>> offending_numbers('it ran 184 steps (the 2017 page says "44.31"); rate 0.5, x1')
    ['184']
    """
    text = QUOTED.sub(PLACEHOLDER, text)
    text = re.sub(r"arXiv:?\s*\d{4}\.\d{4,5}(v\d+)?", PLACEHOLDER, text)
    text = re.sub(r"\b(?:[Ss]ections?|[Cc]hapters?|§|[Tt]ables?|[Ff]igures?|[Ee]xercises?|"
                  r"[Aa]lgorithm|[Ee]quation|pp?\.)\s*\d+(?:\.\d+)*"
                  r"(?:(?:\s*(?:,|and|–|-)\s*)\d+(?:\.\d+)*)*", PLACEHOLDER, text)
    found = []
    for match in NUMBER.finditer(text):
        token = match.group()
        if re.fullmatch(r"(19|20)\d\d", token):
            continue
        if significant_digits(token) >= 2:
            found.append(token)
    return found


def _parser():
    config = MdParserConfig(enable_extensions={"dollarmath", "amsmath", "colon_fence", "deflist"})
    return create_md_parser(config, RendererHTML)


def _directive(info):
    match = re.match(r"\{([\w:-]+)\}", info.strip())
    return match.group(1) if match else None


def _strip_options(body):
    """A directive's body without its ``:option:`` lines or ``---`` YAML block; (options, body)."""
    lines = body.splitlines()
    options = {}
    if lines and lines[0].strip() == "---":
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
        options = yaml.safe_load("\n".join(lines[1:end])) or {}
        lines = lines[end + 1:]
    else:
        while lines and re.match(r"^\s*:[\w-]+:", lines[0]):
            key, _, value = lines.pop(0).strip()[1:].partition(":")
            options[key] = value.strip()
    return options, "\n".join(lines)


def _inline_text(token):
    """An inline token's text, with roles, code and math replaced by a placeholder."""
    parts, skip = [], 0
    for child in token.children or []:
        if child.type in ("text", "softbreak", "hardbreak"):
            parts.append(" " if child.type != "text" else child.content)
        elif child.type in ("code_inline", "math_inline", "math_single", "myst_role",
                            "html_inline", "image"):
            parts.append(PLACEHOLDER)
    return "".join(parts)


def _alt_texts(options):
    alts = []
    image = ((options.get("mystnb") or {}).get("image") or {}) if isinstance(options, dict) else {}
    if isinstance(image, dict) and image.get("alt"):
        alts.append(str(image["alt"]))
    for key in ("alt",):
        if isinstance(options, dict) and options.get(key):
            alts.append(str(options[key]))
    return alts


def _scan(source, line_offset, parser, found):
    tokens = parser.parse(source)
    quote_depth, references_level = 0, None
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1])
            if references_level is not None and level <= references_level:
                references_level = None
            if tokens[i + 1].content.strip().lower() == "references":
                references_level = level
        if references_level is not None:
            continue
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        if quote_depth:
            continue
        line = line_offset + (token.map[0] if token.map else 0) + 1
        if token.type in ("fence", "colon_fence"):
            name = _directive(token.info)
            if name is None:
                continue
            options, body = _strip_options(token.content)
            for alt in _alt_texts(options):
                text = re.sub(r"\{(?:glue(?::text)?|lit)\}`[^`]*`", PLACEHOLDER, alt)
                found += [(line, n, "alt text") for n in offending_numbers(text)]
            if name in PROSE_DIRECTIVES:
                title = token.info.strip()[len(name) + 2:]
                found += [(line, n, "title") for n in offending_numbers(_placeholder_roles(title))]
                body_start = token.content.find(body) if body else 0
                skipped = token.content[:body_start].count("\n")
                _scan(body, line + skipped, parser, found)
        elif token.type == "inline":
            for number in offending_numbers(_inline_text(token)):
                found.append((line, number, "prose"))
    return found


def _placeholder_roles(text):
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", PLACEHOLDER, text)
    text = re.sub(r"`[^`]*`", PLACEHOLDER, text)
    return re.sub(r"\$[^$]*\$", PLACEHOLDER, text)


def page_offenders(path):
    """``[(line, number, where)]`` for one page (front matter skipped)."""
    text = Path(path).read_text(encoding="utf-8")
    offset = 0
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + 5
        offset = text[:end].count("\n")
        text = text[end:]
    return _scan(text, offset, _parser(), [])


def main(argv):
    paths = [Path(p) for p in argv] or sorted(
        p for p in (ROOT / "docs").rglob("*.md")
        if not {"_build", "_static", "auto_examples", "api"} & set(p.parts))
    total = 0
    for path in paths:
        for line, number, where in page_offenders(path):
            total += 1
            print(f"{path.relative_to(ROOT) if path.is_absolute() else path}:{line}: {number} ({where})")
    print(f"{total} typed numbers", file=sys.stderr)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
