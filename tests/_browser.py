"""Helpers of the browser tests (tests/test_browser.py): the local server, the page list,
what counts as raw TeX and as meaningful alt text, and the scripts run in the pages.

Nothing here imports Playwright, so the doctests below run without a browser.
"""

import functools
import http.server
import os
import re
import shutil
import sys
import threading
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"  # Debian's; `tools/ensure_chromium.sh` installs it
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run",
               "--disable-quic"]
# _modules: viewcode's highlighted sources, opened through the [source] links of the API pages;
# _tests: the test files' (docs/_ext/proof.py), through the listings' "Checked by" lines. The
# link check reads their anchors from the HTML.
SKIPPED_DIRS = {"_static", "_sources", "_downloads", "_images", "_modules", "_tests"}


def chromium_path():
    """Debian's Chromium, or another `chromium` on PATH, or None."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


def html_pages(site):
    """Every built page, relative to the site root, as POSIX strings."""
    site = Path(site)
    if not site.is_dir():
        return []
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not SKIPPED_DIRS & set(p.relative_to(site).parts[:-1]))


# --- the server -----------------------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site without printing; every request is recorded as (path, status)."""

    def log_message(self, format, *args):  # noqa: A002  (the signature of the base class)
        pass

    def log_request(self, code="-", size="-"):
        status = code.value if hasattr(code, "value") else code
        self.server.record(self.path, int(status) if str(status).isdigit() else 0)


