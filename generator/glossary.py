"""The glossary as a reader meets it: the site's own explanation holds everywhere, a definition
that a document gives itself holds on that document's pages only, and every tooltip names its
source. Pure functions over the model."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

from generator import indexes
from generator.indexes import Site
from generator.model import Document, Registry

SITE_SOURCE = "uitleg van deze site"
# What Python-Markdown accepts between the brackets of an abbreviation definition.
ABBREVIATION_KEY = re.compile(r"[^\[\]\\\n]+")


class GlossaryError(ValueError):
    """A definition points at a document that does not exist."""


@dataclass(frozen=True)
class OwnDefinition:
    """A definition one document gives itself, and where on its page to read it."""

    document: Document
    name: str
    tekst: str
    anker: str = ""
    plaats: str = ""

    @property
    def path(self) -> str:
        return indexes.doc_path(self.document.gemeente, self.document.jaar, self.document.deel)


@dataclass(frozen=True)
class Entry:
    """One term: the site's explanation (may be empty) and each document's own definition."""

    term: str
    afkorting: str = ""
    uitleg: str = ""
    definities: tuple[OwnDefinition, ...] = ()

    @functools.cached_property
    def by_document(self) -> dict[int, OwnDefinition]:
        """Each document's own definition, by the document's identity: every document page asks."""
        return {id(d.document): d for d in reversed(self.definities)}

    @property
    def key(self) -> str:
        """The text a tooltip attaches to."""
        return self.afkorting or self.term

    @property
    def letter(self) -> str:
        """The A-Z section it is listed under; accents ignored, anything else under 'Overig'."""
        first = unicodedata.normalize("NFKD", self.term)[:1].upper()
        return first if "A" <= first <= "Z" else "Overig"


@dataclass(frozen=True)
class Tooltip:
    key: str
    title: str


@dataclass(frozen=True)
class Definition:
    """One abbreviation definition as Markdown (`*[key]: title`), a block of its own."""

    key: str
    markdown: str


@dataclass(frozen=True)
class Abbreviations:
    """Abbreviation definitions appended to pages: a document's own set on its pages, else the neutral set."""

    neutral: tuple[Definition, ...]
    by_page: dict[str, tuple[Definition, ...]]

    def for_page(self, path: str, text: str) -> str:
        """The definitions of the terms the page's Markdown `text` holds. Python-Markdown reads
        every definition it is given and looks for every term in every text of the page: at
        national scale a tenth of its time went to terms that were not on the page. A term it
        finds is in `text` as it is: a term written with an escape or an entity gets no tooltip."""
        return "".join(d.markdown for d in self.by_page.get(path, self.neutral) if d.key in text)


def document_name(registry: Registry, document: Document) -> str:
    gemeente = registry.partijen.get(f"gemeente-{document.gemeente}")
    return f"Prestatieafspraken {gemeente.korte_naam if gemeente else document.gemeente} {document.jaar}"


def _appendix_definitions(registry: Registry) -> list[tuple[str, OwnDefinition]]:
    found = []
    for document in registry.documenten:
        for appendix in document.bijlagen:
            where = f"Bijlage {appendix.nummer}: {appendix.titel}" if appendix.nummer else appendix.titel
            for term in appendix.begrippen:
                own = OwnDefinition(document, document_name(registry, document), term.uitleg, appendix.id, where)
                found.append((term.term, own))
    return found


def _registry_definitions(registry: Registry) -> list[tuple[str, OwnDefinition]]:
    documents = {(d.gemeente, d.jaar): d for d in registry.documenten}
    found = []
    for term in registry.begrippen:
        for definition in term.definities:
            document = documents.get((definition.gemeente, definition.jaar))
            if document is None:
                raise GlossaryError(f"begrippen: '{term.term}': geen document {definition.gemeente} {definition.jaar}")
            name = document_name(registry, document)
            found.append((term.term, OwnDefinition(document, name, definition.tekst, definition.anker, definition.plaats)))
    return found


def _sort_key(term: str) -> str:
    return unicodedata.normalize("NFKD", term).casefold()


