"""Every built page opened in Chromium once at desktop width and once on a phone in dark mode,
several at a time, for the browser tests (tests/test_browser.py) to read.

A page's checks need what one visit saw (its errors, text, images, links, layout), so the
visits are made up front by one crawler: Playwright's async API in a thread of its own, one
Chromium, ``CONCURRENCY`` tabs at once. Opening pages one by one left both cores idle while a
tab waited for its fonts and late requests; this keeps them busy and opens each page exactly
twice, whatever the number of checks that read it.
"""

import asyncio
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import _browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SETTLE_MS = 250  # after `load` (and fonts): late requests such as the favicon show up
CONCURRENCY = 4  # tabs at once: two cores stay busy while others wait on the network
NAVIGATION_TIMEOUT_MS = 30_000
SCRIPT_TIMEOUT_S = 30  # a script run in the page that has not answered by then is an error
VISIT_TIMEOUT_S = 120  # one whole visit; a page that takes longer is reported, not waited for
SEARCH_PAGE = "search.html"
SEARCH_QUERY = "gradient"  # search.html is checked with results on it, not empty


@dataclass
class Seen:
    """What the desktop visit of a page found."""

    url: str
    status: int = 0
    errors: list = field(default_factory=list)
    offsite: list = field(default_factory=list)
    prose: str = ""
    katex: int = 0
    katex_errors: list = field(default_factory=list)
    images: list = field(default_factory=list)
    links: list = field(default_factory=list)
    anchors: set = field(default_factory=set)
    listings: list = field(default_factory=list)
    icons: list = field(default_factory=list)


@dataclass
class SeenOnPhone:
    """What the 390 px, dark-mode visit of a page found."""

    url: str
    errors: list = field(default_factory=list)
    overflow: dict = field(default_factory=dict)
    formulas: list = field(default_factory=list)
    figure: dict = None  # {"src", "luminance"} of the first content figure, if it has one


def page_url(origin, page):
    url = f"{origin}/{page}"
    return url + f"?q={SEARCH_QUERY}" if page == SEARCH_PAGE else url


# Waits (15 s at most) for the search to finish; returns its summary line.
WAIT_FOR_SEARCH_JS = """async () => {
  const summary = () =>
    (document.querySelector('#search-results .search-summary') || {}).innerText || '';
  for (let i = 0; i < 300 && !/Search finished|did not match/.test(summary()); i++)
    await new Promise(next => setTimeout(next, 50));
  return summary();
}"""


def search_problem(summary):
    """An error message if the search summary says it did not finish, else None.

    >>> search_problem("Search finished, found 12 pages matching the search query.")
    >>> search_problem("Searching")
    "the search did not finish in 15 s (summary: 'Searching')"
    """
    if "Search finished" in summary or "did not match" in summary:
        return None
    return f"the search did not finish in 15 s (summary: {summary!r})"


class _Listener:
    """What goes wrong while a tab loads: console errors, uncaught exceptions, failed requests,
    HTTP errors, and requests that leave the site."""

    def __init__(self, tab, origin):
        self.origin, self.errors, self.offsite = origin, [], []
        tab.on("console", self._console)
        tab.on("pageerror", lambda exc: self.errors.append(f"uncaught exception: {exc}"))
        tab.on("request", self._request)
        tab.on("requestfailed",
               lambda r: self.errors.append(f"request failed ({r.failure}): {r.url}"))
        tab.on("response", lambda r: r.status >= 400 and self.errors.append(
            f"HTTP {r.status}: {r.url}"))

    def _console(self, msg):
        if msg.type == "error":
            where = msg.location.get("url", "") if msg.location else ""
            self.errors.append(f"console error: {msg.text}" + (f" [{where}]" if where else ""))

    def _request(self, request):
        url = request.url
        if not (url.startswith(self.origin + "/") or url.startswith(("data:", "blob:"))):
            self.offsite.append(url)


async def _script(tab, script, arg=None):
    """``tab.evaluate`` with a deadline (Playwright's own evaluate waits forever)."""
    return await asyncio.wait_for(tab.evaluate(script, arg), SCRIPT_TIMEOUT_S)


