"""Python-Markdown without work whose result is known beforehand; the HTML is the same.

Python-Markdown tries every inline pattern (links, emphasis, entities...) on every piece of
text, one regular expression after another, and sorts its list of block processors again for
every block. Here a pattern is tried only if the text holds something that every match of it
holds (a pattern that cannot match changes nothing), reference links only on a page that
defines references, a block processor only looks at blocks that hold what it needs (a table a
`|`, a heading a `#`), glossary terms are marked without a quadratic step, the registries are
sorted once per change instead of once per use, and whether a tag is block-level is answered once
per tag name. Patterns and processors it does not know are always tried.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from typing import Any

import markdown
from markdown import util
from markdown.blockprocessors import BlockProcessor
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.treeprocessors import InlineProcessor

NEEDS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "footnote": ("[^",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "delimiter": ("^", "~"),
}
"""For each inline pattern that Python-Markdown (3.11, pinned) and the extensions in mkdocs.yml
register: what every match of it holds at least one of."""
REFERENCES = ("reference", "short_reference", "image_reference", "short_image_ref")
"""Patterns that change nothing on a page without reference definitions (`[id]: address`)."""
BLOCK_NEEDS: dict[str, Callable[[str], bool]] = {
    "admonition": lambda block: "!!!" in block or block.startswith("    "),
    "table": lambda block: "|" in block,
    "hashheader": lambda block: block.startswith("#") or "\n#" in block,
    "setextheader": lambda block: "\n=" in block or "\n-" in block,
    "hr": lambda block: "-" in block or "_" in block or "*" in block,
    "deflist": lambda block: ": " in block,
    "quote": lambda block: ">" in block,
    "footnote": lambda block: "[^" in block,
    "abbr": lambda block: "*[" in block,
    "reference": lambda block: "]:" in block,
}
"""For each block processor that tries a regular expression on every block: what a block holds
if the processor can take it (an admonition's continuation is indented). Footnote, abbreviation
and reference definitions are looked for by `run`, which puts back a block without one."""


class _Sorted(util.Registry):
    """A registry that sorts its items when they change, not each time it is read."""

    def __init__(self, items: util.Registry) -> None:
        super().__init__()
        self._items: list[Any] | None = None
        for item in list(items._priority):  # reading an item sorts the list in place
            self.register(items[item.name], item.name, item.priority)

    def register(self, item: Any, name: str, priority: float) -> None:
        self._items = None
        super().register(item, name, priority)

    def deregister(self, name: str, strict: bool = True) -> None:
        self._items = None
        super().deregister(name, strict)

    def __iter__(self) -> Iterator[Any]:
        if self._items is None:
            self._items = list(super().__iter__())
        return iter(self._items)


class _Inline(InlineProcessor):
    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        patterns = list(self.inlinePatterns)  # sorted by priority, as the base class reads them
        names = [item.name for item in self.inlinePatterns._priority]
        self._patterns = [
            (pattern, () if name in REFERENCES and not self.md.references else NEEDS.get(name))
            for pattern, name in zip(patterns, names, strict=True)
        ]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if isinstance(data, util.AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        patterns = self._patterns
        start = 0
        while patternIndex < len(patterns):
            pattern, needs = patterns[patternIndex]
            if needs is not None:
                for c in needs:
                    if c in data:
                        break
                else:
                    patternIndex, start = patternIndex + 1, 0
                    continue
            data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class _Needs(BlockProcessor):
    """A block processor asked only about blocks that hold what it needs (see BLOCK_NEEDS)."""

    def __init__(self, processor: BlockProcessor, needs: Callable[[str], bool]) -> None:
        super().__init__(processor.parser)
        self.processor, self.needs = processor, needs

    def test(self, parent: etree.Element, block: str) -> bool:
        return self.needs(block) and self.processor.test(parent, block)

    def run(self, parent: etree.Element, blocks: list[str]) -> bool | None:
        return self.processor.run(parent, blocks)


class _Abbreviations(AbbrTreeprocessor):
    """Glossary terms marked as Python-Markdown's abbr does, but an element's place among its
    siblings is looked up only when its tail holds a term: looking it up for every element made
    a page with a thousand paragraphs cost a million steps."""

    def iter_element(self, el: etree.Element, parent: etree.Element | None = None) -> None:
        assert self.RE is not None
        for child in reversed(el):
            self.iter_element(child, el)
        if (text := el.text) and not isinstance(text, util.AtomicString):
            for m in reversed(list(self.RE.finditer(text))):
                if self.abbrs[m.group(0)]:
                    el.insert(0, self.create_element(self.abbrs[m.group(0)], m.group(0), text[m.end() :]))
                    text = text[: m.start()]
            el.text = text
        tail = el.tail
        if parent is None or not tail or isinstance(tail, util.AtomicString):
            return
        matches = list(self.RE.finditer(tail))
        if not matches:
            return
        index = list(parent).index(el) + 1
        for m in reversed(matches):
            if self.abbrs[m.group(0)]:
                parent.insert(index, self.create_element(self.abbrs[m.group(0)], m.group(0), tail[m.end() :]))
                tail = tail[: m.start()]
        el.tail = tail


class _BlockLevel:
    """`Markdown.is_block_level`, answered once per tag name: Python-Markdown asks it of nearly
    every element, and looks the name up in a list of sixty each time. Extensions add to that list
    as they load, before any text is converted, so an answer never goes stale."""

    def __init__(self, md: markdown.Markdown) -> None:
        self.md = md
        self.known: dict[str, bool] = {}

    def __call__(self, tag: Any) -> bool:
        if not isinstance(tag, str):
            return False
        found = self.known.get(tag)
        if found is None:
            found = self.known[tag] = tag.lower().rstrip("/") in self.md.block_level_elements
        return found


class FastMarkdown(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.parser.blockprocessors = _Sorted(md.parser.blockprocessors)
        md.is_block_level = _BlockLevel(md)  # type: ignore[method-assign]
        md.inlinePatterns = _Sorted(md.inlinePatterns)
        md.treeprocessors.register(_Inline(md), "inline", 20)
        if "abbr" in md.treeprocessors:
            md.treeprocessors.register(_Abbreviations(md, md.treeprocessors["abbr"].abbrs), "abbr", 7)
        for item in list(md.parser.blockprocessors._priority):
            if item.name in BLOCK_NEEDS:
                processor = md.parser.blockprocessors[item.name]
                md.parser.blockprocessors.register(_Needs(processor, BLOCK_NEEDS[item.name]), item.name, item.priority)


def makeExtension(**kwargs: object) -> FastMarkdown:  # noqa: N802 (Markdown's API)
    return FastMarkdown(**kwargs)
