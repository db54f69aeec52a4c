"""The built site as a reader sees it: every page opened in Chromium (`make html` first).

One Chromium for the session (Playwright, sync API), driving Debian's /usr/bin/chromium;
`tools/ensure_chromium.sh` installs it. The site is served from `_build/html` by a local
server on 127.0.0.1. Every page is opened twice, up front and several at a time
(tests/_crawl.py): at desktop width, where what was seen (requests, console, text, images,
links, anchors) is kept for the per-page checks below, and on a 390 px phone in dark mode.
The search and theme-toggle checks drive their own tabs.
"""

import os
import re
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

import _browser
import _crawl

SITE = Path(__file__).resolve().parents[1] / "_build" / "html"  # as in conftest.py

pytestmark = [pytest.mark.site, pytest.mark.browser]

PAGES = _browser.html_pages(SITE) or ["index.html"]  # not built: the `site` fixture skips
# `make test` runs this file on one worker (`--dist loadfile`): the crawl opens each page once
# per viewport for all the checks that read it, and keeps both cores busy by itself.
BY_PAGE = [pytest.param(page, id=page) for page in PAGES]
SEARCH_PAGE, DESKTOP, PHONE = _crawl.SEARCH_PAGE, _crawl.DESKTOP, _crawl.PHONE


def _missing(what):
    if os.environ.get("CI"):
        pytest.fail(f"{what} (run `bash tools/ensure_chromium.sh` and `make deps`)")
    pytest.skip(what)


# --- fixtures --------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def server(site):
    with _browser.SiteServer(site) as srv:
        yield srv


def _browser_or_skip():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("Playwright is not installed")
    executable = _browser.chromium_path()
    if executable is None:
        _missing(f"Chromium is not installed at {_browser.CHROMIUM}")
    return executable


@pytest.fixture(scope="session")
def chromium():
    executable = _browser_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=_browser.LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(chromium):
    """Opens browser contexts (fresh storage, no service workers); closes them after the test."""
    contexts = []

    def make(viewport=DESKTOP, color_scheme="light"):
        context = chromium.new_context(viewport=viewport, color_scheme=color_scheme,
                                       service_workers="block")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


class Visit:
    """A page opened in a tab by one check (search, theme toggle), with its uncaught
    exceptions."""

    def __init__(self, page, server):
        self.page, self.server, self.errors = page, server, []
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught exception: {exc}"))

    def goto(self, url):
        """Opens `url`; waits for `load` and the web fonts."""
        response = self.page.goto(url, wait_until="load")
        self.page.evaluate("document.fonts.ready.then(() => true)")
        return response

    def crashes(self):
        """The uncaught exceptions (the scripts of the page broke)."""
        return list(self.errors)


def page_url(server, page):
    return _crawl.page_url(server.origin, page)


def wait_for_search(page):
    """Waits (15 s at most) for the search to finish; returns an error message or None."""
    return _crawl.search_problem(page.evaluate(_crawl.WAIT_FOR_SEARCH_JS))


@pytest.fixture(scope="session")
def crawled(site, server):
    """Every page's desktop and phone visits, made on first use (tests/_crawl.py)."""
    _browser_or_skip()
    return _crawl.crawl(server.origin, PAGES, LISTINGS_JS)


def _record(records, page):
    record = records.get(page)
    if record is None:
        pytest.fail(f"{page} was not opened by the crawl")
    if isinstance(record, Exception):
        pytest.fail(f"{page}: opening it failed: {type(record).__name__}: {record}")
    return record


@pytest.fixture(scope="session")
def seen(crawled, server, http_status):
    """`seen(page)`: what the desktop visit of `page` found, with its icon checked."""
    desktop, checked = crawled[0], set()

    def record(page):
        found = _record(desktop, page)
        if page not in checked:
            checked.add(page)
            # Chromium fetches icons outside the page (no request event) and only once per
            # browser, so each page's icon is asked for here: its <link rel=icon>, or else
            # the /favicon.ico every browser falls back to.
            for icon in found.icons or [f"{server.origin}/favicon.ico"]:
                if icon.startswith("data:"):
                    continue
                if not icon.startswith(server.origin + "/"):
                    found.offsite.append(f"{icon} (the page's icon)")
                    continue
                status = http_status(icon)
                if status != 200 and not any(urlsplit(icon).path in e for e in found.errors):
                    how = ("<link rel=icon>" if found.icons
                           else "no <link rel=icon>, so browsers ask for")
                    found.errors.append(f"icon: {how} {icon}: HTTP {status}")
        return found

    return record


