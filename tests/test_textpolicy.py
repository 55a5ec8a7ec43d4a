"""The text policy: what `check` refuses, and how accepted values are escaped where they land."""

from __future__ import annotations

import markdown
import pytest
import yaml

from generator import textpolicy
from generator.rendering import environment, front_matter
from tests.conftest import site_markdown

REFUSED = {
    "Hardenberg<img src=x onerror=alert(1)>": "HTML",
    "<script>alert(1)</script>": "HTML",
    "<!-- verborgen -->": "HTML",
    "<https://example.org>": "HTML",
    '![x](data:,){: onerror="alert(2)" }': "attributenlijst",
    "tekst { .klasse }": "attributenlijst",
    "kop {#anker}": "attributenlijst",
    "alinea {: title=x }": "attributenlijst",
    "[x](javascript:alert(1))": "niet toegestaan",
    "[x](JaVa\tScript:alert(1))": "niet toegestaan",
    "[x](&#106;avascript:alert(1))": "niet toegestaan",
    "[x]( vbscript:x)": "niet toegestaan",
    "[x][1]\n\n[1]: javascript:alert(1)": "niet toegestaan",
    "[x](//andere-site.example/a)": "andere site",
    "![](https://andere-site.example/pixel.png)": "buiten de site",
    "*[DAEB]: iets anders": "afkortingsdefinities",
}

ACCEPTED = [
    "prijs {excl. btw}",
    "'s-Hertogenbosch",
    "a < b en c > d",
    "[de Woningwet](https://wetten.overheid.nl/BWBR0005181/) en [mail](mailto:info@example.org)",
    "[leeswijzer](../../leeswijzer/)",
    '" onmouseover="alert(1)',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "javascript:alert(1) als gewone tekst",
]


@pytest.mark.parametrize(("text", "reason"), REFUSED.items())
def test_policy_refuses(text: str, reason: str) -> None:
    found = textpolicy.problems(text)
    assert any(reason in message for message in found), found


@pytest.mark.parametrize("text", ACCEPTED)
def test_policy_accepts_ordinary_text(text: str) -> None:
    assert textpolicy.problems(text) == []


def render(source: str) -> str:
    return markdown.markdown(source, extensions=["attr_list", "tables", textpolicy.SafeMarkup()])


def test_braces_in_data_text_stay_visible_instead_of_becoming_attributes() -> None:
    html = render(f"| Bedrag |\n| --- |\n| {textpolicy.markdown_text('€ 5 {excl. btw}')} |")
    assert "{excl. btw}" in html


def test_plain_values_cannot_add_markup() -> None:
    html = render(f"Partij: {textpolicy.plain('*Woon*_[concept](javascript:x)<b>&')}")
    assert "<em>" not in html and "<a" not in html and "<b>" not in html
    assert "*Woon*_[concept](javascript:x)&lt;b&gt;&amp;" in html


def test_sanitiser_removes_what_slipped_past_check() -> None:
    html = render('[x](javascript:alert(1)) ![p](https://andere-site.example/p.png) ![d](data:,){: onerror="alert(2)" }')
    assert "javascript:" not in html and "andere-site" not in html and "onerror" not in html and "data:," not in html
    assert render("[ok](https://example.org/)").count('href="https://example.org/"') == 1


def test_templates_escape_every_value_unless_marked_as_markdown() -> None:
    template = environment().from_string("{{ name }} · {{ text | md }} · {{ names | join(', ') }}")
    out = template.render(name="*Woon*<x>", text="*nadruk* <x>", names=["a", "b"])
    assert out == "\\*Woon\\*&lt;x&gt; · *nadruk* &lt;x> · a, b"


@pytest.mark.parametrize("title", ["'s-Hardenberg", "C:\\pad", 'thema "x"', "naam: met dubbele punt", "zoeken: true\ntitle: x"])
def test_front_matter_survives_any_value(title: str) -> None:
    text = front_matter({"title": title, "zoeken": True})
    assert text.startswith("---\n") and text.endswith("---\n")
    meta = yaml.safe_load(text.strip().strip("-"))
    assert meta["zoeken"] is True
    assert meta["title"] == title.replace('"', "&quot;").replace("'", "&#x27;")


def test_a_table_of_contents_marker_in_data_text_stays_text() -> None:
    html = site_markdown().convert(f"## Kop\n\n{textpolicy.markdown_text('[TOC]')}")
    assert "<p>[TOC]</p>" in html and 'class="toc"' not in html
