"""Checks of the built site (`make html` first; `make test` runs these after the build)."""

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from mlcheatsheet.basics import linear_regression as lr
from mlcheatsheet.datasets import load_advertising

pytestmark = pytest.mark.site
ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(p.relative_to(ROOT / "docs").with_suffix(".html")
               for p in (ROOT / "docs").rglob("*.md")
               if not {"auto_examples", "_build", "_static"} & set(p.parts))
GALLERY = sorted(p.relative_to(ROOT / "gallery").with_suffix(".html")
                 for p in (ROOT / "gallery").rglob("plot_*.py"))


KEPT_TAGS = {"img", "script", "link", "iframe", "source"}  # what the checks below look at


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        if tag in KEPT_TAGS:
            self.tags.append((tag, dict(attrs)))


@functools.lru_cache(maxsize=None)
def _parsed(path, mtime_ns):
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return tuple(parser.tags)


def parse(path):
    """The img/script/link/iframe/source tags of a page, as (tag, attrs); each page is parsed
    once for all the checks that read it (several scan every page of the site)."""
    return _parsed(path, path.stat().st_mtime_ns)


def text_of(path):
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def all_html(site):
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def test_every_page_and_example_was_built(site):
    for rel in PAGES:
        assert (site / rel).is_file(), rel
    for rel in GALLERY:
        page = site / "auto_examples" / rel
        assert page.is_file(), rel
        html = page.read_text()
        for ext in (".py", ".ipynb"):
            assert re.search(rf'href="[^"]*_downloads/[0-9a-f]+/{rel.stem}{re.escape(ext)}"', html), ext


def test_executed_pages_offer_a_notebook_download(site):
    import nbformat

    for rel in PAGES:
        if "{code-cell}" not in (ROOT / "docs" / rel).with_suffix(".md").read_text():
            continue
        notebook = site / "_downloads" / "notebooks" / rel.with_suffix(".ipynb")
        nb = nbformat.read(notebook, as_version=4)
        nbformat.validate(nb)
        assert any(c.cell_type == "code" and c.source.strip() for c in nb.cells)
        assert "{libcode}" not in "".join(c.source for c in nb.cells)
        assert f"_downloads/notebooks/{rel.with_suffix('.ipynb').as_posix()}" in (site / rel).read_text()


def test_api_and_gallery_link_both_ways(site):
    api = (site / "reference" / "api" / "basics" / "linear_regression.html").read_text()
    example = "auto_examples/basics/plot_linear_regression_fit.html"
    assert f'href="../../../{example}' in api  # API -> examples that use a function
    html = (site / example).read_text()
    assert 'href="../../reference/api/basics/linear_regression.html#mlcheatsheet.basics.linear_regression.train_simple"' in html


def test_every_gallery_example_links_back_to_the_page_that_explains_it(site):
    """Under its title (docs/_ext/gallery_backlinks.py), not just in the sidebar."""
    for rel in GALLERY:
        section, stem = rel.parts[0], rel.stem
        pages = sorted((ROOT / "docs" / section).glob("*.md"), key=lambda p: -len(p.stem))
        page = next(p for p in pages if stem == f"plot_{p.stem}" or
                    stem.startswith(f"plot_{p.stem}_"))
        html = (site / "auto_examples" / rel).read_text(encoding="utf-8")
        backlink = re.search(r'<p class="sphx-glr-backlink">(.*?)</p>', html, re.DOTALL)
        assert backlink, f"{rel}: no backlink under the title"
        assert f'href="../../{section}/{page.stem}.html"' in backlink.group(1), (
            rel, backlink.group(1))


def test_every_listing_shows_the_tests_that_checked_it(site):
    """With a test record (make test writes one before the build), each {libcode} listing is
    followed by its folded "Checked by" line (docs/_ext/proof.py)."""
    if not (ROOT / "_build" / "proof" / ".coverage").is_file():
        pytest.skip("no test record: the build shows no proof lines (run make test)")
    listed = 0
    for rel in PAGES:
        html = (site / rel).read_text(encoding="utf-8")
        listings = html.count('class="literal-block-wrapper libcode')
        proofs = html.count('<details class="proof"><summary>Checked by ')
        assert proofs == listings, f"{rel}: {listings} listings, {proofs} 'Checked by' lines"
        listed += listings
    assert listed > 100


