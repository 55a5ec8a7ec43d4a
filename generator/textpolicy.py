"""One text policy for every field of every data file: what text may contain, and how a value
is escaped where it lands in generated Markdown. Data is treated as hostile throughout."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import cache
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>|<![A-Za-z-]|<\?")
ATTRIBUTE_LIST = re.compile(r"\{:|\{\s*[#.][A-Za-z_]|\{[^{}\n]*=")
ABBREVIATION_DEFINITION = re.compile(r"^[ \t]*\*\[[^\]\n]*\]:", re.M)
URL_SCHEMES = ("http", "https", "mailto")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")

# Characters that change the meaning of plain text in Markdown inline content.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def plain(text: str) -> str:
    """A name, title or label shown as it is: no Markdown, no HTML, no attribute list."""
    escaped = html.escape(text, quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")


def markdown_text(text: str) -> str:
    """Author Markdown with raw HTML, attribute lists and abbreviation definitions neutralised.

    Braces are escaped so that `{excl. btw}` stays text instead of being read as attributes.
    """
    text = _TAG_START.sub("&lt;", text.strip())
    text = text.replace("{", "\\{").replace("}", "\\}")
    return ABBREVIATION_DEFINITION.sub(lambda m: m.group(0).replace("*[", "\\*[", 1), text)


def url_problem(url: str, image: bool = False) -> str | None:
    """Why a link or image address is refused, or None. Browsers ignore control characters and
    decode entities before they read the scheme, so the check does too."""
    bare = _CONTROL.sub("", html.unescape(url))
    if bare.startswith("//") or bare.startswith("\\"):
        return f"adres '{url}' verwijst naar een andere site zonder schema"
    scheme = urlsplit(bare).scheme.lower() if ":" in bare.split("/")[0] else ""
    if image and scheme:
        return f"afbeelding '{url}' komt van buiten de site; alleen afbeeldingen van de site zelf zijn toegestaan"
    if scheme and scheme not in URL_SCHEMES:
        return f"adres '{url}' is niet toegestaan; alleen http(s), mailto of een pagina van deze site"
    return None


class _Addresses(Treeprocessor):
    """Collects every link and image address that the Markdown produced."""

    def run(self, root: etree.Element) -> None:
        found: list[tuple[str, bool]] = self.md.addresses  # type: ignore[attr-defined]
        for element in root.iter():
            if element.tag == "a" and "href" in element.attrib:
                found.append((element.attrib["href"], False))
            if element.tag == "img":
                found.append((element.attrib.get("src", ""), True))


@cache
def _parser() -> markdown.Markdown:
    parser = markdown.Markdown(extensions=["tables", "def_list", "footnotes", "admonition"])
    parser.treeprocessors.register(_Addresses(parser), "adressen", 0)
    return parser


def problems(text: str) -> list[str]:
    """Everything in one text value that the policy refuses, as messages for `check`."""
    found = []
    if tag := HTML_TAG.search(text):
        found.append(f"HTML is niet toegestaan: '{tag.group(0)}'")
    if attributes := ATTRIBUTE_LIST.search(text):
        shown = re.match(r"\{[^}\n]{0,60}\}?", text[attributes.start() :])
        found.append(f"attributenlijsten zijn niet toegestaan: '{shown.group(0) if shown else attributes.group(0)}'")
    if ABBREVIATION_DEFINITION.search(text):
        found.append("afkortingsdefinities (*[...]:) horen in data/begrippen.yaml")
    if "](" in text or "]:" in text or "![" in text:
        parser = _parser()
        parser.reset()
        parser.addresses = []  # type: ignore[attr-defined]
        parser.convert(text)
        for address, image in parser.addresses:  # type: ignore[attr-defined]
            if image and not address:
                found.append("afbeelding zonder adres")
            elif reason := url_problem(address, image):
                found.append(reason)
    return found


def url(address: str) -> str:
    """An address for a Markdown link target, after `url_problem` accepted it."""
    return address.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


class _Sanitise(Treeprocessor):
    """Last line of defence on every page: no event handlers, no script addresses, no outside
    images, even if a value slipped past `check`."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in [n for n in element.attrib if n.lower().startswith("on")]:
                del element.attrib[name]
            for name in ("href", "src"):
                if name in element.attrib and url_problem(element.attrib[name], image=element.tag == "img"):
                    del element.attrib[name]


class SafeMarkup(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_Sanitise(md), "veilig", 1)


def makeExtension(**kwargs: object) -> SafeMarkup:  # noqa: N802 (Markdown's API)
    return SafeMarkup(**kwargs)


_TITLE = re.compile(r' title="([^"]*)"')


def tooltip_titles(page_html: str) -> str:
    """The theme shows `title` attributes in tooltips as HTML, so their text is escaped once for
    that, on top of the escaping for the attribute itself."""

    def twice(match: re.Match[str]) -> str:
        text = html.escape(html.unescape(match.group(1)), quote=False)
        return f' title="{html.escape(text)}"'

    return _TITLE.sub(twice, page_html)
