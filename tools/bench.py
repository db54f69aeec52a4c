"""Build-time figures for the site (`make bench`). Prints numbers; asserts nothing.

Runs in scratch copies of the tracked files, so the working tree and its
_build/ are left alone. Scenarios, all in one run (so ratios compare like with like):

cold            no _build, no docs/auto_examples: every page and gallery script executes
                (parallel: ``-j auto`` and the gallery on every core, as ``make html``)
warm cache      _build/html removed, the notebook cache and gallery outputs kept
no-op           nothing changed
page code       one code cell of one page edited: that page re-executes
library leaf    one library module edited that few pages import: only they re-execute
library shared  report.py edited, which almost every page imports
cold serial     a second scratch copy built with -j 1 and GALLERY_JOBS=1, then its HTML
                compared with the parallel build's, file by file

It also prints the top 10 slowest executed documents (pages: the execution cache's
own timing; gallery scripts: each run alone in a fresh interpreter) and the build's
peak memory (largest resident set of the build and its children).
"""

import filecmp
import functools
import http.server
import os
import re
import resource
import statistics
import threading
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The 2017 site's own Sphinx build (33 pages, nothing executed), median of 3, measured side by
# side with ours on this machine kind (issue 10).
REFERENCE = {"clean": (5.6, 33), "no-op": (0.69, 33), "one page": (1.6, 33)}


def build(work, jobs="auto"):
    """Seconds one Sphinx run takes, and the number of notebooks it executed."""
    cmd = [sys.executable, "-m", "sphinx", "-j", jobs, "-W", "--keep-going", "-n", "-c", ".",
           "docs", "_build/html"]
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    if jobs == "1":
        env["GALLERY_JOBS"] = "1"
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return elapsed, len(re.findall(r"Executed notebook in", proc.stdout + proc.stderr))


def scratch_copy(files, dest):
    for rel in files:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest / rel)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")


def page_times(work):
    """{page: seconds} from the execution cache of the build in ``work``."""
    from jupyter_cache import get_cache

    times = {}
    for folder in (work / "_build" / ".jupyter_cache").iterdir():
        for record in get_cache(folder).list_cache_records():
            uri = Path(record.uri).relative_to(work / "docs").as_posix()
            times[uri] = record.data.get("execution_seconds") or 0.0
    return times


def script_times(work):
    """{script: seconds}, each gallery script run alone in a fresh interpreter."""
    times = {}
    env = dict(os.environ, MPLBACKEND="agg", PYTHONPATH=str(work), PYTHONWARNINGS="ignore")
    for script in sorted((work / "gallery").rglob("plot_*.py")):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(script)], cwd=script.parent, env=env, check=True,
                       capture_output=True)
        times[script.relative_to(work).as_posix()] = time.perf_counter() - start
    return times


# .buildinfo hashes the configuration (GALLERY_JOBS differs); sphinx-gallery zips store file
# modification times. Anything else that differs is a determinism bug.
KNOWN_NONDETERMINISTIC = (".buildinfo", ".zip")