def test_no_cell_failed_or_printed_a_traceback(site):
    for page in all_html(site):
        html = page.read_text(encoding="utf-8")
        for kind in ("traceback", "error", "stderr"):
            assert f'class="output {kind}' not in html, f"{page}: a cell printed to {kind}"


def test_no_output_shows_a_memory_address_or_a_stray_repr(site):
    """Reprs such as ``<Legend object at 0x7f...>`` change every build (and mean nothing)."""
    stray = re.compile(r"object at 0x[0-9a-f]+|\b(Text|Line2D)\(-?\d")
    for page in all_html(site):
        assert not stray.search(text_of(page)), f"{page}: {stray.search(text_of(page)).group()}"


def test_page_notebooks_are_byte_stable(site):
    """Cell ids are numbered, not random, so an unchanged page gives the same notebook."""
    import nbformat

    for path in (site / "_downloads" / "notebooks").rglob("*.ipynb"):
        ids = [cell.id for cell in nbformat.read(path, as_version=4).cells]
        assert ids == [f"cell-{i}" for i in range(len(ids))], path


def test_figures_drawn_in_cells_appear_on_the_pages(site):
    for rel in PAGES:
        source = (ROOT / "docs" / rel).with_suffix(".md").read_text()
        expected = source.count("plt.show()")
        images = [a for t, a in parse(site / rel) if t == "img" and "_images/" in a.get("src", "")]
        assert len(images) >= expected, f"{rel}: {expected} figures drawn, {len(images)} shown"


def test_nothing_is_loaded_from_outside_the_site(site):
    for page in all_html(site):
        for tag, attrs in parse(page):
            if tag in {"script", "img", "iframe", "source"} or (tag == "link" and attrs.get("rel") in {"stylesheet", "preload", "icon"}):
                url = attrs.get("src") or attrs.get("href") or ""
                assert not re.match(r"^(https?:)?//", url), f"{page}: {tag} loads {url}"


def test_math_is_prerendered(site):
    for page in [site / "basics" / "linear_regression.html", site / "basics" / "gradient_descent.html"]:
        html = page.read_text(encoding="utf-8")
        assert html.count('class="katex"') > 10
        assert "\\(" not in text_of(page) and "$$" not in text_of(page)
    assert (site / "_static" / "katex.min.css").is_file()
    fonts = {p.name for p in (site / "_static" / "fonts").glob("KaTeX_*.woff2")}
    css = (site / "_static" / "katex.min.css").read_text()
    assert fonts and {f for f in re.findall(r"fonts/(KaTeX_[\w-]+\.woff2)", css)} <= fonts


def test_no_formula_failed_to_render(site):
    for page in all_html(site):
        assert "katex-error" not in page.read_text(encoding="utf-8"), page


def test_every_image_has_alt_text(site):
    for page in all_html(site):
        for tag, attrs in parse(page):
            if tag == "img":
                alt = attrs.get("alt", "").strip()
                assert alt and not alt.endswith((".png", ".svg")), f"{page}: {attrs.get('src')}"


def test_linear_regression_page_shows_the_library_numbers(site):
    """Numbers in the prose are glued from executed cells: they must match the library now."""
    ads = load_advertising()
    radio, sales = ads.column("Radio"), ads.target
    text = text_of(site / "basics" / "linear_regression.html")
    b_ols, w_ols = lr.normal_equation(lr.add_bias_column(radio[:, None]), sales)
    w, b, costs = lr.train_simple(radio, sales, lr=5e-5, n_iter=40)
    X = lr.add_bias_column(lr.normalize_features(ads.data)[0])
    _, multi = lr.train(X, sales, lr=0.005, n_iter=1000)
    for shown in [f"{b_ols:.2f}", f"{w_ols:.4f}", f"{w:.4f}", f"{b:.4f}", f"{costs[-1]:.2f}",
                  f"{multi[1]:.2f}", f"{multi[-1]:.2f}"]:
        assert shown in text, shown
    first = lr.train_simple(radio, sales, lr=5e-5, n_iter=1)[2][0]
    assert f"{first:.4f}" in text  # the reproduced training log (a table cell, 2 digits past the 2017 log)
    assert f"{multi[1]:.5g}" in text