@pytest.fixture(scope="session")
def seen_on_phone(crawled):
    """`seen_on_phone(page)`: what the 390 px dark-mode visit of `page` found."""
    return lambda page: _record(crawled[1], page)


@pytest.fixture(scope="session")
def anchors(site, seen):
    """`anchors(path)`: the ids and names of the page at `path` (a site-absolute URL path):
    as the browser saw them for a crawled page, read from its HTML otherwise (viewcode's
    highlighted sources, which no check opens)."""
    cache = {}

    def of(path):
        page = unquote(path).lstrip("/") or "index.html"
        if page.endswith("/"):
            page += "index.html"
        if page in PAGES:
            return seen(page).anchors
        if page not in cache:
            file = site / page
            cache[page] = _browser.html_anchors(file.read_text(encoding="utf-8")) \
                if file.is_file() else set()
        return cache[page]

    return of


@pytest.fixture(scope="session")
def http_status(server):
    """`http_status(url)`: the status the server answers a GET of `url` with (cached)."""
    cache = {}

    def status(url):
        if url not in cache:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    cache[url] = response.status
            except urllib.error.HTTPError as exc:
                cache[url] = exc.code
                exc.close()
        return cache[url]

    return status


def listing(items):
    return "\n  " + "\n  ".join(items)


# --- the checks --------------------------------------------------------------------------------

def test_the_page_list_covers_the_site(site):
    pages = _browser.html_pages(site)
    assert {"index.html", SEARCH_PAGE, "genindex.html"} <= set(pages)
    assert any(p.startswith("auto_examples/") for p in pages)
    assert not any(p.split("/")[0] in _browser.SKIPPED_DIRS for p in pages)


@pytest.mark.parametrize("page", BY_PAGE)
def test_page_loads_without_errors(site, server, seen, page):
    """1. No console error, uncaught exception, failed request or HTTP status >= 400."""
    record = seen(page)
    status, errors = record.status, record.errors
    assert status == 200, f"{page}: HTTP {status}"
    assert not errors, f"{page}: errors while loading:{listing(errors)}"


@pytest.mark.parametrize("page", BY_PAGE)
def test_no_request_leaves_the_site(site, server, seen, page):
    """2. Every request goes to the local server (data: URLs excepted)."""
    offsite = seen(page).offsite
    assert not offsite, f"{page}: requests outside the site:{listing(offsite)}"


@pytest.mark.parametrize("page", BY_PAGE)
def test_formulas_are_rendered(site, server, seen, page):
    """3. No raw TeX in the visible text outside code; KaTeX output where the source has math."""
    record = seen(page)
    leftovers = _browser.raw_tex(record.prose)
    context = list(dict.fromkeys(
        record.prose[max(m.start() - 40, 0):m.end() + 40].replace("\n", " ")
        for m in _browser.RAW_TEX.finditer(record.prose)))[:10]
    assert not leftovers, f"{page}: raw TeX in the page text {sorted(set(leftovers))}:" + \
        listing(context)
    katex_errors, katex = record.katex_errors, record.katex
    assert not katex_errors, f"{page}: KaTeX errors:{listing(katex_errors)}"
    source, suffix = _browser.page_source(site, page)
    if source is not None and _browser.source_has_math(source, suffix):
        assert katex > 0, f"{page}: the source has math but no .katex element is shown"


@pytest.mark.parametrize("page", BY_PAGE)
def test_images_load_and_have_alt_text(site, server, seen, page):
    """4. Every <img> loaded (naturalWidth > 0) and has a meaningful alt text."""
    record = seen(page)
    problems = []
    for img in record.images:
        if not img["naturalWidth"]:
            problems.append(f"{img['src']}: did not load (naturalWidth 0)")
        why = _browser.alt_problem(img["alt"], img["src"])
        if why:
            problems.append(f"{img['src']}: {why} (alt={img['alt']!r})")
    assert not problems, f"{page}: {len(problems)} image problem(s):{listing(problems)}"