def entries(registry: Registry) -> list[Entry]:
    """Every term of the registry and of the documents' glossary appendices, once each, A to Z.
    Terms are the same when they differ only in case."""
    merged: dict[str, Entry] = {}
    for term in registry.begrippen:
        merged[term.term.casefold()] = Entry(term.term, term.afkorting, term.uitleg)
    for name, own in [*_registry_definitions(registry), *_appendix_definitions(registry)]:
        entry = merged.get(name.casefold(), Entry(name))
        merged[name.casefold()] = Entry(entry.term, entry.afkorting, entry.uitleg, (*entry.definities, own))
    return sorted(merged.values(), key=lambda e: _sort_key(e.term))


SHOWN_DEFINITIONS = 3
"""Different definitions of one term listed on the glossary page. Documents repeat a definition
year after year and gemeente after gemeente; the page must not grow with them."""


@dataclass(frozen=True)
class Shown:
    """A definition as the glossary page lists it: the first document that gives this text, and
    how many more give the very same text."""

    definition: OwnDefinition
    also: int = 0


def shown_definitions(entry: Entry, limit: int = SHOWN_DEFINITIONS) -> tuple[list[Shown], int]:
    """Each different text once, the first `limit` of them, and how many documents' definitions
    that leaves out (they stay on the documents' own pages and in their tooltips)."""
    texts: dict[str, list[OwnDefinition]] = {}
    for own in entry.definities:
        texts.setdefault(" ".join(own.tekst.split()), []).append(own)
    groups = list(texts.values())
    return [Shown(g[0], len(g) - 1) for g in groups[:limit]], sum(len(g) for g in groups[limit:])


def by_letter(glossary: list[Entry]) -> list[tuple[str, list[Entry]]]:
    letters: dict[str, list[Entry]] = {}
    for entry in glossary:
        letters.setdefault(entry.letter, []).append(entry)
    return list(letters.items())


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Text(HTMLParser):
    """The text of HTML; with `within`, only inside the element that has that attribute."""

    def __init__(self, within: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.within = within
        self.depth = 0 if within else 1
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.within and tag not in VOID and (self.depth > 0 or any(name == self.within for name, _ in attrs)):
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.within and self.depth > 0 and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth > 0:
            self.parts.append(data)


def html_text(html: str, within: str | None = None) -> str:
    """HTML as one line of plain text; with `within`, only the element that has that attribute."""
    parser = _Text(within)
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


_MARKDOWN = markdown.Markdown()


@functools.lru_cache(maxsize=8192)
def plain_text(text: str) -> str:
    """Markdown as one line of plain text, for a tooltip: list items run on, markup gone. One
    Markdown instance, reset for each text: making one costs more than converting a sentence;
    and the site's explanations are asked for again on every document's pages."""
    return html_text(_MARKDOWN.reset().convert(text))


def tooltip(entry: Entry, document: Document | None) -> Tooltip | None:
    """What a tooltip says on a page of `document` (None: a page of no single document)."""
    own = entry.by_document.get(id(document)) if document is not None else None
    if own is not None:
        title = f"{plain_text(own.tekst)} (definitie uit {own.name})"
    elif entry.uitleg:
        title = f"{plain_text(entry.uitleg)} ({SITE_SOURCE})"
    else:
        return None
    return Tooltip(entry.key, title) if ABBREVIATION_KEY.fullmatch(entry.key) else None


def tooltips(glossary: list[Entry], document: Document | None) -> list[Tooltip]:
    return [t for entry in glossary if (t := tooltip(entry, document)) is not None]


def document_pages(site: Site) -> dict[str, Document]:
    """Pages that show one document only: its year pages, and comparisons between two of its years."""
    pages: dict[str, Document] = {}
    for page in site.pages:
        pages[page.path] = page.document
        previous, _ = site.neighbours(page)
        if previous is not None and previous.document is page.document:
            pages[indexes.compare_path(page.gemeente, previous.year, page.year, page.document.deel)] = page.document
    return pages