def test_gradient_descent_page_shows_the_stability_limit(site):
    ads = load_advertising()
    X = lr.add_bias_column(lr.normalize_features(ads.data)[0])
    L = np.linalg.eigvalsh(X.T @ X / len(X)).max()
    text = text_of(site / "basics" / "gradient_descent.html")
    assert f"{2 / L:.3f}" in text and "DivergenceError after" in text


def test_optimization_pages_show_the_library_numbers(site):
    """Numbers glued into the optimization pages, recomputed from the library."""
    from mlcheatsheet.optimization import optimizers as opt
    from mlcheatsheet.optimization import second_order as so
    from mlcheatsheet.optimization.objectives import OBJECTIVES

    bowl = OBJECTIVES["quadratic"]
    low, high = np.linalg.eigvalsh(bowl.hess(bowl.x0))
    kappa = high / low
    heavy_ball = opt.minimize(bowl.fun, bowl.grad, bowl.x0, opt.Momentum(
        lr=4 / (np.sqrt(high) + np.sqrt(low)) ** 2,
        momentum=((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2), n_iter=3000, gtol=1e-6)
    plain = opt.minimize(bowl.fun, bowl.grad, bowl.x0, opt.SGD(lr=2 / (high + low)), n_iter=3000,
                         gtol=1e-6)
    text = text_of(site / "optimization" / "optimizers.html")
    assert f"needs {heavy_ball.n_iter} steps where the best plain gradient descent needs " \
           f"{plain.n_iter}" in text
    climbed = opt.minimize(lambda w: float(w @ w), lambda w: -2 * w, [3.0],  # the seed's ascent
                           opt.Adagrad(lr=0.5, eps=1e-7), n_iter=100)
    assert f"{abs(climbed.x[0]):.2f} after 100 steps" in text

    rosen = OBJECTIVES["rosenbrock"]
    newton = so.newton(rosen.fun, rosen.grad, rosen.hess, rosen.x0)
    text = text_of(site / "optimization" / "second_order.html")
    assert f"needs only {newton.n_iter} steps" in text
    assert f"to {newton.history.max():.0f}" in text


def _alts(path):
    return [attrs.get("alt", "") for tag, attrs in parse(path) if tag == "img"]


def test_no_alt_text_keeps_an_unresolved_glue_role(site):
    for page in all_html(site):
        for alt in _alts(page):
            assert "{glue" not in alt and "`" not in alt, (page.relative_to(site), alt)


def test_learning_rate_claims_come_from_the_run(site):
    """1.9/L beats 1/L on the Advertising cost; the old text called 1/L the fastest."""
    alt = " ".join(_alts(site / "basics" / "gradient_descent.html"))
    updates = {rate: int(n) for rate, n in re.findall(r"(1\.9/L|2/\(L\+mu\)|1/L)\D*?(\d+)", alt)}
    assert set(updates) == {"1.9/L", "2/(L+mu)", "1/L"}, alt
    assert updates["1.9/L"] < updates["1/L"] and updates["2/(L+mu)"] < updates["1/L"]
    text = text_of(site / "basics" / "gradient_descent.html")
    assert "fastest at 1/L" not in text and "near the limit" not in text


def test_schedules_alt_text_says_where_warm_up_starts(site):
    alt = " ".join(_alts(site / "optimization" / "schedules.html"))
    assert "Warm-up starts from 0.005" in alt and "all starting from" not in alt


def test_adams_state_is_printed_to_significant_digits(site):
    """After one step with g = 0.05: m = (1 - 0.9) g, sqrt(v) = sqrt(1 - 0.999) |g|, to 4 digits
    (rounding to 6 decimals had printed v = 2.5e-06 as 3e-06)."""
    text = text_of(site / "optimization" / "optimizers.html")
    m, root_v = f"{0.1 * 0.05:.4g}", f"{np.sqrt(1 - 0.999) * 0.05:.4g}"
    assert f"'m': [{m}, -{m}], 'sqrt_v': [{root_v}, {root_v}]" in text


def test_no_markdown_table_is_left_as_raw_text(site):
    """A stray | in a cell once broke a table into '| a | b |' text on the page."""
    for page in all_html(site):
        html = re.sub(r"<pre\b.*?</pre>", " ", page.read_text(encoding="utf-8"), flags=re.DOTALL)
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL))
        assert not re.search(r"\| *---+ *\|", text), page.relative_to(site)


