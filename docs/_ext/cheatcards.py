"""Printable cheat cards: one PDF per chapter, the "At a glance" sections of its pages.

After an HTML build, each chapter of the landing page's table of contents (a toctree
caption) gets ``_downloads/cards/<chapter>.html`` — the ``## At a glance`` section of
every page of the chapter, in order, set for paper — and Chromium (Debian's, driven by
Playwright as in the browser tests) prints it to ``_downloads/cards/<chapter>.pdf``.
The formulas are the pages' own (KaTeX, pre-rendered) and so are the doctested calls:
the cards show nothing the site does not test. A card is printed again only when its
HTML changed (a stamp beside it), so a no-op build prints nothing. Every page of a
chapter links its card next to its other downloads; the landing page lists them all.
"""

import hashlib
import os
import posixpath
import re
import shutil
from pathlib import Path

from sphinx import addnodes

CARD_DIR = "_downloads/cards"
CHROMIUM = "/usr/bin/chromium"

CARD_CSS = """
@page { size: A4 landscape; margin: 8mm 9mm; }
html { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 8pt;
       line-height: 1.3; color: #111; }
body { margin: 0; }
header { display: flex; justify-content: space-between; align-items: baseline;
         border-bottom: 1.5pt solid #2962ff; margin-bottom: 3mm; }
header h1 { font-size: 15pt; margin: 0 0 1mm; }
header span { font-size: 8pt; color: #555; }
main { column-count: 3; column-gap: 5mm; column-fill: balance; }
article { break-inside: avoid; margin: 0 0 3mm; padding: 2mm 2.5mm; border: 0.6pt solid #ccd;
          border-radius: 1.5mm; }
article h2 { font-size: 10.5pt; margin: 0 0 1mm; color: #1a3fb0; }
article h2 a, article a { color: inherit; text-decoration: none; }
article > section > h2, .headerlink { display: none; }
table { border-collapse: collapse; font-size: 7.8pt; margin: 1mm 0; width: 100%; }
th, td { border-bottom: 0.4pt solid #dde; padding: 0.4mm 1mm; text-align: left;
         vertical-align: top; }
pre { font-size: 7.4pt; white-space: pre-wrap; overflow-wrap: anywhere; margin: 1mm 0;
      padding: 1mm 1.5mm; background: #f4f5f8; border-radius: 1mm; }
p, ul, ol { margin: 0.8mm 0; }
ul, ol { padding-left: 4mm; }
.katex-display { margin: 1mm 0; overflow: visible; }
.katex { font-size: 1.05em; }
.copybtn, button, .math-variant[hidden] { display: none !important; }
img { max-width: 100%; }
"""


def chapters(env):
    """(caption, [docname, ...]) of every toctree of the root document, in order."""
    doctree = env.get_doctree(env.config.root_doc)
    found = []
    for toc in doctree.findall(addnodes.toctree):
        docs = [doc for _title, doc in toc["entries"] if doc in env.all_docs]
        if toc.get("caption") and docs:
            found.append((toc["caption"], docs))
    return found


def has_glance(env, doc):
    """Whether the page's source has an "At a glance" section (a card can show it)."""
    source = Path(env.doc2path(doc))
    return source.suffix == ".md" and "\n## At a glance\n" in source.read_text(encoding="utf-8")


def carded_chapters(env):
    """The chapters that get a card: those with at least one page with an "At a glance"."""
    return [(caption, docs) for caption, docs in chapters(env)
            if any(has_glance(env, doc) for doc in docs)]


def slug(caption):
    return re.sub(r"[^a-z0-9]+", "-", caption.lower()).strip("-")


def _glance(html_path):
    """The page's "At a glance" section (bs4 Tag) and its title, or (None, None)."""
    from bs4 import BeautifulSoup

    if not html_path.is_file():
        return None, None
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    section = soup.find("section", id="at-a-glance")
    title = soup.find("h1")
    if section is None:
        return None, None
    return section, (title.get_text(" ", strip=True).rstrip("#¶ ") if title else "")


def _trim(section):
    """Paper keeps the box's formulas, tables, calls and words: not its folded notes, the
    code of its cells (their outputs stay) or its buttons."""
    for node in section.select(".admonition.dropdown, details, .cell_input, .copybtn, "
                               "button, .headerlink, script"):
        node.decompose()