@pytest.mark.parametrize("page", BY_PAGE)
def test_internal_links_and_anchors_resolve(site, server, seen, anchors, http_status,
                                            page):
    """5. Every same-site link reaches a file (HTTP 200); its #fragment names an element there."""
    record = seen(page)
    origin = server.origin
    broken = []
    for link in record.links:
        url = link["url"]
        if not url.startswith(origin + "/"):
            continue  # mailto:, javascript:, other sites (test 2 sees any request to them)
        parts = urlsplit(url)
        target = f"{origin}{parts.path}" + (f"?{parts.query}" if parts.query else "")
        status = http_status(target)
        if status != 200:
            broken.append(f"{link['href']}: HTTP {status}")
            continue
        path = PurePosixPath(unquote(parts.path))
        if not parts.fragment or {"_downloads", "_sources"} & set(path.parts):
            continue
        if path.suffix not in {".html", ""}:
            continue  # a fragment into an image or a script names nothing
        here = f"{origin}{parts.path}" == record.url.split("?")[0]
        names = record.anchors if here else anchors(parts.path)
        if unquote(parts.fragment) not in names:
            broken.append(f"{link['href']}: no element with id or name "
                          f"{unquote(parts.fragment)!r} on {parts.path}")
    assert not broken, f"{page}: {len(broken)} broken link(s):{listing(sorted(set(broken)))}"


@pytest.mark.parametrize(("query", "expected"), [
    ("gradient", "basics/gradient_descent.html"),
    ("regression", "basics/linear_regression.html"),
])
def test_search_finds_the_page(site, server, new_context, query, expected):
    """6. search.html?q=WORD lists the page about WORD (and its scripts do not crash)."""
    tab = Visit(new_context().new_page(), server)
    tab.goto(f"{server.origin}/{SEARCH_PAGE}?q={query}")
    unfinished = wait_for_search(tab.page)
    assert not unfinished, f"searching {query!r}: {unfinished}"
    found = tab.page.evaluate("""() => Array.from(
        document.querySelectorAll('#search-results ul.search li a'), a => a.href)""")
    paths = [urlsplit(url).path.lstrip("/") for url in found]
    summary = tab.page.inner_text("#search-results .search-summary")
    assert expected in paths, f"searching {query!r} ({summary}) listed {paths}"
    crashes = tab.crashes()  # other load errors: test_page_loads_without_errors[search.html]
    assert not crashes, f"search for {query!r}:{listing(crashes)}"


# A reader searching a topic's name wants the page that teaches it first (docs/_static/
# scorer.js), not its glossary entry or an API object; one or more terms per chapter.
TEACHING_PAGES = {
    "gradient descent": "basics/gradient_descent.html",
    "learning rate": "basics/gradient_descent.html",
    "probability": "math/probability.html",
    "ridge": "regression/regularized.html",
    "logistic regression": "classification/logistic_regression.html",
    "f1": "classification/metrics.html",
    "cross-validation": "model_selection/cross_validation.html",
    "adam": "optimization/optimizers.html",
    "batch norm": "optimization/batch_norm.html",
    "relu": "neural_networks/activations.html",
    "softmax": "neural_networks/activations.html",
    "sigmoid": "neural_networks/activations.html",
    "convolution": "deep_learning/convolution.html",
    "decision tree": "algorithms/decision_trees.html",
    "naive bayes": "algorithms/naive_bayes.html",
    "k-means": "unsupervised/kmeans.html",
    "pca": "unsupervised/pca.html",
    "bandit": "reinforcement_learning/bandits.html",
    # terms whose page is marked only by an {index} entry (test_site checks that each one
    # reaches the search index as a main entry of its page)
    "overfitting": "model_selection/bias_variance.html",
    "dropout": "neural_networks/regularization.html",
    "silhouette": "unsupervised/kmeans.html",
    "tf-idf": "features/text.html",
    "attention": "deep_learning/attention.html",
    "mean shift": "unsupervised/mean_shift.html",
}


@pytest.mark.parametrize(("query", "expected"), sorted(TEACHING_PAGES.items()))
def test_search_lists_the_teaching_page_first(site, server, new_context, query, expected):
    """6b. The first result for a topic's name is (a section of) the page that teaches it."""
    tab = Visit(new_context().new_page(), server)
    tab.goto(f"{server.origin}/{SEARCH_PAGE}?q={query}")
    unfinished = wait_for_search(tab.page)
    assert not unfinished, f"searching {query!r}: {unfinished}"
    found = tab.page.evaluate("""() => Array.from(
        document.querySelectorAll('#search-results ul.search li a'), a => a.href)""")
    paths = [urlsplit(url).path.lstrip("/") for url in found]
    assert paths and paths[0] == expected, f"searching {query!r} listed first {paths[:5]}"



