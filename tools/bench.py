"""Build-time figures for the site (`make bench`). Prints numbers; asserts nothing.

Runs in a scratch copy of the tracked files, so the working tree and its
_build/ are left alone. Scenarios:

cold        no _build, no docs/auto_examples: every page and gallery script executes
warm cache  _build/html removed, the notebook cache and gallery outputs kept
no-op       nothing changed
page code   one code cell of one page edited: that page re-executes
library     one library module edited: the pages and scripts that import it re-execute
"""

import functools
import http.server
import os
import re
import statistics
import threading
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = {"clean": (6.7, 33), "no-op": (1.06, 33), "one page": (1.6, 33)}  # 2017 site, no execution


def build(work):
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-c", ".", "docs",
           "_build/html"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONWARNINGS="ignore"))
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stdout}\n{proc.stderr}")
    return elapsed


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def page_weights(site):
    """Bytes Chromium loads for every page (HTML, CSS, JS, fonts, images), or None."""
    if not Path("/usr/bin/chromium").exists():
        return None
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if not {"_static", "_sources", "_downloads"} & set(p.relative_to(site).parts))
    weights = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"])
        for rel in pages:
            context = browser.new_context()  # empty cache: every page pays for its assets
            page = context.new_page()
            sizes = []

            def on_response(response, sizes=sizes):
                try:
                    sizes.append(len(response.body()) if response.ok else 0)
                except Exception:  # the page moved on before the body was read
                    pass

            page.on("response", on_response)
            page.goto(f"{origin}/{rel}", wait_until="networkidle")
            weights[rel] = sum(sizes)
            context.close()
        browser.close()
    server.shutdown()
    return weights


def main():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    with tempfile.TemporaryDirectory(prefix="mlcs-bench-") as tmp:
        work = Path(tmp)
        for rel in files:
            (work / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, work / rel)
        (work / "node_modules").symlink_to(ROOT / "node_modules")
        pages = [p for p in (work / "docs").rglob("*.md")]
        executed = [p for p in pages if "{code-cell}" in p.read_text()]
        scripts = list((work / "gallery").rglob("plot_*.py"))

        results = {}
        results["cold"] = build(work)
        weights = page_weights(work / "_build" / "html")
        html_pages = len(list((work / "_build" / "html").rglob("*.html")))
        shutil.rmtree(work / "_build" / "html")
        results["warm cache"] = build(work)
        results["no-op"] = build(work)
        page = work / "docs" / "basics" / "linear_regression.md"
        text = page.read_text()
        page.write_text(re.sub(r"(```\{code-cell\} ipython3\n)", r"\1# edited by make bench\n", text, count=1))
        results["page code edited"] = build(work)
        module = work / "mlcheatsheet" / "report.py"
        module.write_text(module.read_text() + "\n# edited by make bench\n")
        results["library module edited"] = build(work)

    n_exec = len(executed) + len(scripts)
    print(f"site: {html_pages} HTML pages; {len(executed)} executed pages + {len(scripts)} gallery "
          f"scripts = {n_exec} executed documents")
    print(f"{'scenario':24} {'seconds':>8} {'s / executed doc':>17}")
    for name, secs in results.items():
        print(f"{name:24} {secs:8.2f} {secs / n_exec:17.2f}")
    ref_clean, ref_pages = REFERENCE["clean"]
    print(f"\n2017 site (no code executed, {ref_pages} pages): clean {ref_clean} s = "
          f"{ref_clean / ref_pages:.2f} s/page, no-op {REFERENCE['no-op'][0]} s, "
          f"one page touched {REFERENCE['one page'][0]} s")
    if weights:
        heaviest = max(weights, key=weights.get)
        print(f"\npage weight (what Chromium loads, empty cache), {len(weights)} pages: median "
              f"{statistics.median(weights.values()) / 1000:.0f} KB, heaviest "
              f"{weights[heaviest] / 1000:.0f} KB ({heaviest}); target <= 850 KB")
        print("2017 site: about 205 KB HTML/CSS/JS + 0.5 MB fonts, + about 1 MB MathJax on math pages")
    else:
        print("\npage weight: skipped (no /usr/bin/chromium; tools/ensure_chromium.sh installs it)")
    print(f"ratio cold / reference per page: {results['cold'] / n_exec / (ref_clean / ref_pages):.1f}x; "
          f"aim: cold <= 1 s per executed page -> {results['cold'] / n_exec:.2f} s")


if __name__ == "__main__":
    main()