def _relink(section, page_dir, card_dir):
    """Make the section's links and images work from the card's folder."""
    for tag, attr in (("a", "href"), ("img", "src")):
        for node in section.find_all(tag):
            url = node.get(attr)
            if not url or re.match(r"^[a-z]+:|^#", url):
                if url and url.startswith("#"):
                    del node[attr]  # an anchor on the page: plain text on paper
                continue
            target = posixpath.normpath(posixpath.join(page_dir, url))
            node[attr] = posixpath.relpath(target, card_dir)


def card_html(caption, pages, static):
    articles = "\n".join(f'<article><h2>{title}</h2>{section}</article>' for title, section in pages)
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{caption} — ML Cheatsheet cheat card</title>"
            f"<link rel=\"stylesheet\" href=\"{static}/katex.min.css\">"
            f"<style>{CARD_CSS}</style></head><body>"
            f"<header><h1>{caption}</h1><span>ML Cheatsheet · every formula and call on this "
            f"card is tested by the site's build</span></header>"
            f"<main>{articles}</main></body></html>\n")


MAX_PAGES = 2
SCALES = (1.0, 0.93, 0.86, 0.8)  # shrink a long card to fit its pages, but no further


def _print(cards):
    """Print each (html_path, pdf_path) with Chromium, on at most ``MAX_PAGES`` pages."""
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")
    if executable is None:
        raise RuntimeError("the cheat cards are printed by Chromium: run tools/ensure_chromium.sh "
                           "(make html does)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page()
            for html_path, pdf_path in cards:
                page.goto(html_path.resolve().as_uri(), wait_until="load")
                page.evaluate("document.fonts.ready.then(() => true)")
                for scale in SCALES:
                    pdf = page.pdf(format="A4", landscape=True, print_background=True,
                                   prefer_css_page_size=True, scale=scale)
                    if pdf_pages(pdf) <= MAX_PAGES:
                        break
                else:
                    raise RuntimeError(
                        f"the cheat card {html_path.name} needs {pdf_pages(pdf)} pages even at "
                        f"{SCALES[-1]:.0%}: shorten the At a glance boxes of its chapter "
                        f"(at most {MAX_PAGES} pages)")
                pdf_path.write_bytes(pdf)
        finally:
            browser.close()


def pdf_pages(pdf_bytes):
    """Number of pages of a PDF (the /Type /Page objects; /Pages nodes excluded)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)\b", pdf_bytes))


def _build_finished(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    card_dir = out / CARD_DIR
    pending, made = [], {}
    for caption, docs in carded_chapters(app.env):
        pages = []
        for doc in docs:
            section, title = _glance(out / f"{doc}.html")
            if section is not None:
                _trim(section)
                _relink(section, posixpath.dirname(doc), CARD_DIR)
                pages.append((title, section))
        if not pages:
            continue
        card_dir.mkdir(parents=True, exist_ok=True)
        name = slug(caption)
        html = card_html(caption, pages, posixpath.relpath("_static", CARD_DIR))
        html_path, pdf_path = card_dir / f"{name}.html", card_dir / f"{name}.pdf"
        stamp = card_dir / f"{name}.sha256"
        digest = hashlib.sha256(html.encode()).hexdigest()
        made[name] = docs
        if pdf_path.is_file() and stamp.is_file() and stamp.read_text() == digest:
            continue
        html_path.write_text(html, encoding="utf-8")
        pending.append((html_path, pdf_path, stamp, digest))
    if pending:
        _print([(h, p) for h, p, _s, _d in pending])
        for _h, _p, stamp, digest in pending:
            stamp.write_text(digest)


def _carded_chapters_once(app):
    """:func:`carded_chapters`, worked out once per writing process, not once per page (it
    unpickles the root doctree and reads page sources); the toctrees are settled by then."""
    if getattr(app, "_cheatcards_chapters", None) is None:
        app._cheatcards_chapters = carded_chapters(app.env)
    return app._cheatcards_chapters


def _page_context(app, pagename, templatename, context, doctree):
    """Pages of a chapter link their chapter's card (it is printed at the end of the build)."""
    if app.builder.format != "html":
        return
    if pagename == app.config.root_doc:
        context["cheat_cards"] = [(caption, f"{CARD_DIR}/{slug(caption)}.pdf")
                                  for caption, _docs in _carded_chapters_once(app)]
        return
    for caption, docs in _carded_chapters_once(app):
        if pagename in docs:
            depth = "../" * pagename.count("/")
            context["page_cheat_card"] = f"{depth}{CARD_DIR}/{slug(caption)}.pdf"
            context["page_cheat_card_chapter"] = caption
            return


def setup(app):
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
