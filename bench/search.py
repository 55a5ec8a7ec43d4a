"""Search cost in a real browser: bytes transferred for one query and time to first results.

Run with `make bench` (builds the site first). Prints figures; asserts nothing.
"""

from __future__ import annotations

import functools
import http.server
import statistics
import sys
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

SITE = Path(__file__).resolve().parent.parent / "site"
QUERIES = ["statushouder", "huurverhoging", "scootmobiel", "energielabel", "woningruil"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    if not (SITE / "pagefind").exists():
        sys.exit("bouw eerst de site: make site")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    index_bytes = sum(p.stat().st_size for p in (SITE / "pagefind").rglob("*") if p.is_file())
    print(f"pagefind-index op schijf: {index_bytes / 1024:.0f} KiB in {sum(1 for _ in (SITE / 'pagefind').rglob('*'))} bestanden")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        times, transfers = [], []
        for query in QUERIES:
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{base}/zoeken/")
            page.wait_for_load_state("networkidle")
            sizes: list[int] = []
            page.on("requestfinished", lambda request, sizes=sizes: sizes.append(request.sizes()["responseBodySize"]))
            start = time.perf_counter()
            page.fill("#zoekveld", query)
            page.wait_for_selector(".zoekresultaat")
            elapsed = time.perf_counter() - start
            page.wait_for_load_state("networkidle")
            times.append(elapsed)
            transfers.append(sum(sizes))
            count = page.locator(".zoekresultaat").count()
            print(
                f"{query:14s} {sum(sizes) / 1024:7.1f} KiB  {elapsed * 1000:6.0f} ms tot eerste resultaten  ({count} resultaten)"
            )
            context.close()
        browser.close()
    print(
        f"mediaan: {statistics.median(transfers) / 1024:.1f} KiB per zoekopdracht (na het laden van de pagina), "
        f"{statistics.median(times) * 1000:.0f} ms tot eerste resultaten (incl. 150 ms wachttijd bij typen)"
    )
    httpd.shutdown()


if __name__ == "__main__":
    main()