def _cheatcards():
    import sys

    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    import cheatcards

    return cheatcards


TOPIC_SECTIONS = sorted({p.parts[0] for p in PAGES if len(p.parts) == 2
                         and p.parts[0] not in {"reference"}})


def test_every_chapter_has_a_printable_cheat_card_of_at_most_two_pages(site):
    """Issue 19: one PDF per chapter (its pages' At a glance boxes), two pages at most."""
    cheatcards = _cheatcards()
    cards = {p.stem: p for p in (site / "_downloads" / "cards").glob("*.pdf")}
    assert len(cards) >= len(TOPIC_SECTIONS) - 1, f"cheat cards: {sorted(cards)}"
    for name, pdf in cards.items():
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-"), name
        assert 1 <= cheatcards.pdf_pages(data) <= cheatcards.MAX_PAGES, name
        html = (pdf.with_suffix(".html")).read_text(encoding="utf-8")
        assert html.count("<article>") >= 1 and "katex" in html, name


def test_topic_pages_link_their_chapter_card_and_the_landing_page_lists_them(site):
    cards = {p.name for p in (site / "_downloads" / "cards").glob("*.pdf")}
    index = (site / "index.html").read_text(encoding="utf-8")
    listed = set(re.findall(r'href="_downloads/cards/([\w-]+\.pdf)"', index))
    assert listed == cards
    for page in PAGES:
        html_path = site / page
        source = (ROOT / "docs" / page).with_suffix(".md").read_text(encoding="utf-8")
        if page.parts[0] == "reference" or "\n## At a glance\n" not in source:
            continue
        linked = re.findall(r'href="(?:\.\./)*_downloads/cards/([\w-]+\.pdf)"',
                            html_path.read_text(encoding="utf-8"))
        assert linked and linked[0] in cards, f"{page}: no link to its chapter's cheat card"


def test_pdf_page_count_reads_page_objects_not_the_page_tree():
    cheatcards = _cheatcards()
    two = b"%PDF-1.4 1 0 obj <</Type /Pages /Count 2>> 2 0 obj <</Type /Page>> 3 0 obj <</Type/Page>>"
    assert cheatcards.pdf_pages(two) == 2


INDEX_DIRECTIVE = re.compile(r"^```\{index\}[ \t]*(.+)$", re.MULTILINE)


def main_index_terms(source):
    """The terms a page marks as taught there (```` ```{index} ! term ``` ````), lower-cased
    as the search index stores them.

    >>> main_index_terms("```{index} ! dropout, weight decay\\n```\\n```{index} ! F1 score\\n```")
    ['dropout', 'f1 score']
    """
    terms = []
    for line in INDEX_DIRECTIVE.findall(source):
        terms += [entry.strip()[1:].strip().lower() for entry in line.split(",")
                  if entry.strip().startswith("!")]
    return terms


def _search_index(site):
    import json

    text = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


def test_every_taught_term_is_a_main_entry_of_its_page_in_the_search_index(site):
    """Search ranks a page first for a term the page marks with ``{index} ! term``
    (docs/_static/scorer.js reads the search index's main entries). An entry that does not
    reach searchindex.js (an earlier parallel build lost them all) leaves the ranking to
    chance, so every marked term of every page must be there, as a main entry of that page."""
    index = _search_index(site)
    docnames, entries = index["docnames"], index["indexentries"]
    marked = {rel.with_suffix("").as_posix(): main_index_terms(
        (ROOT / "docs" / rel).with_suffix(".md").read_text(encoding="utf-8")) for rel in PAGES}
    assert sum(map(len, marked.values())) >= 10, "the pages mark fewer taught terms than before"
    missing = [f"{doc}: {term!r}" for doc, terms in marked.items() for term in terms
               if not any(docnames[d] == doc and main for d, _, main in entries.get(term, []))]
    assert not missing, "not main entries in searchindex.js:\n  " + "\n  ".join(missing)