class SiteServer(http.server.ThreadingHTTPServer):
    """A ThreadingHTTPServer on 127.0.0.1 and a free port, serving `root` from a daemon thread."""

    daemon_threads = True

    def __init__(self, root):
        super().__init__(("127.0.0.1", 0),
                         functools.partial(_QuietHandler, directory=str(root)))
        self._lock = threading.Lock()
        self._log = []
        self._thread = threading.Thread(target=self.serve_forever, name="site-server",
                                         daemon=True)

    def handle_error(self, request, client_address):
        """A browser that closes a connection early (BrokenPipe, ConnectionReset) is not a
        site error; keep it out of the test output. Anything else is still reported."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)

    @property
    def origin(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def record(self, path, status):
        with self._lock:
            self._log.append((path, status))

    def mark(self):
        """A position in the request log, for `errors_since`."""
        with self._lock:
            return len(self._log)

    def errors_since(self, mark):
        """The requests answered with a status >= 400 since `mark`, as "STATUS path"."""
        with self._lock:
            return [f"{status} {path}" for path, status in self._log[mark:] if status >= 400]

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
        self._thread.join(5)


def html_anchors(text):
    """The ids and ``<a name>`` values of an HTML document: what a ``#fragment`` can name.

    >>> sorted(html_anchors('<h2 id="fit">Fit</h2><a name="old"></a><p id=x>'))
    ['fit', 'old', 'x']
    """
    from html.parser import HTMLParser

    names = set()

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            for key, value in attrs:
                if value and (key == "id" or (tag == "a" and key == "name")):
                    names.add(value)

    Collect().feed(text)
    return names


# --- raw TeX and math in the sources ---------------------------------------------------------

RAW_TEX = re.compile(r"\$\$|\\\(|\\\)|\\\[|\\\]|\\frac|\\begin\{|\\end\{"
                     r"|\\[A-Za-z]+\s*[{_^]|[_^]\{")


def raw_tex(text):
    """The pieces of TeX source in visible text (KaTeX did not render them).

    >>> raw_tex("The cost J(w) = 1/2m Σ (ŷ − y)², minimized over w.")
    []
    >>> raw_tex(r"where $$J = \\frac{1}{2m}$$ and \\(w_{j}\\) is a weight")
    ['$$', '\\\\frac', '$$', '\\\\(', '_{', '\\\\)']
    """
    return [m.group(0) for m in RAW_TEX.finditer(text)]


_FENCE = re.compile(r"^(?P<f>`{3,}|~{3,}|:{3,})[^\n]*\n.*?^(?P=f)[ \t]*$", re.M | re.S)
_MD_MATH = re.compile(r"\$\$|(?<![\\$\w])\$(?=\S)[^$\n]+?(?<=[^\s\\])\$(?!\w)|\\begin\{")
_RST_MATH = re.compile(r":math:`|^\s*\.\. math::", re.M)


def source_has_math(text, suffix):
    """Whether a page source (its `_sources/` copy) has math that KaTeX should render.

    >>> source_has_math("The cost $J(w)$ is convex.", ".md")
    True
    >>> source_has_math("```console\\n$ make test\\n```\\nA budget of 10 k$, then 20 k$.", ".md")
    False
    >>> source_has_math("```{math}\\nJ = 0\\n```", ".md")
    True
    >>> source_has_math("The cost :math:`J(w)`.", ".rst")
    True
    >>> source_has_math("ax.set(xlabel='Radio budget (k$)')", ".rst")
    False
    """
    if suffix == ".rst":
        return bool(_RST_MATH.search(text))
    if re.search(r"^(`{3,}|~{3,}|:{3,})\s*\{math\}", text, re.M):
        return True
    prose = _FENCE.sub("", text)
    if re.search(r"\{(math|eq)\}`", prose):
        return True
    prose = re.sub(r"(`+).+?\1", "", prose)  # inline code
    return bool(_MD_MATH.search(prose))


def page_source(site, page):
    """The `_sources/` copy of a page and its original suffix, or (None, None)."""
    stem = PurePosixPath(page).with_suffix("")
    for suffix in (".md", ".rst", ".ipynb", ".py", ".txt"):
        path = Path(site) / "_sources" / f"{stem}{suffix}.txt"
        if path.is_file():
            return path.read_text(encoding="utf-8"), suffix
    return None, None


# --- alt text --------------------------------------------------------------------------------

GENERIC_ALT = {"image", "img", "picture", "pic", "photo", "figure", "fig", "graphic", "plot",
               "graph", "chart", "diagram", "thumbnail", "thumb", "icon", "logo", "screenshot",
               "untitled", "alt", "alt text", "placeholder", "png", "jpg", "jpeg", "gif", "svg",
               "webp", "output", "result", "none", "null", "undefined"}
_FILENAME = re.compile(r"^[\w.~%/\\-]*\.(png|jpe?g|gif|svg|webp|avif|bmp|ico)$", re.I)


def alt_problem(alt, src):
    """Why `alt` is not a meaningful description of the image at `src`, or None if it is.

    >>> alt_problem("Sales against radio budget, with the least-squares line", "fit.png")
    >>> alt_problem(None, "a.png")
    'no alt attribute'
    >>> alt_problem("  ", "a.png")
    'empty alt text'
    >>> alt_problem("../_images/627eae03.png", "../_images/627eae03.png")
    'alt text is the file name'
    >>> alt_problem("sphx_glr_plot_fit_thumb", "../_images/sphx_glr_plot_fit_thumb.png")
    'alt text is the file name'
    >>> alt_problem("Image 2", "x.png")
    "generic alt text 'Image 2'"
    """
    if alt is None:
        return "no alt attribute"
    text = " ".join(alt.split())
    if not text:
        return "empty alt text"
    name = PurePosixPath(unquote(urlsplit(src or "").path)).name
    if (_FILENAME.match(text) or text in {src, name, PurePosixPath(name).stem}
            or PurePosixPath(text).name in {name, PurePosixPath(name).stem}):
        return "alt text is the file name"
    if re.fullmatch(r"[0-9a-f]{16,}", text, re.I):
        return "alt text is a hash"
    if re.sub(r"[\d\W_]+", " ", text).strip().lower() in GENERIC_ALT | {""}:
        return f"generic alt text {text!r}"
    return None


# --- scripts run in the pages ----------------------------------------------------------------

# Visible text of the page with code (pre, code) hidden: where raw TeX must not appear.
VISIBLE_PROSE_JS = """() => {
  const style = document.createElement('style');
  style.textContent = 'pre, code, kbd, samp, .highlight { display: none !important; }';
  document.head.appendChild(style);
  const text = document.body.innerText;
  style.remove();
  return text;
}"""

# Every <img>, once it has been scrolled to (lazy images load then) and has finished loading.
IMAGES_JS = """async () => {
  const images = Array.from(document.images);
  for (const img of images) {
    img.scrollIntoView({block: 'center'});
    if (!img.complete) {
      await new Promise(done => {
        img.addEventListener('load', done, {once: true});
        img.addEventListener('error', done, {once: true});
        setTimeout(done, 5000);
      });
    }
    try { await img.decode(); } catch (e) { /* naturalWidth tells */ }
  }
  window.scrollTo(0, 0);
  return images.map(img => ({
    src: img.getAttribute('src'), url: img.currentSrc || img.src,
    alt: img.getAttribute('alt'), naturalWidth: img.naturalWidth, complete: img.complete,
    shownWidth: img.getBoundingClientRect().width,
  }));
}"""

LINKS_JS = """() => Array.from(document.querySelectorAll('a[href]'), a => ({
  href: a.getAttribute('href'), url: a.href,
}))"""

ANCHORS_JS = """() => {
  const names = new Set();
  document.querySelectorAll('[id]').forEach(el => names.add(el.id));
  document.querySelectorAll('a[name]').forEach(el => names.add(el.getAttribute('name')));
  return Array.from(names);
}"""

# The elements that stick out to the right of the viewport, outside any box that scrolls or
# clips them itself: what makes the page scroll sideways.
OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const clipped = el => {  // scrolls or clips inside a box, or is fixed to the viewport
    if (getComputedStyle(el).position === 'fixed') return true;
    for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement;
         p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.overflowX !== 'visible' || style.position === 'fixed') return true;
    }
    return false;
  };
  const describe = el => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + Array.from(el.classList).slice(0, 3).join('.');
    return s;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > width + 1 && !clipped(el)) {
      const parent = el.parentElement;
      const pr = parent && parent.getBoundingClientRect();
      if (!pr || pr.right <= width + 1 || parent === document.body || clipped(parent))
        out.push(`${describe(el)} (right edge ${Math.round(r.right)}px)`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width,
          culprits: out.slice(0, 10)};
}"""

