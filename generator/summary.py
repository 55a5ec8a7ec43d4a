"""Readable one-line summaries of agreements, for every list that links to one: a reader must be
able to tell the items apart without opening each. Pure functions on the model."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.model import Agreement, Chapter, Group

MAX_HEADLINE = 180
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]*\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w))")
_ESCAPE = re.compile(r"\\(.)")
_BLOCK_MARK = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d{1,2}[.)]\s+)")
# A sentence ends at . ! ? before a word that starts with a capital, digit or quote ...
_END = re.compile(r"[.!?]\s+(?=[A-ZÀ-Ý0-9‘“\"'(])")
# ... unless the word before the stop is an abbreviation (o.a., t.b.v., max.) or a list number.
_REFERENCE = re.compile(r"(?i)zie\b")
_ABBREVIATIONS = "ca|max|min|art|nr|bijv|bv|incl|excl|etc|vlgs|resp|zgn"
_ABBREVIATION = re.compile(rf"(?:^|\s|\()(?:\w+\.\w+\.?|(?:{_ABBREVIATIONS})\.|\d{{1,2}}\.)$", re.I)


def plain(markdown: str) -> str:
    """Markdown inline text without its markup: what a reader sees, on one line. Most lines hold
    no markup at all, and each pattern needs a character of its own: those lines skip them."""
    text = markdown
    if "[" in text:
        text = _LINK.sub(r"\1", _FOOTNOTE_REF.sub("", text))
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split())


def _blocks(markdown: str) -> Iterator[str]:
    """Paragraphs, headings and list items, each as plain text, as they are found."""
    current = ""
    for line in markdown.splitlines():
        if not line.strip():
            if current:
                yield current
            current = ""
        elif _BLOCK_MARK.match(line) or not current:
            if current:
                yield current
            current = plain(_BLOCK_MARK.sub("", line))
        else:
            current = f"{current} {plain(line)}"
    if current:
        yield current


def _sentences(markdown: str) -> Iterator[str]:
    for block in _blocks(markdown):
        start = 0
        for end in _END.finditer(block):
            if _ABBREVIATION.search(block[start : end.start() + 1]):
                continue
            if sentence := block[start : end.start() + 1].strip():
                yield sentence
            start = end.end()
        if sentence := block[start:].strip():
            yield sentence


def sentences(markdown: str) -> list[str]:
    """The sentences of a Markdown text as plain text; a list item or heading counts as one."""
    return list(_sentences(markdown))


def shorten(text: str, limit: int = MAX_HEADLINE) -> str:
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit)].rstrip(",;:") + " …"


def group_of(chapter: Chapter, agreement: Agreement) -> Group | None:
    return next((g for g in chapter.groepen if any(a is agreement for a in g.afspraken)), None)


def headline(agreement: Agreement, year: int | None = None, group: Group | None = None) -> str:
    """The agreement in one readable line: the first sentence of its own text, else of its
    step for `year` (or its first step), else of the goal or framework of its group. A bare
    reference ("Zie productieafspraken.") says nothing on its own, so the next text is used."""
    steps = agreement.steps_for(year) if year is not None else []
    candidates = [
        agreement.tekst,
        agreement.kader,
        *(s.tekst for s in steps or agreement.stappen),
        agreement.doelstelling,
        group.kader if group else "",
        group.doelstelling if group else "",
        agreement.toelichting,
    ]
    first = ""
    for text in candidates:
        # Only a first sentence counts: the rest of a long text is not read.
        found = next(_sentences(text or ""), "")
        if found and not _REFERENCE.match(found):
            return shorten(found)
        first = first or found
    return shorten(first)