@pytest.mark.parametrize("page", BY_PAGE)
def test_a_phone_in_dark_mode_sees_the_whole_page_and_dark_figures(site, seen_on_phone, page):
    """7. At 390x844 in dark mode: the page does not scroll sideways (boxes may scroll inside),
    every display formula is shown whole (stacked or shrunk by figures.js, never cut), and
    figures are dark like the page, not white rectangles."""
    record = seen_on_phone(page)
    crashes = [e for e in record.errors if e.startswith("uncaught exception")]
    assert not crashes, f"{page}: the page's scripts broke on a phone:{listing(crashes)}"
    result = record.overflow
    assert result["scrollWidth"] <= result["innerWidth"] + 1, (
        f"{page}: the page is {result['scrollWidth']}px wide in a {result['innerWidth']}px "
        f"viewport; sticking out:{listing(result['culprits'] or ['(no single element found)'])}")
    cut = [f"{f['tex'][:90]} ({f['scroll']}px in {f['width']}px at {f['size']})"
           for f in record.formulas if f["scroll"] > f["width"] + 1]
    assert not cut, f"{page}: {len(cut)} formula(s) cut off at 390 px:{listing(cut)}"
    if record.figure is not None:
        assert record.figure["luminance"] < 0.2, (
            f"{page}: in dark mode the figure {record.figure['src']} shows a light background "
            f"(luminance {record.figure['luminance']:.2f})")


@pytest.mark.parametrize("page", BY_PAGE)
def test_figure_text_is_at_least_10_px_as_shown(site, server, seen, page):
    """10. The smallest text of every site figure, as the image is shown at desktop width
    (its PNG records the point size; the browser gives the scale), is 10 CSS px or more."""
    small = []
    for img in seen(page).images:
        path = SITE / unquote(urlsplit(img["url"]).path).lstrip("/")
        recorded = _browser.png_text_size(path) if path.suffix == ".png" else None
        if recorded is None or not img["naturalWidth"] or img["src"].find("thumb") >= 0:
            continue
        point, dpi = recorded
        shown = point / 72 * dpi * img["shownWidth"] / img["naturalWidth"]
        if shown < 10 - 0.05:
            small.append(f"{img['src']}: {point:g} pt text shown at {shown:.1f} px")
    assert not small, f"{page}: figure text smaller than 10 px:{listing(small)}"


def test_every_page_figure_records_its_text_size(site):
    """The figures of pages and examples carry min-font-pt (figure_style.py saved them)."""
    figures = sorted((site / "_images").glob("*.png"))
    assert figures, "no figures in _images"
    missing = [p.name for p in figures if "thumb" not in p.name and _browser.png_text_size(p) is None]
    assert not missing, f"figures saved outside the site's style and rules:{listing(missing[:20])}"


# The theme toggle is furo's template, the same on every page: it is exercised on one page of
# each kind (landing, topic, gallery example, API, glossary, search) rather than on all of them.
TOGGLE_PAGES = [p for p in ["index.html", "basics/gradient_descent.html",
                            "auto_examples/basics/plot_gradient_descent_learning_rate.html",
                            "reference/glossary.html", SEARCH_PAGE] if p in PAGES]
TOGGLE_PAGES += [p for p in PAGES if p.startswith("reference/api/")][:1]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("page", TOGGLE_PAGES)
def test_dark_mode_toggle(site, server, new_context, page, viewport):
    """8. The visible furo theme toggle cycles body[data-theme] through auto, dark and light
    (the reader prefers light), the background turns dark and back, and the choice persists."""
    tab = Visit(new_context(viewport=PHONE if viewport == "phone" else DESKTOP).new_page(),
                server)
    tab.goto(page_url(server, page))
    toggles = tab.page.locator(".theme-toggle")
    visible = [toggles.nth(i) for i in range(toggles.count()) if toggles.nth(i).is_visible()]
    assert visible, f"{page}: no visible .theme-toggle ({toggles.count()} in the page)"

    states = [tab.page.evaluate(_browser.THEME_JS)]
    for _ in range(3):
        before = states[-1]["theme"]
        visible[0].click()
        tab.page.evaluate(_browser.THEME_CHANGE_JS, before)  # at most 2 s
        states.append(tab.page.evaluate(_browser.THEME_JS))
    themes = [s["theme"] for s in states]
    assert themes[0] == "auto", f"{page}: a first visit starts at data-theme={themes[0]!r}"
    assert themes == ["auto", "dark", "light", "auto"], f"{page}: the toggle cycled {themes}"
    background = {s["theme"]: s["background"] for s in states}
    assert _browser.luminance(background["dark"]) < 0.2 < _browser.luminance(background["light"]), (
        f"{page}: background in dark mode {background['dark']}, light {background['light']}")
    assert background["auto"] == background["light"], f"{page}: auto is not light: {background}"

    visible[0].click()  # dark again: kept across a reload
    tab.goto(page_url(server, page))
    after = tab.page.evaluate(_browser.THEME_JS)
    assert after["theme"] == "dark" and after["background"] == background["dark"], (
        f"{page}: after a reload the theme is {after}")
    assert not tab.crashes(), f"{page}:{listing(tab.crashes())}"



