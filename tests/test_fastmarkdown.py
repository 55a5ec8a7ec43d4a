"""The build's faster Markdown stages (generator/fastmarkdown.py) give exactly the HTML that
Python-Markdown's own give: on every generated page, and on text made to trip them up."""

from __future__ import annotations

import markdown
import pytest

from generator.collect import collect
from generator.rendering import abbreviations
from tests.conftest import site_markdown
from tests.golden import ROOT, rendered


def converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    """The site's Markdown with and without the faster stages."""
    return site_markdown(), site_markdown(without="generator.fastmarkdown")


def same_html(text: str) -> tuple[str, str]:
    fast, plain = converters()
    return fast.convert(text), plain.convert(text)


def test_every_generated_page_has_the_same_html() -> None:
    registry = collect(ROOT / "data").registry
    assert registry is not None
    glossary = abbreviations(registry, site=None)
    fast, plain = converters()
    pages = rendered()
    assert len(pages) > 50
    for path, text in pages.items():
        text = f"{text}\n\n{glossary.for_page(path, text)}"
        fast.reset()
        plain.reset()
        assert fast.convert(text) == plain.convert(text), path


@pytest.mark.parametrize(
    "text",
    [
        # A link takes the only `[`; the emphasis around it must still be found from the start.
        "*Definitie in [de bron](../x/):*",
        "Een **vette [link](a)** en _schuin_ en ^^erbij^^ en ~~weg~~ en H~2~O en 10^3^.",
        "Escapes: \\*geen nadruk\\* en \\[geen link\\] en &amp; en &lt;b&gt; en <https://example.org>.",
        "Een regel met een harde  \nafbreking en `code met [haken]`.",
        "Een [verwijzing][bron] en [bron] en ![beeld][bron].\n\n[bron]: https://example.org",
        "Een [verwijzing][bron] zonder definitie en [bron].",
        "Een voetnoot[^1].\n\n[^1]: De noot, met *nadruk*.",
        'Term\n:   [Gemeente](x), [W](y)\n\n!!! note "Noot"\n    Tekst na een definitielijst.',
        "| a | b |\n|---|--:|\n| 1 | *2* |\n\nGeen tabel | maar tekst\nmet een streep",
        "*[DAEB]: Diensten van algemeen economisch belang\n\nDAEB-woningen en *DAEB* en [DAEB](x).",
        # Block processors are skipped on blocks without what they need; here each finds it.
        "Kop\n===\n\nTekst\n---\n\n* * *\n\n___\n\n> citaat\n> verder\n\n# Kop #\n\nTekst met # en > en : midden.",
        '!!! note "Noot"\n    eerste\n\n    tweede alinea in de noot\n\n- lijst\n\n    vervolg\n\n1. een\n2. twee',
        "Term\n: uitleg\n\n[^a]: voetnoot zonder verwijzing\n\n*[WOZ]: waarde\n\n[r]: https://example.org\n\nDe WOZ.",
    ],
)
def test_text_made_to_trip_the_faster_stages_has_the_same_html(text: str) -> None:
    fast, plain = same_html(text)
    assert fast == plain