def compare_html(a, b):
    """Files that differ between two built sites (doctrees and known cases aside)."""
    differ = []
    for path in sorted(a.rglob("*")):
        rel = path.relative_to(a)
        if path.is_dir() or ".doctrees" in rel.parts:
            continue
        other = b / rel
        if not other.is_file() or not filecmp.cmp(path, other, shallow=False):
            differ.append(rel.as_posix())
    missing = [p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()
               and ".doctrees" not in p.parts and not (a / p.relative_to(b)).exists()]
    return differ + missing


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
        work, serial = Path(tmp) / "parallel", Path(tmp) / "serial"
        scratch_copy(files, work)
        scratch_copy(files, serial)
        pages = [p for p in (work / "docs").rglob("*.md")]
        executed = [p for p in pages if "{code-cell}" in p.read_text()]
        scripts = list((work / "gallery").rglob("plot_*.py"))

        results, runs = {}, {}
        results["cold"], runs["cold"] = build(work)
        weights = page_weights(work / "_build" / "html")
        html_pages = len([p for p in (work / "_build" / "html").rglob("*.html")
                          if not {"_static", "_sources", "_downloads"} & set(p.parts)])
        times = page_times(work)
        keep = work / "_build" / "html-cold"
        shutil.copytree(work / "_build" / "html", keep)
        shutil.rmtree(work / "_build" / "html")
        results["warm cache"], runs["warm cache"] = build(work)
        results["no-op"], runs["no-op"] = build(work)
        page = work / "docs" / "basics" / "linear_regression.md"
        text = page.read_text()
        page.write_text(re.sub(r"(```\{code-cell\} ipython3\n)", r"\1# edited by make bench\n",
                               text, count=1))
        results["page code edited"], runs["page code edited"] = build(work)
        for label, rel in (("library leaf edited", "mlcheatsheet/optimization/schedules.py"),
                           ("library shared edited", "mlcheatsheet/report.py")):
            module = work / rel
            module.write_text(module.read_text() + "\n# edited by make bench\n")
            results[label], runs[label] = build(work)
            results[label + " "] = rel  # printed under the scenario
        results["cold serial"], runs["cold serial"] = build(serial, jobs="1")
        differ = compare_html(serial / "_build" / "html", keep)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        times.update(script_times(work))

    n_exec = len(executed) + len(scripts)
    print(f"site: {html_pages} HTML pages; {len(executed)} executed pages + {len(scripts)} gallery "
          f"scripts = {n_exec} executed documents; {os.cpu_count()} cores")
    print(f"{'scenario':24} {'seconds':>8} {'s / exec doc':>13} {'s / page':>9} "
          f"{'notebooks run':>14}")
    for name, secs in results.items():
        if isinstance(secs, str):
            print(f"  ({secs})")
            continue
        print(f"{name:24} {secs:8.2f} {secs / n_exec:13.2f} {secs / html_pages:9.3f} "
              f"{runs[name]:14d}")
    print(f"parallel speed-up, cold: {results['cold serial'] / results['cold']:.2f}x")
    ref_clean, ref_pages = REFERENCE["clean"]
    print(f"\n2017 site, measured on this machine kind (no code executed, {ref_pages} pages): "
          f"clean {ref_clean} s = {ref_clean / ref_pages:.3f} s/page, no-op "
          f"{REFERENCE['no-op'][0]} s = {REFERENCE['no-op'][0] / ref_pages:.3f} s/page, "
          f"one page touched {REFERENCE['one page'][0]} s")
    print(f"ratios per page, ours / 2017: warm cache "
          f"{results['warm cache'] / html_pages / (ref_clean / ref_pages):.2f}x, no-op "
          f"{results['no-op'] / html_pages / (REFERENCE['no-op'][0] / ref_pages):.2f}x")
    print(f"aim: cold <= 1 s per executed document -> {results['cold'] / n_exec:.2f} s")
    print(f"\npeak memory (largest process of the builds): {peak:.0f} MB")
    print("\nslowest executed documents (pages: cache timing; scripts: alone, fresh interpreter):")
    for name, secs in sorted(times.items(), key=lambda kv: -kv[1])[:10]:
        print(f"  {secs:6.2f} s  {name}")
    print(f"\nserial vs parallel cold build: {len(differ)} files differ")
    for rel in differ:
        known = rel.endswith(KNOWN_NONDETERMINISTIC)
        print(f"  {'known: ' if known else 'UNEXPECTED: '}{rel}")
    if weights:
        heaviest = max(weights, key=weights.get)
        print(f"\npage weight (what Chromium loads, empty cache), {len(weights)} pages: median "
              f"{statistics.median(weights.values()) / 1000:.0f} KB, heaviest "
              f"{weights[heaviest] / 1000:.0f} KB ({heaviest}); target <= 850 KB")
        print("2017 site: about 205 KB HTML/CSS/JS + 0.5 MB fonts, + about 1 MB MathJax on math pages")
    else:
        print("\npage weight: skipped (no /usr/bin/chromium; tools/ensure_chromium.sh installs it)")


def model_benchmarks():
    """Run every ``tools/bench_<section>.py`` (ours against a reference library), in turn."""
    for script in sorted(Path(__file__).parent.glob("bench_*.py")):
        print(f"\n== {script.stem.removeprefix('bench_')}: times "
              f"(median of 3, same process; ours / the reference) ==", flush=True)
        subprocess.run([sys.executable, str(script)], cwd=ROOT, check=True,
                       env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"})


if __name__ == "__main__":
    if "--models-only" not in sys.argv:
        main()
    model_benchmarks()