# What has the keyboard focus: whether a reader can see it where it is.
FOCUSED_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  const shown = el.checkVisibility({visibilityProperty: true}) && box.width > 0 &&
                box.height > 0 && box.right > 0 && box.left < innerWidth;
  return {what: el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' ' +
                (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
          shown, chevron: el.matches('.sidebar-tree label[for]'),
          expanded: el.getAttribute('aria-expanded')};
}"""
KEYBOARD_PAGES = [p for p in ["basics/linear_regression.html", "index.html"] if p in PAGES]


@pytest.mark.parametrize("page", KEYBOARD_PAGES)
def test_the_keyboard_reaches_only_what_is_shown(site, server, new_context, page):
    """11. On a phone, Tab never lands in the hidden navigation or contents drawer: every
    one of the first 30 stops is on screen."""
    tab = Visit(new_context(viewport=PHONE).new_page(), server)
    tab.goto(page_url(server, page))
    hidden = []
    for _ in range(30):
        tab.page.keyboard.press("Tab")
        focused = tab.page.evaluate(FOCUSED_JS)
        if focused and not focused["shown"]:
            hidden.append(focused["what"])
    assert not hidden, f"{page}: Tab stops on what a phone does not show:{listing(hidden)}"


@pytest.mark.parametrize("page", KEYBOARD_PAGES)
def test_sidebar_chevrons_open_from_the_keyboard_and_arrows_do_not_turn_pages(
        site, server, new_context, page):
    """12. At desktop width a sidebar chevron is a Tab stop and Enter toggles its section;
    the arrow keys scroll, they do not go to the next page (furo's navigation_with_keys)."""
    tab = Visit(new_context(viewport=DESKTOP).new_page(), server)
    tab.goto(page_url(server, page))
    for _ in range(80):
        tab.page.keyboard.press("Tab")
        focused = tab.page.evaluate(FOCUSED_JS)
        if focused and focused["chevron"]:
            break
    else:
        pytest.fail(f"{page}: no sidebar chevron among the first 80 Tab stops")
    before = focused["expanded"]
    tab.page.keyboard.press("Enter")
    after = tab.page.evaluate(FOCUSED_JS)["expanded"]
    assert {before, after} == {"true", "false"}, (
        f"{page}: Enter on {focused['what']!r} left aria-expanded {before!r} -> {after!r}")
    url = tab.page.url
    tab.page.evaluate("document.activeElement.blur()")  # the page itself has the keys
    for key in ("ArrowRight", "ArrowLeft"):
        tab.page.keyboard.press(key)
        tab.page.wait_for_timeout(300)
        assert tab.page.url == url, f"{page}: {key} went to {tab.page.url}"
    assert not tab.crashes(), f"{page}:{listing(tab.crashes())}"


LIBCODE_PAGES = [p for p in PAGES if (SITE / p).is_file()
                 and "literal-block-wrapper libcode" in (SITE / p).read_text(encoding="utf-8")]
# The {libcode} listings of a page: their width, and the opacity of their dimmed check lines.
LISTINGS_JS = """() => Array.from(document.querySelectorAll('.libcode pre'),
    pre => ({caption: pre.closest('.libcode').querySelector('.caption-text, .caption')
                      ?.innerText ?? '', scroll: pre.scrollWidth, width: pre.clientWidth,
             quiet: Array.from(pre.querySelectorAll('.hll'),
                               line => parseFloat(getComputedStyle(line).opacity))}))"""


@pytest.mark.parametrize("page", LIBCODE_PAGES)
def test_library_code_fits_the_column_and_its_checks_are_quiet(site, server, seen, page):
    """9. At desktop width (the content column is as wide at 1280 px as at 1400) no {libcode}
    listing scrolls sideways, and its @validate line is dimmed."""
    listings = seen(page).listings
    assert listings, f"{page}: no .libcode listing found"
    wide = [f"{item['caption']}: {item['scroll']}px in {item['width']}px" for item in listings
            if item["scroll"] > item["width"] + 1]
    assert not wide, f"{page}: listings scroll sideways at desktop width:{listing(wide)}"
    loud = [item["caption"] for item in listings if any(o >= 0.9 for o in item["quiet"])]
    assert not loud, f"{page}: check lines not dimmed in{listing(loud)}"
