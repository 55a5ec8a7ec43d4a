"""Search cost in a real browser: the index on disk, and per query the bytes transferred and the time
until the first results show, each in a fresh browser context (nothing cached).

Run with `make bench` (builds the site first), or `python bench/search.py <site-dir>` for another
build. Prints figures; asserts nothing.
"""

from __future__ import annotations

import functools
import http.server
import statistics
import sys
import threading
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

SITE = Path(__file__).resolve().parent.parent / "site"
# A word typed in the search page's field, or a search page address (a filter without a word).
QUERIES = ["statushouder", "huurverhoging", "scootmobiel", "energielabel", "woningruil", "?partij=Woonconcept"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(browser: Browser, base: str, query: str) -> tuple[float, int, int]:
    """Seconds to the first results, bytes transferred for the query, results shown."""
    context = browser.new_context()
    page = context.new_page()
    sizes: list[int] = []
    if query.startswith("?"):
        page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
        start = time.perf_counter()
        page.goto(f"{base}/zoeken/{query}")
    else:
        page.goto(f"{base}/zoeken/")
        page.wait_for_load_state("networkidle")
        page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
        start = time.perf_counter()
        page.fill("#zoekveld", query)
    page.wait_for_selector(".zoekresultaat")
    elapsed = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    count = page.locator(".zoekresultaat").count()
    context.close()
    return elapsed, sum(sizes), count


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else SITE
    if not (site / "pagefind").exists():
        sys.exit("bouw eerst de site: make site")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    print(f"pagefind-index op schijf: {sum(p.stat().st_size for p in files) / 1024:.0f} KiB in {len(files)} bestanden")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        times, transfers = [], []
        for query in QUERIES:
            elapsed, transferred, count = measure(browser, base, query)
            times.append(elapsed)
            transfers.append(transferred)
            print(f"{query:20s} {transferred / 1024:7.1f} KiB  {elapsed * 1000:6.0f} ms tot eerste resultaten  ({count} getoond)")
        browser.close()
    httpd.shutdown()
    print(
        f"mediaan: {statistics.median(transfers) / 1024:.1f} KiB per zoekopdracht, "
        f"{statistics.median(times) * 1000:.0f} ms tot eerste resultaten (een getypt woord wacht 150 ms op verder typen; "
        "een adres met alleen een filter laadt de hele zoekpagina)"
    )


if __name__ == "__main__":
    main()