async def _open(context, url, origin):
    tab = await context.new_page()
    listener = _Listener(tab, origin)
    response = await tab.goto(url, wait_until="load", timeout=NAVIGATION_TIMEOUT_MS)
    await _script(tab, "document.fonts.ready.then(() => true)")
    if urlsplit(url).path.endswith("/" + SEARCH_PAGE) and "q=" in url:
        problem = search_problem(await _script(tab, WAIT_FOR_SEARCH_JS))
        if problem:
            listener.errors.append(problem)
    return tab, listener, response


async def _desktop(context, url, origin, listings_js):
    record = Seen(url=url)
    tab, listener, response = await _open(context, url, origin)
    try:
        await tab.wait_for_timeout(SETTLE_MS)
        record.status = response.status if response else 0
        record.images = await _script(tab, _browser.IMAGES_JS)  # scrolls: lazy images load
        await tab.wait_for_timeout(SETTLE_MS)
        record.prose = await _script(tab, _browser.VISIBLE_PROSE_JS)
        record.katex = await tab.locator(".katex").count()
        record.katex_errors = await tab.locator(".katex-error").all_inner_texts()
        record.links = await _script(tab, _browser.LINKS_JS)
        record.anchors = set(await _script(tab, _browser.ANCHORS_JS))
        record.listings = await _script(tab, listings_js)
        record.icons = await _script(tab, _browser.ICONS_JS)
    finally:
        record.errors, record.offsite = list(listener.errors), list(listener.offsite)
        await tab.close()
    return record


async def _phone(context, url, origin):
    record = SeenOnPhone(url=url)
    tab, listener, _ = await _open(context, url, origin)
    try:
        record.overflow = await _script(tab, _browser.OVERFLOW_JS)
        record.formulas = await _script(tab, _browser.FORMULAS_JS)
        handle = await asyncio.wait_for(tab.evaluate_handle(_browser.FIRST_FIGURE_JS),
                                        SCRIPT_TIMEOUT_S)
        figure = handle.as_element()
        if figure is not None:
            box = await figure.bounding_box()
            if box and box["width"] > 40 and box["height"] > 40:
                shot = await figure.screenshot(timeout=NAVIGATION_TIMEOUT_MS)  # as drawn
                record.figure = {"src": await figure.get_attribute("src"),
                                 "luminance": _browser.background_luminance(shot)}
    finally:
        record.errors = list(listener.errors)
        await tab.close()
    return record


async def _crawl(origin, pages, listings_js):
    from playwright.async_api import async_playwright

    desktop, phone = {}, {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=_browser.chromium_path(),
                                                   args=_browser.LAUNCH_ARGS)
        # One context per kind of visit: fresh storage for the crawl, no service workers;
        # each page gets a tab of its own (no theme is chosen here, so nothing carries over).
        wide = await browser.new_context(viewport=DESKTOP, color_scheme="light",
                                         service_workers="block")
        dark = await browser.new_context(viewport=PHONE, color_scheme="dark",
                                         service_workers="block")
        slots = asyncio.Semaphore(CONCURRENCY)

        async def visit(kind, page):
            url = page_url(origin, page)
            async with slots:
                try:
                    if kind == "desktop":
                        desktop[page] = await asyncio.wait_for(
                            _desktop(wide, url, origin, listings_js), VISIT_TIMEOUT_S)
                    else:
                        phone[page] = await asyncio.wait_for(
                            _phone(dark, url, origin), VISIT_TIMEOUT_S)
                except Exception as exc:  # noqa: BLE001  (kept: the page's checks report it)
                    (desktop if kind == "desktop" else phone)[page] = exc

        await asyncio.gather(*(visit(kind, page) for page in pages
                               for kind in ("desktop", "phone")))
        await browser.close()
    return desktop, phone


def crawl(origin, pages, listings_js):
    """``(desktop, phone)``: dicts from page to its :class:`Seen` and :class:`SeenOnPhone`
    (or the exception its visit raised). Runs in a thread of its own, so that it does not
    meet the event loop of a sync Playwright the tests may already have started; a daemon
    thread, so that a test timeout (pytest-timeout) that interrupts the wait is not followed
    by a second wait for the thread at exit."""
    outcome = {}

    def run():
        try:
            outcome["value"] = asyncio.run(_crawl(origin, pages, listings_js))
        except BaseException as exc:  # noqa: BLE001  (re-raised in the calling thread)
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="crawl", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
