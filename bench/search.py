"""Search cost in a real browser: the index on disk, and per query what a first-time visitor pays,
each in a fresh browser context (nothing cached).

A visit opens the search page's address with the query in it (/zoeken/?q=statushouder, or
/zoeken/?partij=Woonconcept for a filter without a word), as a shared link or the header's Enter
does. The clock is the page's own, from the start of that navigation to the first result in the page: the page itself, Pagefind's
script, worker, WebAssembly and metadata, the filter choices, the synonyms, the index chunks, the
search and the shown results' fragments. Bytes are counted by the server, the worker's requests
included, and split into the search's (everything under /pagefind/ and the synonyms) and the page's
(HTML, CSS, fonts, scripts: the same at any size of the country). The server gzips text as any
static host does; Pagefind's index files and its WebAssembly are gzip files already.

Run with `make bench` (builds the site first), or `python bench/search.py <site-dir>` for another
build. Prints figures; asserts nothing.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import statistics
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Browser, sync_playwright

SITE = Path(__file__).resolve().parent.parent / "site"
# A word typed in the search page's field, or a search page address (a filter without a word).
QUERIES = ["statushouder", "huurverhoging", "scootmobiel", "energielabel", "woningruil", "?partij=Woonconcept"]
COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt")
SEARCH_PARTS = ("/pagefind/", "/assets/synoniemen.json")


class Quiet(http.server.SimpleHTTPRequestHandler):
    """A static server that counts the bytes of every answer body it sends."""

    sent: list[tuple[str, int]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        data = source.read()
        self.sent.append((self.path.split("?")[0], len(data)))
        outputfile.write(data)


class Gzipping(Quiet):
    """Quiet, with text gzipped on the way out (Content-Encoding), as a production host serves it."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            path = str(Path(path) / "index.html")
        if not path.endswith(COMPRESSED) or not Path(path).is_file():
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


RESULT = ".zoekresultaat, .zoekgemeente"
"""A result: an agreement or page, or a gemeente whose agreements hold the word."""

# The page's own clock: milliseconds from the start of the navigation to the first result in the DOM.
FIRST_RESULT = f"""new MutationObserver(function (changes, observer) {{
  if (document.querySelector("{RESULT}")) {{ window.eersteResultaat = performance.now(); observer.disconnect(); }}
}}).observe(document, {{ childList: true, subtree: true }});"""


@dataclass(frozen=True)
class Visit:
    """One first search: seconds to the first result, bytes for the search and for the page itself."""

    seconds: float
    search_bytes: int
    page_bytes: int
    shown: int


def address(query: str) -> str:
    return f"/zoeken/{query}" if query.startswith("?") else f"/zoeken/?q={quote(query)}"


PHONE = (10_000_000, 40)
"""A phone on 4G: 10 Mbit/s down, 40 ms for a round trip (Chromium's network emulation)."""


def measure(browser: Browser, base: str, query: str, network: tuple[int, int] | None = None) -> Visit:
    """A first-time visitor opens the search page with this query: see the module docstring.
    With `network` (bits per second down, milliseconds per round trip) over that connection:
    served from this machine, bytes cost almost no time."""
    context = browser.new_context()
    context.add_init_script(FIRST_RESULT)
    page = context.new_page()
    if network is not None:
        bits, latency = network
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        conditions = {"offline": False, "latency": latency, "downloadThroughput": bits / 8, "uploadThroughput": bits / 32}
        session.send("Network.emulateNetworkConditions", conditions)
    Quiet.sent.clear()
    page.goto(base + address(query))
    page.wait_for_selector(RESULT, timeout=300_000)
    elapsed = page.evaluate("window.eersteResultaat") / 1000
    page.wait_for_load_state("networkidle")
    count = page.locator(RESULT).count()
    context.close()
    search = sum(size for path, size in Quiet.sent if path.startswith(SEARCH_PARTS))
    return Visit(elapsed, search, sum(size for _, size in Quiet.sent) - search, count)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Gzipping, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_port}"


def launch(p):  # type: ignore[no-untyped-def]
    return p.chromium.launch(
        executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    )


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else SITE
    if not (site / "pagefind").exists():
        sys.exit("bouw eerst de site: make site")
    httpd, base = serve(site)
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    print(f"pagefind-index op schijf: {sum(p.stat().st_size for p in files) / 1024:.0f} KiB in {len(files)} bestanden")
    print("eerste zoekopdracht van een nieuwe bezoeker, van het openen van het zoekadres tot het eerste resultaat:")
    with sync_playwright() as p:
        browser = launch(p)
        measure(browser, base, QUERIES[0])  # the server's and the browser's own start-up, not counted
        visits = []
        for query in QUERIES:
            visit = measure(browser, base, query)
            visits.append(visit)
            print(
                f"{query:20s} zoeken {visit.search_bytes / 1024:6.1f} KiB + pagina {visit.page_bytes / 1024:5.1f} KiB  "
                f"{visit.seconds * 1000:6.0f} ms tot eerste resultaten  ({visit.shown} getoond)"
            )
        browser.close()
    httpd.shutdown()
    print(
        f"mediaan: {statistics.median(v.search_bytes for v in visits) / 1024:.1f} KiB voor het zoeken, "
        f"{statistics.median(v.seconds for v in visits) * 1000:.0f} ms tot eerste resultaten"
    )


if __name__ == "__main__":
    main()