ICONS_JS = """() => Array.from(document.querySelectorAll('link[rel~="icon" i]'), l => l.href)"""

# Waits until body[data-theme] is no longer `before`, for 2 s at most.
THEME_CHANGE_JS = """async before => {
  for (let i = 0; i < 40 && document.body.dataset.theme === before; i++)
    await new Promise(done => setTimeout(done, 50));
}"""

THEME_JS = """() => ({
  theme: document.body.dataset.theme,
  background: getComputedStyle(document.body).backgroundColor,
})"""


def luminance(css_color):
    """Relative luminance (0 black, 1 white) of an rgb()/rgba() color.

    >>> luminance("rgb(255, 255, 255)"), luminance("rgb(19, 20, 22)") < 0.01
    (1.0, True)
    """
    r, g, b = (float(v) / 255 for v in re.findall(r"[\d.]+", css_color)[:3])
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return round(0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2], 6)


# Display formulas at the viewport's width: the visible part of each shown one (KaTeX's
# .katex-html scrolls by itself) and its TeX, to name the ones that do not fit.
FORMULAS_JS = """() => Array.from(document.querySelectorAll('.katex-display'))
  .filter(box => box.offsetParent !== null)
  .map(box => {
    const shown = box.querySelector('.katex-html') || box;
    return {tex: (box.querySelector('annotation') || {}).textContent || '',
            scroll: shown.scrollWidth, width: shown.clientWidth,
            size: getComputedStyle(box).fontSize};
  })"""

# The first content figure (not a linked thumbnail), scrolled to and decoded: the element, or
# null when the page has none. Most figures are `loading="lazy"`: one that is never scrolled to
# never loads, and its decode() would wait forever; the wait is cut at 10 s either way.
FIRST_FIGURE_JS = """async () => {
  const img = Array.from(document.querySelectorAll('article img'))
    .find(i => !i.closest('a') && !i.closest('dialog') && i.getAttribute('src'));
  if (!img) return null;
  img.scrollIntoView({block: 'center'});
  await Promise.race([img.decode().catch(() => null),
                      new Promise(done => setTimeout(done, 10000))]);
  return img;
}"""


def png_text_size(path):
    """(smallest font in points, dots per inch) a site figure records, or None.

    docs/_ext/figure_style.py writes ``min-font-pt`` into every figure the build saves.
    """
    from PIL import Image

    try:
        with Image.open(path) as image:
            point = image.text.get("min-font-pt") if hasattr(image, "text") else None
            dpi = image.info.get("dpi", (72, 72))[0]
    except (OSError, ValueError):
        return None
    return (float(point), float(dpi)) if point else None


def background_luminance(png_bytes, ring=3):
    """Luminance (0 black .. 1 white) of the most common shade in the outer ``ring`` pixels of
    a screenshot: a figure's background (its margin), whatever its title, lines, labels or
    filled regions cover inside.

    >>> import io
    >>> from PIL import Image
    >>> image = Image.new("L", (40, 20), 250)       # a white card...
    >>> image.paste(0, (4, 4, 36, 16))              # ...mostly covered by a dark plot
    >>> buffer = io.BytesIO(); image.save(buffer, format="PNG")
    >>> round(background_luminance(buffer.getvalue()), 2)
    0.98
    """
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png_bytes)) as image:
        gray = image.convert("L")
    width, height = gray.size
    ring = max(1, min(ring, width // 4, height // 4))
    counts = [0] * 256
    for box in [(0, 0, width, ring), (0, height - ring, width, height),
                (0, ring, ring, height - ring), (width - ring, ring, width, height - ring)]:
        for shade, n in enumerate(gray.crop(box).histogram()):
            counts[shade] += n
    return counts.index(max(counts)) / 255
